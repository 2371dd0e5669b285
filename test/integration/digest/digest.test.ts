/**
 * The weekly digest over the shared history seed (test/helpers/seed-history.ts), on SQLite and on
 * PostgreSQL when TEST_DATABASE_URL is set: the figures read off the seed's table by hand, and
 * `nessus-gap digest` printing them as JSON and markdown and writing the chart as a PNG.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gatherDigest } from '../../../src/app/digest/gather-digest.js';
import { main } from '../../../src/cli/main.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { capturedStream } from '../../helpers/captured-stream.js';
import { type SeededHistory, seedHistory } from '../../helpers/seed-history.js';
import { testDatabases } from '../replicas/databases.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const DAY = 86_400_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(testDatabases())('the weekly digest of the seed on %s', (_name, setup) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let seed: SeededHistory;
  let databaseUrl: string;
  let dir: string;
  beforeEach(async () => {
    const db = await setup();
    cleanup = db.cleanup;
    dir = mkdtempSync(join(tmpdir(), 'ng-digest-'));
    databaseUrl = db.url ?? `sqlite:${join(dir, 's.db')}`;
    store = await openStore(databaseUrl);
    seed = await seedHistory(store, NOW);
  });
  afterEach(async () => {
    await store.close();
    await cleanup();
  });

  it('the week ending at the seed`s now: none unscanned at its start, I6`s two at its end, nothing fixed', async () => {
    const digest = await gatherDigest({ store }, NOW);
    // Start (-7 d): I5's 10.10.5.31 was resolved exactly then; I6 began at -3 d.
    expect(digest.unscanned.start).toEqual({});
    expect(digest.unscanned.end).toEqual({ stale_scan: 1, no_device: 1 });
    expect(digest.fixed).toEqual({ resolved: 0, actions: 0, byUser: [], byAction: [] });
    expect(digest.timeToResolve).toEqual({ count: 0, medianMs: null, worstMs: null, worstIp: null });
    // I2, I3 and I6 / I2, I3 and I5 / I2, I3 and I4 within 90 days: the latest seen first.
    expect(digest.recurring.map((r) => [r.ip, r.investigations])).toEqual([
      ['10.10.9.9', 3],
      ['10.10.5.31', 3],
      ['10.10.7.8', 3],
    ]);
    // Week ends -49 ... 0 d: I3's two at -28 d (10.10.5.31 resolved exactly then), I4's two at -14 d, I6's now.
    expect(digest.chart.weekEnds).toEqual([49, 42, 35, 28, 21, 14, 7, 0].map((d) => seed.daysAgo(d)));
    expect(Object.fromEntries(digest.chart.series.map((s) => [s.category, s.counts]))).toEqual({
      stale_scan: [0, 0, 0, 1, 0, 0, 0, 1],
      not_in_scan_zone: [0, 0, 0, 1, 0, 1, 0, 0],
      unreachable: [0, 0, 0, 0, 0, 1, 0, 0],
      no_device: [0, 0, 0, 0, 0, 0, 0, 1],
    });
  });

  it('the week ending a day and a half earlier: I5`s target open at its start, fixed by bob in 2 days', async () => {
    const digest = await gatherDigest({ store }, new Date(NOW.getTime() - 1.5 * DAY), 2);
    expect(digest.unscanned.start).toEqual({ powered_off: 1 });
    expect(digest.unscanned.end).toEqual({ stale_scan: 1, no_device: 1 });
    // bob's power_on at -8 d counts; mallory's refusal does not.
    expect(digest.fixed).toEqual({
      resolved: 1,
      actions: 1,
      byUser: [{ name: 'bob', count: 1 }],
      byAction: [{ name: 'power_on', count: 1 }],
    });
    // 10.10.5.31: first seen -9 d, resolved -7 d.
    expect(digest.timeToResolve).toEqual({
      count: 1,
      medianMs: 2 * DAY,
      worstMs: 2 * DAY,
      worstIp: '10.10.5.31',
    });
  });

  it('nessus-gap digest prints the figures as JSON and markdown, and writes the chart as a PNG', async () => {
    const env = { DATABASE_URL: databaseUrl };
    const run = async (...argv: string[]) => {
      const stdout = capturedStream();
      const stderr = capturedStream();
      const code = await main(['digest', ...argv], { env, stdout, stderr });
      return { code, out: stdout.text(), err: stderr.text() };
    };
    const json = await run('--format', 'json', '--at', NOW.toISOString());
    expect(json).toMatchObject({ code: 0, err: '' });
    const figures = JSON.parse(json.out);
    expect(figures.unscanned).toEqual({
      start: { total: 0, byCause: {} },
      end: { total: 2, byCause: { stale_scan: 1, no_device: 1 } },
    });
    expect(figures.recurring.map((r: { ip: string }) => r.ip)).toEqual([
      '10.10.9.9',
      '10.10.5.31',
      '10.10.7.8',
    ]);
    expect(figures.chart.byCause.stale_scan).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);

    const text = await run('--weeks', '4', '--at', NOW.toISOString());
    expect(text.code).toBe(0);
    expect(text.out).toContain('```mermaid\n');
    expect(text.out).toContain('bar [0, 2, 0, 2]');
    expect(text.out).toContain('10.10.9.9: 3 investigations from');

    const out = join(dir, 'chart.png');
    const png = await run('--format', 'png', '--out', out, '--at', NOW.toISOString());
    expect(png).toMatchObject({ code: 0, out: `${out}\n` });
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    // The IHDR chunk: 900 x 450 pixels.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([900, 450]);
    expect(statSync(out).size).toBeGreaterThan(10_000);

    expect(await run('--weeks', '0')).toMatchObject({ code: 2 });
    expect((await run('--format', 'json', '--out', out)).err).toMatch(/--out is for --format png/);
  });
});
