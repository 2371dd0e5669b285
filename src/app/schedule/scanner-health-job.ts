/**
 * Scanner health (default every 15 minutes): the status of every configured Nessus scanner. The
 * last known state of each is kept in the store; the health channel hears about a change only: a
 * scanner that became unhealthy (not `ready`, or not answering), and one that recovered. A scanner
 * seen for the first time is reported only if it is unhealthy. Without a health channel the states
 * are still kept, and nothing is posted. Each change is also kept in the store's history of changes.
 */
import { errorMessage } from '../../errors.js';
import type { ScannerHealthRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import type { ScannerChange } from '../notifier.js';

export type { ScannerChange } from '../notifier.js';

export interface ScannerHealthResult {
  scanners: { name: string; healthy: boolean; status: string }[];
  changes: ScannerChange[];
  /** Slack ts of the post in the health channel, or null when nothing was posted. */
  postedTs: string | null;
}

export async function checkScannerHealth(
  deps: Pick<AppContext, 'store' | 'ports' | 'notifier'>,
  now: Date,
): Promise<ScannerHealthResult> {
  const { store } = deps;
  const names = deps.ports.scanners.configured();
  const previous = new Map((await store.listScannerHealth()).map((r) => [r.name, r]));
  const scanners = await Promise.all(
    names.map(async (name) => {
      try {
        const health = await deps.ports.scanners.status(name);
        return { name, healthy: health.ready, status: health.status };
      } catch (error) {
        return { name, healthy: false, status: `not answering: ${errorMessage(error)}` };
      }
    }),
  );

  const changes: ScannerChange[] = [];
  const unchanged: ScannerHealthRecord[] = [];
  const changed: ScannerHealthRecord[] = [];
  for (const scanner of scanners) {
    const before = previous.get(scanner.name);
    const isChange = before ? before.healthy !== scanner.healthy : !scanner.healthy;
    const record = {
      ...scanner,
      changedAt: isChange || !before ? now : before.changedAt,
      checkedAt: now,
    };
    if (isChange) {
      changes.push({
        ...scanner,
        was: before ? { healthy: before.healthy, status: before.status, since: before.changedAt } : null,
      });
      changed.push(record);
    } else {
      unchanged.push(record);
    }
  }
  for (const record of unchanged) await store.saveScannerHealth(record);

  // Told before the new states are saved: if that fails, the next run reports the change again.
  const postedTs = changes.length > 0 ? await deps.notifier.scannersChanged(changes, now) : null;
  for (const record of changed) {
    await store.saveScannerHealth(record);
    // Every change is kept too: the history counts how often each scanner went down.
    await store.recordScannerHealthChange({
      name: record.name,
      healthy: record.healthy,
      status: record.status,
      at: now,
    });
  }
  return { scanners, changes, postedTs };
}
