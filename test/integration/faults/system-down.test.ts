/**
 * One upstream down entirely: Tenable.sc refuses connections from before the alert. The investigation
 * still finishes; the targets whose diagnosis does not need Tenable.sc get their cause, the others say
 * what could not be checked, and the summary (in Slack and on the issue) says Tenable.sc was down.
 */
import { generateWorld } from '../../../sandbox/generate-world.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import {
  alertText,
  CHANNEL,
  checkFailedFindings,
  FAST_TIMEOUTS,
  figure,
  reportComments,
  storedReport,
  tableRowsByIp,
} from './fault-helpers.js';

/** Categories the rules settle before any Tenable.sc check (account, device, power, scanner health). */
const WITHOUT_TENABLE = new Set([
  'not_in_account',
  'management_ip_unreachable',
  'no_device',
  'pending_deletion',
  'powered_off_decommissioning',
  'powered_off',
  'scanner_down',
]);

describe('Tenable.sc down for the whole investigation', () => {
  let world: World;
  let expected: Map<string, string>;
  let alertTs: string;
  beforeAll(async () => {
    const generated = generateWorld(56);
    expected = generated.expected;
    world = await startWorld(generated.scenario, { configOverrides: FAST_TIMEOUTS });
    await world.sandbox.emulators.tenable.close();
    const alert = await world.driver.postAlert({ channel: CHANNEL, text: alertText(world) });
    alertTs = alert.ts;
    await world.idle(60_000);
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  it('finishes, with exactly one finding per target', async () => {
    const { report } = await storedReport(world);
    expect(report.findings.map((f) => f.ip).sort()).toEqual([...expected.keys()].sort());
    expect([...tableRowsByIp(world).values()].every((n) => n === 1)).toBe(true);
    expect(report.systemsDown).toEqual(['tenable']);
  });

  it('makes the findings that do not need Tenable.sc, and says what it could not check for the others', async () => {
    const { report } = await storedReport(world);
    const made = report.findings.filter((f) => f.category !== 'check_failed');
    for (const finding of made) expect(finding.category).toBe(expected.get(finding.ip));
    // Every target the rules settle before any Tenable.sc check is among them.
    const settledEarly = report.findings.filter((f) => WITHOUT_TENABLE.has(expected.get(f.ip) ?? ''));
    expect(settledEarly.length).toBeGreaterThan(0);
    for (const finding of settledEarly) expect(finding.category).toBe(expected.get(finding.ip));
    const failed = checkFailedFindings(report);
    expect(failed.length).toBeGreaterThan(0);
    for (const finding of failed) {
      expect(finding.failedChecks.map((c) => c.system)).toContain('tenable');
      expect(finding.summary).toMatch(/Could not check Tenable\.sc/);
      expect(finding.failedChecks.find((c) => c.system === 'tenable')?.reason).toMatch(
        /ECONNREFUSED|refused|connect/i,
      );
    }
    figure('down.tenable', {
      findings: report.findings.length,
      made: made.length,
      couldNotCheck: failed.length,
    });
  });

  it('says in the Slack summary and on the issue that Tenable.sc was down', () => {
    const summary = world.slack
      .thread(CHANNEL, alertTs)
      .find((m) => (m.blocks?.[0] as { block_id?: string } | undefined)?.block_id === 'summary');
    const down = JSON.stringify(summary?.blocks ?? []);
    expect(down).toMatch(/Could not reach Tenable\.sc/);
    const comment = reportComments(world)[0]?.body ?? '';
    expect(comment).toMatch(/Could not reach Tenable\.sc/);
  });
});
