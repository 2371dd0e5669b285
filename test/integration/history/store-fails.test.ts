/**
 * History is a help, not the investigation: when the store cannot give it, the report goes out as it
 * was, without a history, and the log says why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withHistory } from '../../../src/app/investigations/history.js';
import { createLogger } from '../../../src/logger.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { capturedStream } from '../../helpers/captured-stream.js';
import { buildFinding, buildReport } from '../../unit/runbook/report/finding-builder.js';

describe('history when the store fails', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'ng-history-fails-')), 's.db')}`);
  });
  afterEach(async () => {
    await store.close();
  });

  it('leaves the report without a history and logs a warning', async () => {
    const { record } = await store.claimInvestigation({
      repo: 'alchemy-conductors/alcatraz',
      issueNumber: 5120,
      title: 'GAP ALERT',
      channel: null,
      threadTs: null,
      owner: 'test',
      leaseMs: 60_000,
    });
    const failing: Store = Object.create(store);
    failing.listFindingsSince = () => Promise.reject(new Error('database is locked'));
    const log = capturedStream();
    const report = buildReport([buildFinding()]);

    const result = await withHistory(
      { store: failing, now: () => new Date(), logger: createLogger({ level: 'info', destination: log }) },
      record,
      report,
    );
    expect(result).toEqual(report);
    expect(result.history).toBeUndefined();
    const lines = log
      .text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'history not read; reported without it',
        err: 'database is locked',
      }),
    ]);

    // The same store answering: the report gets its (empty) history.
    const read = await withHistory(
      { store, now: () => new Date(), logger: createLogger({ level: 'silent' }) },
      record,
      report,
    );
    expect(read.history).toMatchObject({ targets: [], scanners: [] });
  });
});
