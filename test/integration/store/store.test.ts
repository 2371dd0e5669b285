/**
 * One suite, both backends: SQLite always; PostgreSQL when TEST_DATABASE_URL is set (CI sets it).
 * Each PostgreSQL run uses a schema of its own so parallel runs do not meet.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ErrorCode } from '../../../src/errors.js';
import { StoredRowError } from '../../../src/store/codecs.js';
import { openStore } from '../../../src/store/open-store.js';
import { GUIDE_TTL_MS, type Store } from '../../../src/store/store.js';
import {
  buildFinding,
  buildReport,
  oneFindingPerCategory,
} from '../../unit/runbook/report/finding-builder.js';

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

/** Runs SQL straight on the store's database, past the store (`?` placeholders on both backends). */
async function rawSql(url: string, text: string, params: unknown[]): Promise<void> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      db.prepare(text).run(...params);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    await client.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
  } finally {
    await client.end();
  }
}

/** One text value read straight from the store's database (`?` placeholders on both backends). */
async function rawValue(url: string, text: string, params: unknown[]): Promise<string> {
  if (url.startsWith('sqlite:')) {
    const db = new Database(url.slice('sqlite:'.length));
    try {
      return Object.values(db.prepare(text).get(...params) as Record<string, string>)[0] ?? '';
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    const result = await client.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
    return Object.values(result.rows[0] as Record<string, string>)[0] ?? '';
  } finally {
    await client.end();
  }
}

describe.each(backends)('store on %s', (_name, setup) => {
  let store: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  const t0 = new Date('2026-11-26T09:00:00Z');

  beforeEach(async () => {
    const env = await setup();
    cleanup = env.cleanup;
    url = env.url;
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
    await store.saveFindings(3, [buildFinding({ ip: '10.1.2.3', category: 'unreachable' })], t0);
    await store.saveFindings(
      3,
      [buildFinding({ ip: '10.1.2.3', category: 'reachable' })],
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
        buildFinding({ ip: '10.1.2.3', category: 'unreachable' }),
        buildFinding({ ip: '10.1.2.4', category: 'powered_off' }),
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
    await store.saveFindings(4, [buildFinding({ ip: '10.1.2.3', category: 'unreachable' })], later);
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

  const claim = async (issueNumber: number) =>
    (
      await store.claimInvestigation({
        repo: 'o/r',
        issueNumber,
        title: 'GAP',
        channel: 'C1',
        threadTs: `${issueNumber}.1`,
        owner: 'a',
        leaseMs: 60_000,
        now: t0,
      })
    ).record;

  it('gives back the findings saved, as findings', async () => {
    const findings = [
      ...oneFindingPerCategory(),
      buildFinding({
        ip: '10.9.0.1',
        hostname: null,
        interface: 'management',
        environment: null,
        category: 'check_failed',
        actions: [],
        scanner: null,
        device: { account: 'prod', kind: 'hardware', id: 1234, hostname: 'bm-1', cancellationTicketId: 77 },
        failedChecks: [{ check: 'ping', system: 'probe', reason: 'timed out after 5 s' }],
      }),
    ];
    await store.saveFindings(5, findings, t0);
    const stored = await store.listFindings(5);
    const byIp = new Map(stored.map((f) => [f.ip, f]));
    expect(stored).toHaveLength(findings.length);
    for (const finding of findings) {
      expect(byIp.get(finding.ip)?.finding).toEqual(finding);
      expect(byIp.get(finding.ip)?.category).toBe(finding.category);
    }
  });

  it('gives back the report saved, as a report; clearing it gives null', async () => {
    const record = await claim(11);
    expect(record.report).toBeNull();
    const report = buildReport(oneFindingPerCategory(), {
      systemsDown: ['tenable'],
      scanners: [
        {
          name: 'scan-01',
          nessus: 'ready',
          nessusReason: null,
          tenable: 'working',
          tenableStatus: 'Working',
          verdict: 'ready',
          targets: 3,
        },
      ],
    });
    await store.updateInvestigation(record.id, { report });
    expect((await store.getInvestigation(record.id))?.report).toEqual(report);
    expect((await store.findActiveInvestigation('o/r', 11))?.report).toEqual(report);
    await store.updateInvestigation(record.id, { report: null });
    expect((await store.getInvestigation(record.id))?.report).toBeNull();
  });

  it("keeps a report's findings once: in their rows, the report holding only their IPs in order", async () => {
    const record = await claim(14);
    const findings = [...oneFindingPerCategory()].reverse();
    await store.saveFindings(record.id, findings, t0);
    const report = buildReport(findings, { systemsDown: ['inventory'] });
    await store.updateInvestigation(record.id, { report });

    const json = await rawValue(url, 'select report_json from investigations where id = ?', [record.id]);
    expect(JSON.parse(json)).toEqual({
      ...buildReport([], { systemsDown: ['inventory'], counts: report.counts }),
      findings: undefined,
      findingIps: findings.map((f) => f.ip),
    });
    for (const finding of findings) expect(json).not.toContain(finding.summary);
    expect((await store.getInvestigation(record.id))?.report).toEqual(report);

    // Rebuilt from the rows: a row changed later is what the report gives back.
    const [first] = findings;
    if (!first) throw new Error('no finding');
    const changed = { ...first, summary: 'Seen again.' };
    await store.saveFindings(record.id, [changed], t0);
    expect((await store.getInvestigation(record.id))?.report?.findings[0]).toEqual(changed);

    // A report whose finding has no row: the row is written, with the report's time.
    const extra = buildFinding({ ip: '10.200.0.1' });
    await store.updateInvestigation(record.id, { report: buildReport([...findings, extra]) });
    const rows = await store.listFindings(record.id);
    expect(rows.find((r) => r.ip === extra.ip)?.firstSeen).toEqual(new Date(report.checkedAt));
    expect((await store.getInvestigation(record.id))?.report?.findings.at(-1)).toEqual(extra);
  });

  it('says which IP of a stored report has no findings row', async () => {
    const record = await claim(15);
    await store.updateInvestigation(record.id, { report: buildReport([buildFinding({ ip: '10.1.2.9' })]) });
    await rawSql(url, 'delete from findings where investigation_id = ?', [record.id]);
    const error = await store.getInvestigation(record.id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoredRowError);
    expect((error as StoredRowError).message).toBe(
      `the store's investigations row (investigation ${record.id}) does not decode: its report lists 10.1.2.9, which has no findings row`,
    );
  });

  it('lists the active runs without reading their reports (a row that would not decode is not read)', async () => {
    const open = await claim(16);
    const done = await claim(17);
    await store.updateInvestigation(done.id, { status: 'resolved', finishedAt: t0 });
    await store.saveFindings(open.id, [buildFinding({ ip: '10.1.2.10' })], t0);
    await store.updateInvestigation(open.id, {
      status: 'open',
      report: buildReport([buildFinding({ ip: '10.1.2.10' })]),
    });
    // The report now names a finding with no row: rebuilding it fails, so a listing that works never read it.
    await rawSql(url, 'delete from findings where investigation_id = ?', [open.id]);
    await expect(store.listActiveInvestigations()).rejects.toBeInstanceOf(StoredRowError);

    const runs = await store.listActiveRuns();
    expect(runs.map((r) => [r.id, r.issueNumber, r.status, r.threadTs])).toEqual([
      [open.id, 16, 'open', '16.1'],
    ]);
    expect(runs[0]).not.toHaveProperty('report');
  });

  it('reads a report written before reports had a scanners section', async () => {
    const record = await claim(12);
    const { scanners: _, ...old } = buildReport([buildFinding()]);
    await rawSql(url, 'update investigations set report_json = ? where id = ?', [
      JSON.stringify(old),
      record.id,
    ]);
    expect((await store.getInvestigation(record.id))?.report).toEqual({ ...old, scanners: [] });
  });

  const rowError = async (read: () => Promise<unknown>): Promise<StoredRowError> => {
    const error = await read().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoredRowError);
    expect((error as StoredRowError).code).toBe(ErrorCode.StoreRowInvalid);
    return error as StoredRowError;
  };

  it('says which finding row does not decode, and why', async () => {
    await store.saveFindings(6, [buildFinding({ ip: '10.1.2.3' }), buildFinding({ ip: '10.1.2.4' })], t0);
    await rawSql(url, 'update findings set finding_json = ? where investigation_id = ? and ip = ?', [
      '{"ip": "10.1.2.3", "category": "unrea',
      6,
      '10.1.2.3',
    ]);
    const notJson = await rowError(() => store.listFindings(6));
    expect(notJson.message).toMatch(
      /^the store's findings row \(investigation 6, ip 10\.1\.2\.3\) does not decode: not JSON \(/,
    );

    const strange = {
      ...buildFinding({ ip: '10.1.2.3' }),
      category: 'gone_fishing',
      actions: ['power_on', 'dig'],
    };
    await rawSql(url, 'update findings set finding_json = ? where investigation_id = ? and ip = ?', [
      JSON.stringify(strange),
      6,
      '10.1.2.3',
    ]);
    const badNames = await rowError(() => store.listFindings(6));
    expect([badNames.table, badNames.row]).toEqual(['findings', '(investigation 6, ip 10.1.2.3)']);
    expect(badNames.problem).toBe(
      'category: not a known category: "gone_fishing"; actions.1: not a known action: "dig"',
    );

    const { evidence: _, ...noEvidence } = buildFinding({ ip: '10.1.2.3' });
    await rawSql(url, 'update findings set finding_json = ? where investigation_id = ? and ip = ?', [
      JSON.stringify(noEvidence),
      6,
      '10.1.2.3',
    ]);
    expect((await rowError(() => store.listFindings(6))).problem).toMatch(/^evidence: /);
  });

  it('says which investigation row does not decode, and why', async () => {
    const record = await claim(13);
    await rawSql(url, 'update investigations set report_json = ? where id = ?', ['[1, 2', record.id]);
    const notJson = await rowError(() => store.getInvestigation(record.id));
    expect(notJson.message).toMatch(
      new RegExp(
        `^the store's investigations row \\(investigation ${record.id}\\) does not decode: not JSON`,
      ),
    );
    await rawSql(url, 'update investigations set report_json = ? where id = ?', [
      JSON.stringify({ ...buildReport([buildFinding()]), findings: [{ ip: '10.1.2.3' }] }),
      record.id,
    ]);
    const badFinding = await rowError(() => store.listActiveInvestigations());
    expect(badFinding.row).toBe(`(investigation ${record.id})`);
    expect(badFinding.problem).toMatch(/^findings\.0\.hostname: /);
  });

  it('keeps an open guide until it is taken, once', async () => {
    const guide = {
      key: 'C1:111.1',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*x*' } }, { type: 'divider' }],
      threadTs: '100.1',
      at: t0,
    };
    await store.saveGuide(guide);
    expect(await store.takeGuide('C1:111.1', new Date(t0.getTime() + 60_000))).toEqual(guide);
    expect(await store.takeGuide('C1:111.1', new Date(t0.getTime() + 60_000))).toBeNull();
    expect(await store.takeGuide('C1:222.2', t0)).toBeNull();
  });

  it('gives nothing for a guide older than its time to live, and drops stale guides as new ones come', async () => {
    await store.saveGuide({ key: 'C1:1.1', blocks: [], threadTs: null, at: t0 });
    expect(await store.takeGuide('C1:1.1', new Date(t0.getTime() + GUIDE_TTL_MS + 1))).toBeNull();

    await store.saveGuide({ key: 'C1:2.2', blocks: [], threadTs: null, at: t0 });
    await store.saveGuide({
      key: 'C1:3.3',
      blocks: [],
      threadTs: null,
      at: new Date(t0.getTime() + GUIDE_TTL_MS - 1),
    });
    await store.saveGuide({
      key: 'C1:4.4',
      blocks: [],
      threadTs: null,
      at: new Date(t0.getTime() + GUIDE_TTL_MS + 1),
    });
    // Asked as of t0 the first would still be fresh: it is gone because a later save pruned it.
    expect(await store.takeGuide('C1:2.2', t0)).toBeNull();
    expect((await store.takeGuide('C1:3.3', t0))?.key).toBe('C1:3.3');
  });

  it('shares open guides between two stores on one database (two replicas)', async () => {
    const other = await openStore(url);
    try {
      const guide = { key: 'C1:5.5', blocks: [{ type: 'divider' }], threadTs: null, at: t0 };
      await store.saveGuide(guide);
      expect(await other.takeGuide('C1:5.5', t0)).toEqual(guide);
      expect(await store.takeGuide('C1:5.5', t0)).toBeNull();
    } finally {
      await other.close();
    }
  });

  it('says which guide row does not decode', async () => {
    await store.saveGuide({ key: 'C1:6.6', blocks: [], threadTs: null, at: t0 });
    await rawSql(url, 'update open_guides set blocks_json = ? where key = ?', ['[1]', 'C1:6.6']);
    const error = await rowError(() => store.takeGuide('C1:6.6', t0));
    expect(error.message).toMatch(/^the store's open_guides row \(key C1:6\.6\) does not decode: 0: /);
  });
});
