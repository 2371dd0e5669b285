/**
 * One suite, both backends: SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
 * Each PostgreSQL run uses a schema of its own so parallel runs do not meet.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';

const backends: [string, () => Promise<{ url: string; cleanup: () => Promise<void> }>][] = [
  [
    'sqlite',
    async () => ({
      url: `sqlite:${join(mkdtempSync(join(tmpdir(), 'ng-store-')), 'test.db')}`,
      cleanup: async () => {},
    }),
  ],
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  backends.push([
    'postgres',
    async () => {
      const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
      return {
        url,
        cleanup: async () => {
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          await c.query(`drop schema ${schema} cascade`);
          await c.end();
        },
      };
    },
  ]);
}

describe.each(backends)('store on %s', (_name, setup) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const t0 = new Date('2026-11-26T09:00:00Z');

  beforeEach(async () => {
    const env = await setup();
    cleanup = env.cleanup;
    store = await openStore(env.url);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('migrates twice without harm', async () => {
    await store.migrate();
    await store.ping();
  });

  it('sees an event id once within its time to live, again after it expires', async () => {
    expect(await store.markEventSeen('Ev1', 60_000, t0)).toBe(true);
    expect(await store.markEventSeen('Ev1', 60_000, new Date(t0.getTime() + 1000))).toBe(false);
    expect(await store.markEventSeen('Ev1', 60_000, new Date(t0.getTime() + 61_000))).toBe(true);
  });

  it('keeps one active investigation per issue', async () => {
    const input = {
      repo: 'o/r',
      issueNumber: 7,
      title: 'GAP',
      channel: 'C1',
      threadTs: '1.1',
      owner: 'a',
      leaseMs: 60_000,
      now: t0,
    };
    const first = await store.claimInvestigation(input);
    const second = await store.claimInvestigation({ ...input, owner: 'b', threadTs: '2.2' });
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(second.record.id).toBe(first.record.id);
    expect(second.record.threadTs).toBe('1.1');
    await store.updateInvestigation(first.record.id, { status: 'resolved', finishedAt: t0 });
    const third = await store.claimInvestigation({ ...input, owner: 'b' });
    expect(third.created).toBe(true);
    expect(third.record.id).not.toBe(first.record.id);
    expect((await store.findActiveInvestigation('o/r', 7))?.id).toBe(third.record.id);
    expect((await store.findInvestigationByThread('C1', '1.1'))?.id).toBe(third.record.id);
  });

  it('lets another replica take over a running investigation whose lease expired', async () => {
    const { record } = await store.claimInvestigation({
      repo: 'o/r',
      issueNumber: 8,
      title: 'x',
      channel: null,
      threadTs: null,
      owner: 'a',
      leaseMs: 1000,
      now: t0,
    });
    expect(await store.takeOverExpired('b', 60_000, new Date(t0.getTime() + 500))).toHaveLength(0);
    const taken = await store.takeOverExpired('b', 60_000, new Date(t0.getTime() + 2000));
    expect(taken.map((r) => [r.id, r.owner])).toEqual([[record.id, 'b']]);
  });

  it('records an action once per key and lists it as audit', async () => {
    const action = {
      key: 'o/r#7:mark_notalchemy:10.1.2.3',
      investigationId: 1,
      repo: 'o/r',
      issueNumber: 7,
      action: 'mark_notalchemy',
      ip: '10.1.2.3',
      userId: 'U1',
      userName: 'alice',
      createdAt: t0,
    };
    const first = await store.beginAction(action);
    const again = await store.beginAction({ ...action, userId: 'U2', userName: 'bob' });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.record.userId).toBe('U1');
    expect(await store.listUnfinishedActions()).toHaveLength(1);
    await store.finishAction(action.key, 'done', 'environment set to NOTALCHEMY', t0);
    expect(await store.listUnfinishedActions()).toHaveLength(0);
    const audit = await store.listActions({ repo: 'o/r', issueNumber: 7 });
    expect(audit.map((a) => [a.action, a.ip, a.userName, a.status, a.result])).toEqual([
      ['mark_notalchemy', '10.1.2.3', 'alice', 'done', 'environment set to NOTALCHEMY'],
    ]);
    expect(await store.listActions({ issueNumber: 99 })).toEqual([]);
  });

  it('lets a failed action be tried again once, by whoever retries it', async () => {
    const action = {
      key: 'k1',
      investigationId: 1,
      repo: 'o/r',
      issueNumber: 7,
      action: 'power_on',
      ip: '10.1.2.3',
      userId: 'U1',
      userName: 'alice',
    };
    await store.beginAction(action);
    expect(await store.retryAction('k1', { id: 'U2', name: 'bob' })).toBe(false);
    await store.finishAction('k1', 'failed', 'HTTP 500');
    expect(await store.retryAction('k1', { id: 'U2', name: 'bob' })).toBe(true);
    expect(await store.retryAction('k1', { id: 'U3', name: 'carol' })).toBe(false);
    const record = await store.getAction('k1');
    expect([record?.status, record?.userName, record?.result]).toEqual(['intent', 'bob', null]);
  });

  it('grants a lease to one owner until it expires', async () => {
    expect(await store.tryLease('recheck', 'a', 1000, t0)).toBe(true);
    expect(await store.tryLease('recheck', 'b', 1000, new Date(t0.getTime() + 10))).toBe(false);
    expect(await store.tryLease('recheck', 'b', 1000, new Date(t0.getTime() + 1001))).toBe(true);
  });

  it('upserts findings and posted messages', async () => {
    await store.saveFindings(3, [{ ip: '10.1.2.3', category: 'unreachable', findingJson: '{}' }], t0);
    await store.saveFindings(
      3,
      [{ ip: '10.1.2.3', category: 'reachable', findingJson: '{"x":1}' }],
      new Date(t0.getTime() + 5000),
    );
    const [finding] = await store.listFindings(3);
    expect(finding?.category).toBe('reachable');
    expect(finding?.firstSeen.toISOString()).toBe(t0.toISOString());
    expect(finding?.lastSeen.getTime()).toBe(t0.getTime() + 5000);
    await store.recordMessage({ investigationId: 3, key: 'summary', ref: '111.1' });
    await store.recordMessage({ investigationId: 3, key: 'summary', ref: '111.1' });
    expect((await store.listMessages(3)).map((m) => m.key)).toEqual(['summary']);
  });
  it('marks targets resolved once, and a target listed again is open again', async () => {
    await store.saveFindings(
      4,
      [
        { ip: '10.1.2.3', category: 'unreachable', findingJson: '{}' },
        { ip: '10.1.2.4', category: 'powered_off', findingJson: '{}' },
      ],
      t0,
    );
    const later = new Date(t0.getTime() + 60_000);
    expect(await store.markFindingsResolved(4, ['10.1.2.3', '10.9.9.9'], later)).toBe(1);
    expect(await store.markFindingsResolved(4, ['10.1.2.3'], new Date(later.getTime() + 1))).toBe(0);
    const resolved = (await store.listFindings(4)).map((f) => [f.ip, f.resolvedAt?.toISOString() ?? null]);
    expect(resolved.sort()).toEqual([
      ['10.1.2.3', later.toISOString()],
      ['10.1.2.4', null],
    ]);
    await store.saveFindings(4, [{ ip: '10.1.2.3', category: 'unreachable', findingJson: '{}' }], later);
    expect((await store.listFindings(4)).every((f) => f.resolvedAt === null)).toBe(true);
  });

  it('prunes expired leases only', async () => {
    await store.tryLease('recheck:2026-11-26T09:00', 'a', 1000, t0);
    await store.tryLease('recheck:2026-11-26T10:00', 'a', 60_000, t0);
    expect(await store.pruneLeases(new Date(t0.getTime() + 2000))).toBe(1);
    expect(await store.tryLease('recheck:2026-11-26T10:00', 'b', 1000, new Date(t0.getTime() + 2000))).toBe(
      false,
    );
  });

  it('keeps the last known health of each scanner', async () => {
    expect(await store.listScannerHealth()).toEqual([]);
    const base = { name: 'scan-01', healthy: true, status: 'ready', changedAt: t0, checkedAt: t0 };
    await store.saveScannerHealth(base);
    const later = new Date(t0.getTime() + 900_000);
    await store.saveScannerHealth({
      ...base,
      healthy: false,
      status: 'loading',
      changedAt: later,
      checkedAt: later,
    });
    expect(await store.listScannerHealth()).toEqual([
      { name: 'scan-01', healthy: false, status: 'loading', changedAt: later, checkedAt: later },
    ]);
  });

  it('remembers replicas: a restart moves the start time, touch only the last sign of life', async () => {
    await store.registerReplica('a', t0);
    await store.touchReplica('a', new Date(t0.getTime() + 30_000));
    await store.touchReplica('ghost', t0);
    expect(await store.listReplicas()).toEqual([
      { name: 'a', startedAt: t0, seenAt: new Date(t0.getTime() + 30_000) },
    ]);
    const restart = new Date(t0.getTime() + 60_000);
    await store.registerReplica('a', restart);
    expect((await store.listReplicas())[0]?.startedAt).toEqual(restart);
    await store.removeReplica('a');
    expect(await store.listReplicas()).toEqual([]);
  });
});
