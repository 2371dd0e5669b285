/**
 * The store's history queries, on SQLite always and on PostgreSQL when TEST_DATABASE_URL is set:
 * earlier findings with their investigation (by start, by IP), and every change of a scanner's health.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Category } from '../../../src/runbook/model.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { buildFinding } from '../../unit/runbook/report/finding-builder.js';
import { testDatabases } from '../replicas/databases.js';

describe.each(testDatabases())('history in the store on %s', (_name, setup) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const db = await setup();
    cleanup = db.cleanup;
    store = await openStore(db.url ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'ng-history-')), 'h.db')}`);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  async function investigation(issueNumber: number, startedAt: string, ips: [string, Category][]) {
    const now = new Date(startedAt);
    const { record } = await store.claimInvestigation({
      repo: 'alchemy-conductors/alcatraz',
      issueNumber,
      title: 'GAP ALERT',
      channel: null,
      threadTs: null,
      owner: 'test',
      leaseMs: 60_000,
      now,
    });
    await store.saveFindings(
      record.id,
      ips.map(([ip, category]) => buildFinding({ ip, category })),
      now,
    );
    await store.updateInvestigation(record.id, { status: 'resolved' });
    return record.id;
  }

  it('lists the findings of investigations begun since a date, with their issue, by start then IP', async () => {
    const old = await investigation(5001, '2026-10-01T09:00:00Z', [['10.0.0.1', 'powered_off']]);
    const a = await investigation(5002, '2026-11-01T09:00:00Z', [
      ['10.0.0.2', 'unreachable'],
      ['10.0.0.1', 'powered_off'],
    ]);
    const b = await investigation(5003, '2026-11-10T09:00:00Z', [['10.0.0.1', 'not_in_scan_zone']]);
    await store.markFindingsResolved(a, ['10.0.0.1'], new Date('2026-11-05T10:00:00Z'));

    const since = await store.listFindingsSince(new Date('2026-11-01T09:00:00Z'));
    expect(since.map((f) => [f.investigationId, f.issueNumber, f.ip, f.category])).toEqual([
      [a, 5002, '10.0.0.1', 'powered_off'],
      [a, 5002, '10.0.0.2', 'unreachable'],
      [b, 5003, '10.0.0.1', 'not_in_scan_zone'],
    ]);
    expect(since[0]).toEqual({
      investigationId: a,
      repo: 'alchemy-conductors/alcatraz',
      issueNumber: 5002,
      investigationStartedAt: new Date('2026-11-01T09:00:00Z'),
      ip: '10.0.0.1',
      category: 'powered_off',
      firstSeen: new Date('2026-11-01T09:00:00Z'),
      lastSeen: new Date('2026-11-01T09:00:00Z'),
      resolvedAt: new Date('2026-11-05T10:00:00Z'),
    });
    expect(since[1]?.resolvedAt).toBeNull();

    const all = await store.listFindingsSince(new Date('2026-01-01T00:00:00Z'), { ips: ['10.0.0.1'] });
    expect(all.map((f) => f.investigationId)).toEqual([old, a, b]);
    expect(await store.listFindingsSince(new Date('2026-01-01T00:00:00Z'), { ips: [] })).toEqual([]);
  });

  it('filters by a list of IPs longer than one query takes, in order', async () => {
    const ips = Array.from({ length: 450 }, (_, i) => `10.1.${Math.floor(i / 200)}.${i % 200}`);
    const id = await investigation(5004, '2026-11-20T09:00:00Z', [
      ['10.1.0.5', 'powered_off'],
      ['10.1.2.49', 'unreachable'],
      ['10.9.9.9', 'unreachable'],
    ]);
    const found = await store.listFindingsSince(new Date('2026-11-01T00:00:00Z'), { ips });
    expect(found.map((f) => [f.investigationId, f.ip])).toEqual([
      [id, '10.1.0.5'],
      [id, '10.1.2.49'],
    ]);
  });

  it('keeps every change of a scanner health once, oldest first', async () => {
    const down = { name: 'prod-dal09-infra-nessus-01', healthy: false, status: 'loading' };
    await store.recordScannerHealthChange({ ...down, at: new Date('2026-11-02T09:00:00Z') });
    await store.recordScannerHealthChange({ ...down, at: new Date('2026-11-02T09:00:00Z') });
    await store.recordScannerHealthChange({
      name: 'prod-dal09-infra-nessus-01',
      healthy: true,
      status: 'ready',
      at: new Date('2026-11-02T10:00:00Z'),
    });
    await store.recordScannerHealthChange({
      name: 'a-scanner',
      healthy: false,
      status: 'not answering: timeout',
      at: new Date('2026-11-02T10:00:00Z'),
    });
    await store.recordScannerHealthChange({ ...down, at: new Date('2026-10-01T09:00:00Z') });

    const changes = await store.listScannerHealthChanges(new Date('2026-11-01T00:00:00Z'));
    expect(changes).toEqual([
      { ...down, at: new Date('2026-11-02T09:00:00Z') },
      {
        name: 'a-scanner',
        healthy: false,
        status: 'not answering: timeout',
        at: new Date('2026-11-02T10:00:00Z'),
      },
      {
        name: 'prod-dal09-infra-nessus-01',
        healthy: true,
        status: 'ready',
        at: new Date('2026-11-02T10:00:00Z'),
      },
    ]);
  });
});
