/**
 * The working-hours reminder (default 09:00 Monday to Friday in the schedule's time zone): in each open
 * investigation's thread, what is still unscanned, by cause, and for how long (since the bot first saw
 * each IP on the issue). Threads with nothing left are not disturbed.
 */
import type { AppContext } from '../context.js';

export interface ReminderJobResult {
  /** Investigation id -> Slack ts of the reminder posted in its thread. */
  reminded: Record<number, string>;
}

export async function remindOpenThreads(
  deps: Pick<AppContext, 'store' | 'notifier'>,
  now: Date,
): Promise<ReminderJobResult> {
  const result: ReminderJobResult = { reminded: {} };
  const open = (await deps.store.listActiveInvestigations()).filter(
    (r) => r.status === 'open' && r.channel && r.threadTs,
  );
  for (const record of open) {
    const unresolved = (await deps.store.listFindings(record.id)).filter((f) => f.resolvedAt === null);
    if (unresolved.length === 0) continue;
    const ts = await deps.notifier.remind(record, unresolved, now);
    if (ts) result.reminded[record.id] = ts;
  }
  return result;
}
