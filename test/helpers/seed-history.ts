/**
 * A store seeded with several weeks of gap investigations, for the tests of what the bot remembers
 * (history lines, recurring targets, scanner falls, and whatever else reads the store's past). Times
 * are whole days (or hours) before `now`, so a test can state its expectations by hand from the table
 * below whatever day it runs. The IPs are the demo scenario's (examples/scenarios/demo.yaml, issue
 * alcatraz#5120), so an investigation of the demo after seeding meets its past.
 *
 *   investigation  issue  began   status    target        cause             resolved  action (done)
 *   I1             #5101  -100 d  resolved  10.10.5.31    powered_off       -98 d     -
 *                                            10.10.7.8     not_in_scan_zone  -95 d     -
 *   I2             #5102   -60 d  resolved  10.10.5.31    powered_off       -58 d     power_on by bob -59 d
 *                                            10.10.7.8     not_in_scan_zone  -55 d     -
 *                                            10.10.9.9     stale_scan        -57 d     -
 *   I3             #5103   -30 d  resolved  10.10.5.31    powered_off       -28 d     power_on by alice -29 d
 *                                            10.10.7.8     not_in_scan_zone  -25 d     -
 *                                            10.10.9.9     stale_scan        -27 d     launch_scan by alice -29 d FAILED
 *   I4             #5104   -14 d  resolved  10.10.7.8     not_in_scan_zone  -10 d     -
 *                                            10.10.10.30   unreachable       -12 d     power_on (a reboot) by bob -13 d
 *   I5             #5120    -9 d  resolved  10.10.5.31    powered_off        -7 d     power_on by bob -8 d
 *                                                                                      (refused to mallory -8 d)
 *   I6             #5105    -3 d  open      10.10.9.9     stale_scan        -         -
 *                                            10.10.20.1    no_device         -         -
 *
 * Each finding is first and last seen when its investigation began. Scanner health changes:
 * stage-dal09-infra-nessus-01 down -20 d, up -20 d + 6 h; down -5 d, up -4 d; down -1 h (still down);
 * prod-dal09-infra-nessus-01 down -40 d, up -39 d.
 */
import type { Category } from '../../src/runbook/model.js';
import type { InvestigationStatus, Store } from '../../src/store/store.js';
import { buildFinding, buildReport } from '../unit/runbook/report/finding-builder.js';

export const SEED_REPO = 'alchemy-conductors/alcatraz';
const DAY = 86_400_000;
const HOUR = 3_600_000;

export interface SeedAction {
  action: 'power_on' | 'launch_scan' | 'mark_notalchemy';
  user: { id: string; name: string };
  daysAgo: number;
  status: 'done' | 'failed' | 'refused';
}

export interface SeedFinding {
  ip: string;
  category: Category;
  /** Days before now it was resolved; null while listed. */
  resolvedDaysAgo: number | null;
  actions: SeedAction[];
}

export interface SeedInvestigation {
  name: string;
  issueNumber: number;
  daysAgo: number;
  status: InvestigationStatus;
  findings: SeedFinding[];
}

const bob = { id: 'U0BOB', name: 'bob' };
const alice = { id: 'U0ALICE', name: 'alice' };
const mallory = { id: 'U0MALLORY', name: 'mallory' };
const done = (action: SeedAction['action'], user: SeedAction['user'], daysAgo: number): SeedAction => ({
  action,
  user,
  daysAgo,
  status: 'done',
});

export const SEED_INVESTIGATIONS: readonly SeedInvestigation[] = [
  {
    name: 'I1',
    issueNumber: 5101,
    daysAgo: 100,
    status: 'resolved',
    findings: [
      { ip: '10.10.5.31', category: 'powered_off', resolvedDaysAgo: 98, actions: [] },
      { ip: '10.10.7.8', category: 'not_in_scan_zone', resolvedDaysAgo: 95, actions: [] },
    ],
  },
  {
    name: 'I2',
    issueNumber: 5102,
    daysAgo: 60,
    status: 'resolved',
    findings: [
      {
        ip: '10.10.5.31',
        category: 'powered_off',
        resolvedDaysAgo: 58,
        actions: [done('power_on', bob, 59)],
      },
      { ip: '10.10.7.8', category: 'not_in_scan_zone', resolvedDaysAgo: 55, actions: [] },
      { ip: '10.10.9.9', category: 'stale_scan', resolvedDaysAgo: 57, actions: [] },
    ],
  },
  {
    name: 'I3',
    issueNumber: 5103,
    daysAgo: 30,
    status: 'resolved',
    findings: [
      {
        ip: '10.10.5.31',
        category: 'powered_off',
        resolvedDaysAgo: 28,
        actions: [done('power_on', alice, 29)],
      },
      { ip: '10.10.7.8', category: 'not_in_scan_zone', resolvedDaysAgo: 25, actions: [] },
      {
        ip: '10.10.9.9',
        category: 'stale_scan',
        resolvedDaysAgo: 27,
        actions: [{ action: 'launch_scan', user: alice, daysAgo: 29, status: 'failed' }],
      },
    ],
  },
  {
    name: 'I4',
    issueNumber: 5104,
    daysAgo: 14,
    status: 'resolved',
    findings: [
      { ip: '10.10.7.8', category: 'not_in_scan_zone', resolvedDaysAgo: 10, actions: [] },
      {
        ip: '10.10.10.30',
        category: 'unreachable',
        resolvedDaysAgo: 12,
        actions: [done('power_on', bob, 13)],
      },
    ],
  },
  {
    name: 'I5',
    issueNumber: 5120,
    daysAgo: 9,
    status: 'resolved',
    findings: [
      {
        ip: '10.10.5.31',
        category: 'powered_off',
        resolvedDaysAgo: 7,
        actions: [
          { action: 'power_on', user: mallory, daysAgo: 8, status: 'refused' },
          done('power_on', bob, 8),
        ],
      },
    ],
  },
  {
    name: 'I6',
    issueNumber: 5105,
    daysAgo: 3,
    status: 'open',
    findings: [
      { ip: '10.10.9.9', category: 'stale_scan', resolvedDaysAgo: null, actions: [] },
      { ip: '10.10.20.1', category: 'no_device', resolvedDaysAgo: null, actions: [] },
    ],
  },
];

export interface SeedScannerChange {
  name: string;
  healthy: boolean;
  status: string;
  /** Milliseconds before now. */
  agoMs: number;
}

const STAGE = 'stage-dal09-infra-nessus-01';
const PROD = 'prod-dal09-infra-nessus-01';

export const SEED_SCANNER_CHANGES: readonly SeedScannerChange[] = [
  { name: PROD, healthy: false, status: 'not answering: timeout', agoMs: 40 * DAY },
  { name: PROD, healthy: true, status: 'ready', agoMs: 39 * DAY },
  { name: STAGE, healthy: false, status: 'loading', agoMs: 20 * DAY },
  { name: STAGE, healthy: true, status: 'ready', agoMs: 20 * DAY - 6 * HOUR },
  { name: STAGE, healthy: false, status: 'loading', agoMs: 5 * DAY },
  { name: STAGE, healthy: true, status: 'ready', agoMs: 4 * DAY },
  { name: STAGE, healthy: false, status: 'loading', agoMs: HOUR },
];

export interface SeededHistory {
  /** The moment the seed counts back from. */
  now: Date;
  /** Store ids of the investigations, by name (I1 ... I6). */
  ids: Record<string, number>;
  /** `now` less whole days. */
  daysAgo(days: number): Date;
  /** `YYYY-MM-DD` of `now` less whole days (UTC). */
  day(days: number): string;
}

/** Writes the seed into `store` through its own interface; returns the ids and the clock it used. */
export async function seedHistory(store: Store, now: Date = new Date()): Promise<SeededHistory> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY);
  const ids: Record<string, number> = {};
  for (const seed of SEED_INVESTIGATIONS) {
    const began = daysAgo(seed.daysAgo);
    const { record } = await store.claimInvestigation({
      repo: SEED_REPO,
      issueNumber: seed.issueNumber,
      title: 'GAP ALERT - unscanned machines require investigation',
      channel: null,
      threadTs: null,
      owner: 'seed',
      leaseMs: 60_000,
      now: began,
    });
    ids[seed.name] = record.id;
    const findings = seed.findings.map((f) =>
      buildFinding({ ip: f.ip, category: f.category, hostname: null, actions: [] }),
    );
    await store.saveFindings(record.id, findings, began);
    for (const finding of seed.findings) {
      for (const [index, action] of finding.actions.entries()) {
        const at = daysAgo(action.daysAgo);
        const key = `seed:${seed.name}:${finding.ip}:${action.action}:${index}`;
        await store.beginAction({
          key,
          investigationId: record.id,
          repo: SEED_REPO,
          issueNumber: seed.issueNumber,
          action: action.action,
          ip: finding.ip,
          userId: action.user.id,
          userName: action.user.name,
          createdAt: at,
        });
        await store.finishAction(key, action.status, `${action.status} (seed)`, at);
      }
      if (finding.resolvedDaysAgo !== null) {
        await store.markFindingsResolved(record.id, [finding.ip], daysAgo(finding.resolvedDaysAgo));
      }
    }
    const report = buildReport(findings, {
      issue: {
        repo: SEED_REPO,
        number: seed.issueNumber,
        title: 'GAP ALERT - unscanned machines require investigation',
      },
      checkedAt: began.toISOString(),
    });
    const finished =
      seed.status === 'resolved'
        ? daysAgo(Math.min(...seed.findings.map((f) => f.resolvedDaysAgo ?? 0)))
        : began;
    await store.updateInvestigation(record.id, {
      status: seed.status,
      report,
      finishedAt: finished,
      owner: null,
      leaseUntil: null,
      progressDone: findings.length,
      progressTotal: findings.length,
    });
  }
  for (const change of SEED_SCANNER_CHANGES) {
    await store.recordScannerHealthChange({
      name: change.name,
      healthy: change.healthy,
      status: change.status,
      at: new Date(now.getTime() - change.agoMs),
    });
  }
  return { now, ids, daysAgo, day: (days) => daysAgo(days).toISOString().slice(0, 10) };
}
