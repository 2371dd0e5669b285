/**
 * How often each scanner went down in a recent window, from the health job's changes. A scanner
 * whose first change in the window is a recovery was already down when the window began; one whose
 * last change is a fall is still down now. A scanner with no change in the window but last known
 * down since before it (`lastKnown`, the health job's last state) was down all the window.
 */
import type { ScannerHealthChange } from './types.js';
import { daysBefore } from './window.js';

export const SCANNER_DOWN_WINDOW_DAYS = 30;

export interface ScannerDowntime {
  name: string;
  /** Times it went down within the window. */
  downs: number;
  /** Milliseconds it spent down within the window (up to `now`). */
  downMs: number;
  /** Down at the end of the window (its last change was a fall). */
  downNow: boolean;
}

/** Per scanner that changed within the window, by name. */
export function scannerDownCounts(
  changes: readonly ScannerHealthChange[],
  now: Date,
  windowDays = SCANNER_DOWN_WINDOW_DAYS,
  lastKnown: readonly { name: string; healthy: boolean; changedAt: Date }[] = [],
): ScannerDowntime[] {
  const start = daysBefore(now, windowDays).getTime();
  const end = now.getTime();
  const byName = new Map<string, ScannerHealthChange[]>();
  for (const change of changes) {
    const at = change.at.getTime();
    if (at < start || at > end) continue;
    const list = byName.get(change.name);
    if (list) list.push(change);
    else byName.set(change.name, [change]);
  }
  const result: ScannerDowntime[] = [];
  for (const [name, list] of byName) {
    const ordered = [...list].sort((a, b) => a.at.getTime() - b.at.getTime());
    let downs = 0;
    let downMs = 0;
    // Down since the window began when the first change seen is a recovery.
    let downSince: number | null = ordered[0]?.healthy ? start : null;
    for (const change of ordered) {
      const at = change.at.getTime();
      if (!change.healthy && downSince === null) {
        downs += 1;
        downSince = at;
      } else if (change.healthy && downSince !== null) {
        downMs += at - downSince;
        downSince = null;
      }
    }
    const downNow = downSince !== null;
    if (downSince !== null) downMs += end - downSince;
    result.push({ name, downs, downMs, downNow });
  }
  for (const state of lastKnown) {
    if (byName.has(state.name) || state.healthy || state.changedAt.getTime() >= start) continue;
    result.push({ name: state.name, downs: 0, downMs: end - start, downNow: true });
  }
  return result.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
