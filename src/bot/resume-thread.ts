/**
 * What a run killed between posting and recording left in its thread: only the bot's own messages
 * (its bot id or bot user). A planned reply is known by its first block's id (each category message starts with
 * its own), the report file by its name;
 * only messages after `after` (the investigation's summary) count, so an older investigation of the
 * same issue in the same thread is never mistaken for this one.
 */
import type { WebClient } from '@slack/web-api';
import type { SlackIdentity } from './identity.js';

export interface ThreadSearch {
  /** The bot itself: messages of any other app or person are never taken for the bot's. */
  bot: SlackIdentity;
  channel: string;
  threadTs: string;
  after: string;
  /** First block id -> message key, for the replies not recorded yet. */
  firstBlockIds: ReadonlyMap<string, string>;
  fileName: string;
}

interface ThreadMessage {
  ts?: string;
  bot_id?: string;
  user?: string;
  blocks?: { block_id?: string }[];
  files?: { id?: string; name?: string }[];
}

/** Message key -> Slack ts (or file id, under `report-file`) of what is already in the thread. */
export async function findPostedInThread(
  slack: WebClient,
  search: ThreadSearch,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const page = await slack.conversations.replies({
      channel: search.channel,
      ts: search.threadTs,
      oldest: search.after,
      inclusive: false,
      limit: 200,
      ...(cursor ? { cursor } : {}),
    });
    for (const message of (page.messages ?? []) as ThreadMessage[]) {
      if (!message.ts || compareTs(message.ts, search.after) <= 0) continue;
      const blockId = message.blocks?.[0]?.block_id;
      if (message.bot_id !== search.bot.botId && message.user !== search.bot.userId) continue;
      const key = blockId ? search.firstBlockIds.get(blockId) : undefined;
      if (key && !found.has(key)) found.set(key, message.ts);
      const file = message.files?.find((f) => f.name === search.fileName);
      if (file && !found.has('report-file')) found.set('report-file', file.id ?? message.ts);
    }
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return found;
}

/** Slack timestamps (`1732612345.000100`) in order, without floating-point rounding. */
function compareTs(a: string, b: string): number {
  const [aSeconds = '0', aMicros = ''] = a.split('.');
  const [bSeconds = '0', bMicros = ''] = b.split('.');
  return (
    Number(aSeconds) - Number(bSeconds) || Number(aMicros.padEnd(6, '0')) - Number(bMicros.padEnd(6, '0'))
  );
}
