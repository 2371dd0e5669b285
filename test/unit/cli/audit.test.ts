/**
 * `nessus-gap audit`: the actions of a store (SQLite file here; the queries are the store's, tested
 * on both backends) as JSON per docs/contract.md section 10 or as an aligned table, filtered by issue.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';
import { openStore } from '../../../src/store/open-store.js';

class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    done();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

describe('nessus-gap audit', () => {
  let dir: string;
  let databaseUrl: string;
  const t0 = new Date('2026-11-26T09:05:00Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ng-audit-'));
    databaseUrl = `sqlite:${join(dir, 'store.db')}`;
    const store = await openStore(databaseUrl);
    const base = { investigationId: 1, repo: 'alchemy-conductors/alcatraz', issueNumber: 5120 };
    await store.beginAction({
      ...base,
      key: 'k1',
      action: 'mark_notalchemy',
      ip: '10.10.1.11',
      userId: 'U0ALICE',
      userName: 'alice',
      createdAt: t0,
    });
    await store.finishAction('k1', 'done', 'inventory server 1001 set to environment NOTALCHEMY', t0);
    await store.beginAction({
      ...base,
      key: 'k2',
      action: 'power_on',
      ip: '10.10.5.31',
      userId: 'U0MALLORY',
      userName: null,
      createdAt: new Date(t0.getTime() + 60_000),
    });
    await store.finishAction('k2', 'refused', 'not authorised', t0);
    await store.beginAction({
      ...base,
      issueNumber: 5121,
      key: 'k3',
      action: 'launch_scan',
      ip: '10.20.1.15',
      userId: 'U0BOB',
      userName: 'bob\u001b[2J',
      createdAt: new Date(t0.getTime() + 120_000),
    });
    await store.close();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(argv: string[], env: Record<string, string> = { DATABASE_URL: databaseUrl }) {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await main(['audit', ...argv], {
      stdout,
      stderr,
      stdin: Readable.from([]),
      env,
      interactive: false,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('prints every action as JSON, oldest first', async () => {
    const { code, stdout, stderr } = await run(['--format', 'json']);
    expect([code, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual([
      {
        at: '2026-11-26T09:05:00.000Z',
        user: 'alice',
        action: 'mark_notalchemy',
        ip: '10.10.1.11',
        issue: 5120,
        result: 'done: inventory server 1001 set to environment NOTALCHEMY',
      },
      {
        at: '2026-11-26T09:06:00.000Z',
        user: 'U0MALLORY',
        action: 'power_on',
        ip: '10.10.5.31',
        issue: 5120,
        result: 'refused: not authorised',
      },
      {
        at: '2026-11-26T09:07:00.000Z',
        user: 'bob\u001b[2J',
        action: 'launch_scan',
        ip: '10.20.1.15',
        issue: 5121,
        result: 'in progress',
      },
    ]);
  });

  it('filters by issue, given as N, #N or a URL of the gap repository', async () => {
    for (const ref of ['5121', '#5121', 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5121']) {
      const { code, stdout } = await run(['--issue', ref, '--format', 'json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout).map((e: { ip: string }) => e.ip)).toEqual(['10.20.1.15']);
    }
    expect(JSON.parse((await run(['--issue', '42', '--format', 'json'])).stdout)).toEqual([]);
    const otherRepo = 'https://github.ibm.com/someone/else/issues/5121';
    expect(JSON.parse((await run(['--issue', otherRepo, '--format', 'json'])).stdout)).toEqual([]);
  });

  it('prints an aligned table by default, with control characters removed', async () => {
    const { code, stdout } = await run([]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      'AT (UTC)          USER       ACTION           IP          ISSUE  RESULT',
      '2026-11-26 09:05  alice      mark_notalchemy  10.10.1.11  #5120  done: inventory server 1001 set to environment NOTALCHEMY',
      '2026-11-26 09:06  U0MALLORY  power_on         10.10.5.31  #5120  refused: not authorised',
      '2026-11-26 09:07  bob [2J    launch_scan      10.20.1.15  #5121  in progress',
    ]);
    expect((await run(['--issue', '42'])).stdout).toBe('No actions recorded.\n');
  });

  it('exits 2 on bad arguments, naming the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'xml'], /--format must be one of json, text \(got 'xml'\)/],
      [['--issue', 'abc'], /--issue must be an issue number, #N or an issue URL \(got 'abc'\)/],
      [['--issue', 'ftp://h/o/r/issues/1'], /--issue must be/],
      [['--issue'], /audit: .*--issue/],
      [['--frobnicate'], /audit: .*frobnicate/],
      [['extra'], /unexpected argument 'extra'/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await run(argv);
      expect([argv, code, stdout]).toEqual([argv, 2, '']);
      expect(stderr).toMatch(message);
    }
  });

  it('refuses to read a store that does not exist, and does not create one', async () => {
    const missing = join(dir, 'nowhere', 'store.db');
    const { code, stderr } = await run([], { DATABASE_URL: `sqlite:${missing}` });
    expect(code).toBe(2);
    expect(stderr).toMatch(/there is no store at .*nowhere\/store\.db: set DATABASE_URL/);
    expect(existsSync(missing)).toBe(false);
    expect((await run([], { DATABASE_URL: 'mysql://x' })).code).toBe(2);
  });
});
