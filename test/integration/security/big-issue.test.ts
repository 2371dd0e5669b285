/**
 * Oversized gap issues. GitHub caps an issue body at 65,536 characters, so a body of 10 MB, or one
 * listing 100,000 addresses, is not an Alcatraz report: the bot refuses it at once with a clear
 * message in the thread, probes nothing, comments nothing, and keeps no memory of it. A body of
 * 100,000 address-like strings that are not targets (versions, CIDRs, ranges, URLs) around a real
 * table is read in bounded time and investigated as usual.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateWorld } from '../../../sandbox/generate-world.js';
import type { Scenario } from '../../../sandbox/scenario.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { CHANNEL } from './security-helpers.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

const ipOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function withBody(scenario: Scenario, body: (original: string) => string): Scenario {
  return {
    ...scenario,
    github: {
      ...scenario.github,
      issues: scenario.github.issues.map((issue) =>
        issue.number === 9001 ? { ...issue, body: body(issue.body ?? '') } : issue,
      ),
    },
  };
}

async function investigate(scenario: Scenario) {
  const world = await startWorld(scenario);
  const before = heapMb();
  const started = Date.now();
  await world.driver.postAlert({
    channel: CHANNEL,
    text: 'GAP ALERT https://github.ibm.com/alchemy-conductors/alcatraz/issues/9001',
  });
  await world.idle(60_000);
  const seconds = (Date.now() - started) / 1000;
  const summary = world.slack
    .messages(CHANNEL)
    .find((m) => (m.blocks?.[0] as { block_id?: string } | undefined)?.block_id === 'summary');
  return { world, seconds, heapGrowthMb: heapMb() - before, summary: summary?.text ?? '' };
}

function upstreamCalls(world: World) {
  const { softlayer, tenable, network } = world.sandbox.emulators;
  return softlayer.calls.length + tenable.calls.length + network.calls.length;
}

/** Refused quickly with `message` in the summary, with no upstream call, no comment and little memory. */
async function expectRefused(
  run: Awaited<ReturnType<typeof investigate>>,
  message: RegExp,
  figure: string,
): Promise<void> {
  const { world, seconds, heapGrowthMb, summary } = run;
  try {
    expect(summary).toMatch(message);
    expect(seconds).toBeLessThan(10);
    expect(upstreamCalls(world)).toBe(0);
    expect(world.sandbox.emulators.github.state().postedComments).toHaveLength(0);
    expect(heapGrowthMb).toBeLessThan(30);
    process.stdout.write(
      `FIGURE ${figure} ${JSON.stringify({ seconds, heapGrowthMb: Math.round(heapGrowthMb) })}\n`,
    );
  } finally {
    await world.close();
  }
}

describe('an oversized gap issue', () => {
  const { scenario } = generateWorld(14);

  it('of 10 MB is refused at once with a clear message, nothing probed or posted', async () => {
    const filler = 'lorem ipsum dolor sit amet, see 10.1.2.3 and runbook v1.2.3.4\n';
    const big = withBody(
      scenario,
      (original) => `${original}\n${filler.repeat(Math.ceil(10_000_000 / filler.length))}`,
    );
    await expectRefused(
      await investigate(big),
      /Could not finish investigating alcatraz#9001: .*its body is 10\.0 MB, over the 2\.0 MB a gap report can be/,
      'big.10MB',
    );
  }, 60_000);

  it('listing 100,000 IPs is refused with a clear message, nothing probed or posted', async () => {
    const many = withBody(scenario, () => Array.from({ length: 100_000 }, (_, i) => ipOf(i + 1)).join('\n'));
    await expectRefused(
      await investigate(many),
      /it lists 100000 IPs, over the 10000 one investigation takes on; split the report/,
      'big.100kIPs',
    );
  }, 60_000);

  it('full of 100,000 address-like strings that are no targets is read in bounded time and investigated', async () => {
    const noise = (i: number) =>
      [`v${ipOf(i)}`, `${ipOf(i)}/24`, `${ipOf(i)}-${ipOf(i + 1)}`, `${ipOf(i)}.7`, `https://${ipOf(i)}/x`][
        i % 5
      ];
    const noisy = withBody(scenario, (original) => {
      const lines = Array.from({ length: 100_000 }, (_, i) => noise(i));
      return `${lines.slice(0, 50_000).join(' ')}\n\n${original}\n\n${lines.slice(50_000).join(' ')}`;
    });
    const { world, seconds, summary } = await investigate(noisy);
    try {
      expect(summary).toMatch(/alcatraz#9001: 14 unscanned IPs/);
      expect(seconds).toBeLessThan(20);
      const records = await world.store.listActiveInvestigations();
      expect(await world.store.listFindings(records[0]?.id ?? 0)).toHaveLength(14);
      process.stdout.write(`FIGURE big.noise ${JSON.stringify({ seconds })}\n`);
    } finally {
      await world.close();
    }
  }, 60_000);
});
