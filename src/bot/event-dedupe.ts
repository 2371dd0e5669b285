/**
 * Slack redelivers an event it thinks was missed (same `event_id`, with X-Slack-Retry-Num); with
 * several replicas, each may receive it. The store remembers event ids for an hour so exactly one
 * delivery is handled. Events are acked by Bolt before middleware runs, so dropping is safe.
 */
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';

export const EVENT_MEMORY_MS = 60 * 60_000;

export function dedupeEvents(
  store: Pick<Store, 'markEventSeen'>,
  logger: Logger,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id;
    if (typeof eventId === 'string' && eventId.length > 0) {
      if (!(await store.markEventSeen(eventId, EVENT_MEMORY_MS))) {
        logger.debug({ eventId }, 'duplicate event delivery ignored');
        return;
      }
    }
    await next();
  };
}
