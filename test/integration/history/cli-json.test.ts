/**
 * The JSON of the command line: `investigate --issue N --post` runs with the bot's store, so its report
 * carries the history (seeded by test/helpers/seed-history.ts; by hand, as in history.test.ts:
 * 10.10.5.31 recurring in 4 investigations, 3 earlier ones, the latest alcatraz#5120 9 days ago);
 * `investigate --scenario` reads no store and prints none of the history keys.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, type Sandbox, startSandbox } from '../../../sandbox/index.js';
import { main } from '../../../src/cli/main.js';
import { openStore } from '../../../src/store/open-store.js';
import { capturedStream } from '../../helpers/captured-stream.js';
import { seedHistory } from '../../helpers/seed-history.js';

interface JsonReport {
  findings: {
    ip: string;
    history?: { count: number; earlier: { issue: { number: number } }[] };
    recurring?: unknown;
  }[];
  scanners: { name: string; downLast30Days?: unknown }[];
}

describe('history in the JSON of the command line', () => {
  let sandbox: Sandbox;
  let scratch: string;
  beforeEach(async () => {
    sandbox = await startSandbox(loadScenario('examples/scenarios/demo.yaml'));
    scratch = mkdtempSync(join(tmpdir(), 'ng-history-cli-'));
  });
  afterEach(async () => {
    await sandbox.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = async (argv: string[], env: Record<string, string>) => {
    const stdout = capturedStream();
    const stderr = capturedStream();
    const code = await main(argv, {
      stdout,
      stderr,
      env: { LOG_LEVEL: 'silent', ...env },
      interactive: false,
    });
    expect(code).toBe(0);
    return JSON.parse(stdout.text()) as JsonReport;
  };

  it('investigate --post: each finding its history and recurring mark, each scanner its falls', async () => {
    const databaseUrl = `sqlite:${join(scratch, 'store.db')}`;
    const store = await openStore(databaseUrl);
    const seed = await seedHistory(store);
    await store.close();

    const report = await run(['investigate', '--issue', '5120', '--post', '--format', 'json'], {
      ...sandbox.env,
      DATABASE_URL: databaseUrl,
    });
    const target = report.findings.find((f) => f.ip === '10.10.5.31');
    expect(target?.history?.count).toBe(3);
    expect(target?.history?.earlier.map((e) => e.issue.number)).toEqual([5120, 5103, 5102]);
    expect(target?.recurring).toMatchObject({
      investigations: 4,
      firstSeen: seed.daysAgo(60).toISOString(),
      causes: ['powered_off'],
    });
    expect(report.findings.find((f) => f.ip === '10.10.1.11')).toMatchObject({
      history: { count: 0, earlier: [] },
      recurring: null,
    });
    expect(report.scanners.find((s) => s.name === 'stage-dal09-infra-nessus-01')?.downLast30Days).toEqual({
      times: 3,
      minutes: 31 * 60,
      downNow: true,
    });
  });

  it('investigate --scenario: no store, no history keys', async () => {
    const report = await run(
      ['investigate', '--scenario', 'examples/scenarios/demo.yaml', '--format', 'json'],
      {},
    );
    expect(report.findings.some((f) => 'history' in f)).toBe(false);
    expect(report.findings.some((f) => 'recurring' in f)).toBe(false);
    expect(report.scanners.some((s) => 'downLast30Days' in s)).toBe(false);
  });
});
