/**
 * 20% of the calls to every upstream fail the way each real API fails (sandbox `--faults`: 5xx, hangs,
 * dropped connections, 429 with Retry-After, SoftLayer's error inside an HTTP 200, Tenable.sc's 403
 * envelope, GitHub's secondary rate limit, Slack's `ratelimited` and `fatal_error`): an investigation
 * of 200 targets still finishes, every target gets exactly one finding, and nothing is posted twice.
 * Seeds are fixed; the assertions hold whatever order concurrent calls draw their faults in.
 */
import { generateWorld } from '../../../sandbox/generate-world.js';
import { planThread } from '../../../src/bot/render/thread-plan.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import type { CheckName } from '../../../src/runbook/evidence.js';
import {
  alertText,
  CHANNEL,
  checkFailedFindings,
  FAST_TIMEOUTS,
  faultsBySystem,
  figure,
  firstBlockIds,
  reportComments,
  storedReport,
  tableRowsByIp,
} from './fault-helpers.js';

const TARGETS = 200;
const CHECKS: readonly CheckName[] = [
  'account_devices',
  'account_subnets',
  'decommission_tickets',
  'asset_lists',
  'scan_zones',
  'last_scan',
  'scanner_health',
  'ping',
  'tcp22',
];

async function investigateUnderFaults(seed: number, retries?: number) {
  const generated = generateWorld(TARGETS);
  const world = await startWorld(generated.scenario, {
    faultRate: 0.2,
    seed,
    configOverrides: {
      ...FAST_TIMEOUTS,
      http: { ...FAST_TIMEOUTS.http, ...(retries === undefined ? {} : { retries }) },
    },
  });
  const alert = await world.driver.postAlert({ channel: CHANNEL, text: alertText(world) });
  expect(alert.status).toBe(200);
  await world.idle(120_000);
  return { world, expected: generated.expected, alertTs: alert.ts };
}

/** Every target of the issue has exactly one finding, in the store and on the issue. */
async function expectOneFindingPerTarget(world: World, expected: Map<string, string>) {
  const { id, report } = await storedReport(world);
  expect(report.findings.map((f) => f.ip).sort()).toEqual([...expected.keys()].sort());
  const stored = await world.store.listFindings(id);
  expect(stored.map((f) => f.ip).sort()).toEqual([...expected.keys()].sort());
  const rows = tableRowsByIp(world);
  expect([...rows.keys()].sort()).toEqual([...expected.keys()].sort());
  expect([...rows.values()].every((count) => count === 1)).toBe(true);
  return { id, report };
}

/** Nothing twice: one summary, each planned thread message once, each report comment once. */
function expectNothingPostedTwice(world: World, id: number, report: Parameters<typeof planThread>[0]) {
  const ids = firstBlockIds(world);
  expect(ids.filter((b) => b === 'summary')).toHaveLength(1);
  const plan = planThread(report, {
    investigationId: id,
    issue: { repo: report.issue.repo, number: report.issue.number },
  });
  const posted = world.slack.messages(CHANNEL).filter((m) => m.author === 'bot' && m.thread_ts);
  for (const message of plan) {
    expect(posted.filter((m) => m.text === message.text)).toHaveLength(1);
  }
  const categoryHeaders = ids.filter((b) => b.startsWith('category:'));
  expect(new Set(categoryHeaders).size).toBe(categoryHeaders.length);
  // Every posted message is one of the plan's, the summary, or the report file: nothing extra.
  const texts = posted.map((m) => m.text);
  expect(new Set(texts).size).toBe(texts.length);
  const reportFiles = world.slack.files().filter((f) => f.completed && f.filename.endsWith('nessus-gap.md'));
  expect(reportFiles).toHaveLength(1);

  const comments = reportComments(world);
  const markers = comments.map(
    (c) => /nessus-gap:report investigation=\d+ ref=[0-9a-f]{24} part=\d+/.exec(c.body)?.[0],
  );
  expect(new Set(markers).size).toBe(comments.length);
  expect(comments.length).toBeGreaterThan(0);
  return { threadMessages: posted.length, comments: comments.length };
}

describe('an investigation of 200 targets with 20% of every upstream call failing', () => {
  let run: Awaited<ReturnType<typeof investigateUnderFaults>>;
  beforeAll(async () => {
    run = await investigateUnderFaults(7);
  }, 150_000);
  afterAll(async () => {
    await run?.world.close();
  });

  it('finishes and reports it in the alert thread', async () => {
    const records = await run.world.store.listActiveInvestigations();
    expect(records.map((r) => r.status)).toEqual(['open']);
    const summary = run.world.slack
      .thread(CHANNEL, run.alertTs)
      .find((m) => (m.blocks?.[0] as { block_id?: string } | undefined)?.block_id === 'summary');
    expect(summary?.text).toMatch(/200 unscanned IPs/);
  });

  it('gives every target exactly one finding, the planned one unless a check could not be made', async () => {
    const { report } = await expectOneFindingPerTarget(run.world, run.expected);
    const wrong = report.findings
      .filter((f) => f.category !== 'check_failed' && f.category !== run.expected.get(f.ip))
      .map((f) => `${f.ip}: ${f.category}, planned ${run.expected.get(f.ip)}`);
    expect(wrong).toEqual([]);
    figure('faults.findings', {
      total: report.findings.length,
      checkFailed: checkFailedFindings(report).length,
    });
  });

  it('posts no Slack message and no issue comment twice', async () => {
    const { id, report } = await storedReport(run.world);
    const posted = expectNothingPostedTwice(run.world, id, report);
    figure('faults.posted', posted);
  });

  it('really was under faults, on every system, Slack included', () => {
    const tally = faultsBySystem(run.world);
    figure('faults.seed7', tally);
    for (const system of ['github', 'softlayer', 'tenable', 'network', 'slack']) {
      expect(tally[system]?.faults).toBeGreaterThan(0);
    }
    const slackCalls = run.world.slack.apiCalls;
    expect(slackCalls.some((c) => c.status === 429)).toBe(true);
  });
});

describe('the same when retries run out (no retries at all)', () => {
  let run: Awaited<ReturnType<typeof investigateUnderFaults>>;
  beforeAll(async () => {
    run = await investigateUnderFaults(10, 0);
  }, 150_000);
  afterAll(async () => {
    await run?.world.close();
  });

  it('still gives every target exactly one finding, posted once', async () => {
    const { id, report } = await expectOneFindingPerTarget(run.world, run.expected);
    const wrong = report.findings
      .filter((f) => f.category !== 'check_failed' && f.category !== run.expected.get(f.ip))
      .map((f) => `${f.ip}: ${f.category}, planned ${run.expected.get(f.ip)}`);
    expect(wrong).toEqual([]);
    expectNothingPostedTwice(run.world, id, report);
    figure('faults.noRetries', {
      findings: report.findings.length,
      checkFailed: checkFailedFindings(report).length,
      faults: faultsBySystem(run.world),
    });
  });

  it('says of each target it could not diagnose which check failed and the last error', async () => {
    const { report } = await storedReport(run.world);
    const failed = checkFailedFindings(report);
    expect(failed.length).toBeGreaterThan(0);
    for (const finding of failed) {
      expect(finding.failedChecks.length).toBeGreaterThan(0);
      for (const check of finding.failedChecks) {
        expect(CHECKS).toContain(check.check);
        expect(check.reason.trim()).not.toBe('');
        expect(finding.evidence.join('\n')).toContain(check.reason.slice(0, 40));
      }
      expect(finding.summary).toMatch(/^Could not check .*\(/);
    }
    figure('faults.noRetries.reasons', [
      ...new Set(failed.flatMap((f) => f.failedChecks.map((c) => `${c.check}: ${c.reason}`))),
    ]);
    expect(firstBlockIds(run.world)).toContain('category:check_failed');
    expect(
      reportComments(run.world)
        .map((c) => c.body)
        .join('\n'),
    ).toMatch(/Could not check/);
  });
});
