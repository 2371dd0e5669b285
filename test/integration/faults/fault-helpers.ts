/** Readers over a faulty world: the faults the emulators injected, what the bot published, and the figures. */
import type { CallRecord } from '../../../sandbox/http-kit.js';
import type { World } from '../../../src/cli/world.js';
import type { Finding, InvestigationReport } from '../../../src/runbook/finding.js';

export const CHANNEL = 'C0ALERTS';

/** Hung calls end this fast, so that faults cost seconds, not minutes (the default is 10 s). */
export const FAST_TIMEOUTS = { http: { timeoutMs: 1000 }, probe: { timeoutMs: 500 } };

export function alertText(world: World): string {
  const issue = world.sandbox.scenario.github.gapIssue;
  return `GAP ALERT https://github.ibm.com/${world.config.github.gapIssuesRepo}/issues/${issue}`;
}

/** A call that failed the way its API fails: 5xx, 429, no answer, or a dropped connection. */
export function isFault(call: Pick<CallRecord, 'status'>): boolean {
  return call.status === 'hang' || call.status === 'reset' || call.status === 429 || call.status >= 500;
}

/** Faulty calls served by each emulator, Slack's included (SoftLayer's errors inside an HTTP 200 are not counted). */
export function faultsBySystem(world: World): Record<string, { calls: number; faults: number }> {
  const tally: Record<string, { calls: number; faults: number }> = {};
  const emulators = { ...world.sandbox.emulators, slack: world.slack };
  for (const [name, emulator] of Object.entries(emulators)) {
    tally[name] = { calls: emulator.calls.length, faults: emulator.calls.filter(isFault).length };
  }
  return tally;
}

export function postedComments(world: World) {
  return world.sandbox.emulators.github.state().postedComments;
}

/** The report comments of the bot (not its action comments). */
export function reportComments(world: World) {
  return postedComments(world).filter((c) => c.body.includes('nessus-gap:report'));
}

/** IP -> how many rows of the report's findings tables name it, across every report comment. */
export function tableRowsByIp(world: World): Map<string, number> {
  const rows = new Map<string, number>();
  for (const comment of reportComments(world)) {
    for (const match of comment.body.matchAll(/^\| (\d{1,3}(?:\.\d{1,3}){3}) \|/gm)) {
      const ip = match[1] as string;
      rows.set(ip, (rows.get(ip) ?? 0) + 1);
    }
  }
  return rows;
}

/** The stored report of the world's only investigation. */
export async function storedReport(world: World): Promise<{ id: number; report: InvestigationReport }> {
  const records = await world.store.listActiveInvestigations();
  expect(records).toHaveLength(1);
  const record = records[0];
  if (!record?.report) throw new Error('the investigation has no report');
  return { id: record.id, report: record.report };
}

/** Block ids of the first block of each bot message in the channel (summary, category headers...). */
export function firstBlockIds(world: World): string[] {
  return world.slack
    .messages(CHANNEL)
    .filter((m) => m.author === 'bot' && !m.deleted)
    .map((m) => String((m.blocks?.[0] as { block_id?: string } | undefined)?.block_id ?? ''));
}

export function checkFailedFindings(report: InvestigationReport): Finding[] {
  return report.findings.filter((f) => f.category === 'check_failed');
}

/** Prints a figure for docs/faults.md (tests may log; src/ may not). */
export function figure(name: string, value: unknown): void {
  process.stdout.write(`FIGURE ${name} ${JSON.stringify(value)}\n`);
}
