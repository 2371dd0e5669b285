/**
 * Soak: one bot runs 50 investigations back to back (20 targets each, 20% of every upstream call
 * failing), and its memory stays steady. Heap and RSS are measured after a full GC every 10 runs;
 * the Slack emulator is emptied between runs so that only the bot's own memory is measured.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateWorld } from '../../../sandbox/generate-world.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { CHANNEL, faultsBySystem, figure } from './fault-helpers.js';

/** 20 in `npm test` (about a minute); `SOAK_RUNS=50` for the full soak whose figures docs/faults.md gives. */
const RUNS = Number(process.env.SOAK_RUNS ?? 20);
/** Memory is sampled every SAMPLE runs; growth is counted from the first sample (warm-up done). */
const SAMPLE = RUNS >= 50 ? 10 : 5;
const TARGETS = 20;
const MB = 1024 * 1024;
/** Shorter still than the fault test's: a hung call costs 300 ms, so 50 runs take about a minute. */
const SOAK_TIMEOUTS = { http: { timeoutMs: 300 }, probe: { timeoutMs: 200 } };
/** Growth allowed from the first sample to the last: a leak of 1 MB per investigation would pass it at 50 runs. */
const MAX_GROWTH_MB = 30;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settledMemory(): { heapMb: number; rssMb: number } {
  for (let i = 0; i < 3; i++) gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapMb: Math.round((heapUsed / MB) * 10) / 10, rssMb: Math.round((rss / MB) * 10) / 10 };
}

describe(`a soak of ${RUNS} investigations under 20% faults`, () => {
  let world: World;
  afterAll(async () => {
    await world?.close();
  });

  it('finishes every one, each target answered once, with steady memory', async () => {
    const generated = generateWorld(TARGETS, { copies: RUNS });
    world = await startWorld(generated.scenario, {
      faultRate: 0.2,
      seed: 2024,
      configOverrides: SOAK_TIMEOUTS,
      fastSlackRetries: true,
    });
    const repo = world.config.github.gapIssuesRepo;
    const first = generated.scenario.github.gapIssue ?? 0;
    const samples: { run: number; heapMb: number; rssMb: number }[] = [{ run: 0, ...settledMemory() }];
    let faults = 0;
    const started = Date.now();
    for (let run = 1; run <= RUNS; run++) {
      await world.driver.postAlert({
        channel: CHANNEL,
        text: `GAP ALERT https://github.ibm.com/${repo}/issues/${first + run - 1}`,
      });
      await world.idle(60_000);
      faults += Object.values(faultsBySystem(world)).reduce((sum, s) => sum + s.faults, 0);
      world.slack.reset();
      for (const emulator of Object.values(world.sandbox.emulators)) emulator.calls.length = 0;
      if (run % SAMPLE === 0) samples.push({ run, ...settledMemory() });
    }
    const investigations = await world.store.listActiveInvestigations();
    expect(investigations).toHaveLength(RUNS);
    for (const record of investigations) {
      expect(record.status).toBe('open');
      const findings = await world.store.listFindings(record.id);
      expect(findings.map((f) => f.ip).sort()).toEqual([...generated.expected.keys()].sort());
    }
    const comments = world.sandbox.emulators.github.state().postedComments;
    expect(comments.filter((c) => c.body.includes('nessus-gap:report'))).toHaveLength(RUNS);

    const warm = samples.find((s) => s.run === SAMPLE);
    const last = samples.find((s) => s.run === RUNS);
    figure('soak', { runs: RUNS, targets: TARGETS, seconds: (Date.now() - started) / 1000, faults, samples });
    expect(warm && last).toBeTruthy();
    expect((last?.heapMb ?? 0) - (warm?.heapMb ?? 0)).toBeLessThan(MAX_GROWTH_MB);
    expect((last?.rssMb ?? 0) - (warm?.rssMb ?? 0)).toBeLessThan(MAX_GROWTH_MB * 2);
  }, 240_000);
});
