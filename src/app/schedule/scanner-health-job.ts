/**
 * Scanner health (default every 15 minutes): the status of every configured Nessus scanner. The
 * last known state of each is kept in the store; the health channel hears about a change only: a
 * scanner that became unhealthy (not `ready`, or not answering), and one that recovered. A scanner
 * seen for the first time is reported only if it is unhealthy. Without a health channel the states
 * are still kept, and nothing is posted.
 */
import { errorMessage } from '../../errors.js';
import type { ScannerHealthRecord } from '../../store/store.js';
import { escapeInline, mrkdwn } from '../render/escape-mrkdwn.js';
import type { BotServices } from '../services.js';
import { postMessage } from '../slack-post.js';
import { formatDuration } from './duration.js';

export interface ScannerChange {
  name: string;
  healthy: boolean;
  status: string;
  /** The state before: unknown for a scanner seen for the first time. */
  was: { healthy: boolean; status: string; since: Date } | null;
}

export interface ScannerHealthResult {
  scanners: { name: string; healthy: boolean; status: string }[];
  changes: ScannerChange[];
  /** Slack ts of the post in the health channel, or null when nothing was posted. */
  postedTs: string | null;
}

export async function checkScannerHealth(services: BotServices, now: Date): Promise<ScannerHealthResult> {
  const { store } = services;
  const names = services.integrations.scanners.configured();
  const previous = new Map((await store.listScannerHealth()).map((r) => [r.name, r]));
  const scanners = await Promise.all(
    names.map(async (name) => {
      try {
        const health = await services.integrations.scanners.status(name);
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

  let postedTs: string | null = null;
  const channel = services.config.schedule.healthChannel;
  if (changes.length > 0 && channel) {
    // Posted before the new states are saved: if Slack fails, the next run reports the change again.
    const text = healthText(changes, now);
    postedTs = await postMessage(services.slack, channel, {
      text: text.split('\n')[0] ?? text,
      blocks: [{ type: 'section', text: mrkdwn(text) }],
    });
  }
  for (const record of changed) await store.saveScannerHealth(record);
  return { scanners, changes, postedTs };
}

export function healthText(changes: ScannerChange[], now: Date): string {
  return changes
    .map((c) => {
      const name = `*${escapeInline(c.name, 100)}*`;
      const status = escapeInline(c.status, 300);
      if (!c.healthy) {
        const since = c.was ? ` (was ${escapeInline(c.was.status, 100)})` : '';
        return `:red_circle: Nessus scanner ${name} is unhealthy: ${status}${since}.`;
      }
      const down = c.was ? ` after ${formatDuration(now.getTime() - c.was.since.getTime())} unhealthy` : '';
      return `:large_green_circle: Nessus scanner ${name} recovered${down}: ${status}.`;
    })
    .join('\n');
}
