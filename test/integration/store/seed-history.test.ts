/**
 * The shared history seed (test/helpers/seed-history.ts) as the store gives it back, on SQLite and on
 * PostgreSQL when TEST_DATABASE_URL is set, and what the history's pure builders make of it. The
 * expectations are read off the seed's table by hand.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recurringTargets } from '../../../src/runbook/history/recurring.js';
import { scannerDownCounts } from '../../../src/runbook/history/scanner-downtime.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { type SeededHistory, seedHistory } from '../../helpers/seed-history.js';
import { testDatabases } from '../replicas/databases.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 3_600_000;

describe.each(testDatabases())('the history seed on %s', (_name, setup) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let seed: SeededHistory;
  beforeEach(async () => {
    const db = await setup();
    cleanup = db.cleanup;
    store = await openStore(db.url ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'ng-seed-')), 's.db')}`);
    seed = await seedHistory(store, NOW);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('holds six investigations, one still open, and 13 findings', async () => {
    const all = await store.listFindingsSince(seed.daysAgo(365));
    expect(all).toHaveLength(13);
    expect((await store.listActiveInvestigations()).map((r) => r.issueNumber)).toEqual([5105]);
    const within90 = await store.listFindingsSince(seed.daysAgo(90));
    expect(new Set(within90.map((f) => f.issueNumber))).toEqual(new Set([5102, 5103, 5104, 5120, 5105]));
    expect(within90.filter((f) => f.resolvedAt === null).map((f) => f.ip)).toEqual([
      '10.10.20.1',
      '10.10.9.9',
    ]);
  });

  it('has three recurring targets without any new investigation, the latest seen first', async () => {
    const recurring = recurringTargets(await store.listFindingsSince(seed.daysAgo(90)), NOW);
    expect(recurring).toEqual([
      {
        ip: '10.10.9.9',
        investigations: 3,
        firstSeen: seed.daysAgo(60),
        lastSeen: seed.daysAgo(3),
        causes: ['stale_scan'],
      },
      {
        ip: '10.10.5.31',
        investigations: 3,
        firstSeen: seed.daysAgo(60),
        lastSeen: seed.daysAgo(9),
        causes: ['powered_off'],
      },
      {
        ip: '10.10.7.8',
        investigations: 3,
        firstSeen: seed.daysAgo(60),
        lastSeen: seed.daysAgo(14),
        causes: ['not_in_scan_zone'],
      },
    ]);
  });

  it('keeps the done actions with who did them, and the failed and refused ones as such', async () => {
    const actions = await store.listActions();
    expect(actions.filter((a) => a.status === 'done').map((a) => [a.issueNumber, a.ip, a.userName])).toEqual([
      [5102, '10.10.5.31', 'bob'],
      [5103, '10.10.5.31', 'alice'],
      [5104, '10.10.10.30', 'bob'],
      [5120, '10.10.5.31', 'bob'],
    ]);
    expect(actions.filter((a) => a.status !== 'done').map((a) => [a.ip, a.status])).toEqual([
      ['10.10.9.9', 'failed'],
      ['10.10.5.31', 'refused'],
    ]);
  });

  it('has the stage scanner down three times in 30 days, for 31 hours, and down now', async () => {
    const changes = await store.listScannerHealthChanges(seed.daysAgo(30));
    expect(scannerDownCounts(changes, NOW)).toEqual([
      { name: 'stage-dal09-infra-nessus-01', downs: 3, downMs: 31 * HOUR, downNow: true },
    ]);
  });
});
