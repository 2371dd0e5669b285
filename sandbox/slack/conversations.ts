/**
 * conversations.replies (a thread, parent first) and conversations.history (top-level messages,
 * newest first), with Slack's cursor paging; conversations.info (what kind of conversation an id is).
 */
import type { Method } from './context.js';
import { messageJsonFor } from './message-json.js';
import { compareTs, type StoredMessage } from './store.js';
import { type Args, numberArg, ok, slackError, stringArg } from './wire.js';

export const replies: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  const ts = stringArg(args, 'ts');
  if (!ts) return slackError('invalid_arguments', ['missing required field: ts']);
  const thread = context.store.thread(channel, ts);
  if (thread.length === 0) return slackError('thread_not_found');
  const page = paginate(args, withinRange(args, thread), 1000);
  if (page === 'invalid') return slackError('invalid_cursor');
  return ok({ messages: page.items.map((message) => messageJsonFor(context, message)), ...page.meta });
};

/** The conversation object's kind flags, as Slack gives them for a channel, a private one or a DM. */
export const info: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel || !/^[CGD][A-Z0-9]+$/.test(channel)) return slackError('channel_not_found');
  const im = channel.startsWith('D');
  const isPrivate = im || channel.startsWith('G') || context.workspace.privateChannels.includes(channel);
  return ok({
    channel: {
      id: channel,
      ...(im ? { user: 'U0SOMEONE' } : { name: channel.toLowerCase() }),
      is_channel: !im && !isPrivate,
      is_group: !im && isPrivate,
      is_im: im,
      is_mpim: false,
      is_private: isPrivate,
      is_archived: false,
      created: 1_700_000_000,
    },
  });
};

export const history: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  const topLevel = context.store.messages
    .filter((message) => message.channel === channel && !message.deleted)
    .filter((message) => !message.thread_ts || message.thread_ts === message.ts)
    .sort((a, b) => compareTs(b.ts, a.ts));
  const page = paginate(args, withinRange(args, topLevel), 100);
  if (page === 'invalid') return slackError('invalid_cursor');
  return ok({ messages: page.items.map((message) => messageJsonFor(context, message)), ...page.meta });
};

function withinRange(args: Args, messages: StoredMessage[]): StoredMessage[] {
  const oldest = stringArg(args, 'oldest');
  const latest = stringArg(args, 'latest');
  const inclusive = stringArg(args, 'inclusive') === 'true' || stringArg(args, 'inclusive') === '1';
  return messages.filter((message) => {
    if (oldest && (inclusive ? compareTs(message.ts, oldest) < 0 : compareTs(message.ts, oldest) <= 0))
      return false;
    if (latest && (inclusive ? compareTs(message.ts, latest) > 0 : compareTs(message.ts, latest) >= 0))
      return false;
    return true;
  });
}

/** Cursor = base64 of the offset, opaque to clients as Slack's is. */
function paginate<T>(args: Args, items: T[], defaultLimit: number) {
  const limit = Math.max(1, Math.min(numberArg(args, 'limit') ?? defaultLimit, 1000));
  const cursor = stringArg(args, 'cursor');
  let offset = 0;
  if (cursor) {
    const decoded = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
    if (!decoded) return 'invalid' as const;
    offset = Number(decoded[1]);
  }
  const pageItems = items.slice(offset, offset + limit);
  const next =
    offset + limit < items.length ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '';
  return {
    items: pageItems,
    meta: { has_more: next !== '', response_metadata: { next_cursor: next } },
  };
}
