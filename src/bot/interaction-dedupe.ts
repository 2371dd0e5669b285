/**
 * A Slack interaction (a click, a modal submission, a slash command) is handled once. Slack never
 * sends one twice, so a second arrival of the same `trigger_id` (or, without one, the same click's
 * `action_ts` by the same user) is a replay of a captured request within its signature window: it is
 * acknowledged and dropped. Remembered in the store for ten minutes (the window is five minutes
 * either way), so every replica sees it.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

export const INTERACTION_MEMORY_MS = 10 * 60_000;

/** What identifies one interaction, or null for requests that are not interactions (events). */
export function interactionId(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const { trigger_id, actions, user, user_id } = body as {
    trigger_id?: unknown;
    actions?: { action_ts?: unknown }[];
    user?: { id?: unknown };
    user_id?: unknown;
  };
  if (typeof trigger_id === 'string' && trigger_id.length > 0) return `interaction:${trigger_id}`;
  const actionTs = Array.isArray(actions) ? actions[0]?.action_ts : undefined;
  const who = typeof user?.id === 'string' ? user.id : typeof user_id === 'string' ? user_id : null;
  if (typeof actionTs === 'string' && who) return `interaction:${who}:${actionTs}`;
  return null;
}

export function dedupeInteractions(
  store: Pick<Store, 'markEventSeen'>,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const id = interactionId(args.body);
    if (id !== null && !(await store.markEventSeen(id, INTERACTION_MEMORY_MS))) {
      logger.warn({ interaction: id }, 'the same Slack interaction arrived again: dropped');
      const ack = (args as { ack?: () => Promise<void> }).ack;
      if (ack) await ack();
      return;
    }
    await args.next();
  };
}
