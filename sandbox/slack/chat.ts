/** chat.* methods: post, update, delete, ephemeral, permalink. Our bot is the author of what they post. */
import { isEmpty, type MessageContent, readContent, TRUNCATION_WARNING } from './content.js';
import { type Method, type MethodContext, permalink } from './context.js';
import { messageJsonFor } from './message-json.js';
import { editContent, type StoredMessage } from './store.js';
import { ok, rateLimited, slackError, stringArg } from './wire.js';

const RATE_WINDOW_MS = 1000;

export const postMessage: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  if (context.workspace.enforceRateLimit) {
    const last = context.store.lastPostAt.get(channel);
    if (last !== undefined && context.now() - last < RATE_WINDOW_MS) return rateLimited();
  }
  const read = readContent(args);
  if (!read.ok) return slackError(read.error, read.messages);
  if (isEmpty(read.content)) return slackError('no_text');
  const thread = threadOf(context, channel, stringArg(args, 'thread_ts'));
  if (thread === 'missing') return slackError('thread_not_found');
  const message = context.store.add({
    channel,
    ts: context.store.clock.next(),
    ...(thread ? { thread_ts: thread } : {}),
    ...storedContent(read.content),
    ...botAuthor(context),
    via: 'chat.postMessage',
    history: [],
  });
  context.store.lastPostAt.set(channel, context.now());
  return ok({
    channel,
    ts: message.ts,
    message: messageJsonFor(context, message),
    ...(read.content.truncated ? TRUNCATION_WARNING : {}),
  });
};

export const update: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  const ts = stringArg(args, 'ts');
  const message = ts ? context.store.message(channel, ts) : undefined;
  if (!message) return slackError('message_not_found');
  if (message.author !== 'bot') return slackError('cant_update_message');
  const read = readContent(args);
  if (!read.ok) return slackError(read.error, read.messages);
  if (isEmpty(read.content)) return slackError('no_text');
  const editTs = context.store.clock.next();
  editContent(message, read.content, editTs);
  message.edited = { user: context.workspace.botUserId, ts: editTs };
  return ok({
    channel,
    ts: message.ts,
    text: message.text,
    message: messageJsonFor(context, message),
    ...(read.content.truncated ? TRUNCATION_WARNING : {}),
  });
};

export const remove: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  const ts = stringArg(args, 'ts');
  const message = ts ? context.store.message(channel, ts) : undefined;
  if (!message) return slackError('message_not_found');
  if (message.author !== 'bot') return slackError('cant_delete_message');
  message.deleted = true;
  return ok({ channel, ts: message.ts });
};

export const postEphemeral: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  const user = stringArg(args, 'user');
  if (!user) return slackError('user_not_found');
  const read = readContent(args);
  if (!read.ok) return slackError(read.error, read.messages);
  if (isEmpty(read.content)) return slackError('no_text');
  const threadTs = stringArg(args, 'thread_ts');
  const ts = context.store.clock.next();
  context.store.ephemerals.push({
    channel,
    user,
    ts,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    text: read.content.text ?? '',
    ...(read.content.blocks ? { blocks: read.content.blocks } : {}),
    ...(read.content.attachments ? { attachments: read.content.attachments } : {}),
    via: 'chat.postEphemeral',
    history: [],
  });
  return ok({ message_ts: ts, ...(read.content.truncated ? TRUNCATION_WARNING : {}) });
};

export const getPermalink: Method = (context, args) => {
  const channel = stringArg(args, 'channel');
  if (!channel) return slackError('channel_not_found');
  const ts = stringArg(args, 'message_ts');
  if (!ts || !context.store.message(channel, ts)) return slackError('message_not_found');
  return ok({ channel, permalink: permalink(channel, ts) });
};

/**
 * The thread a reply goes to: a reply to a reply joins the parent's thread, as in Slack. An unknown
 * parent is refused (UNCONFIRMED what Slack does; strict here so a wrong ts shows up in tests).
 */
export function threadOf(
  context: MethodContext,
  channel: string,
  threadTs: string | undefined,
): string | undefined | 'missing' {
  if (!threadTs) return undefined;
  const parent = context.store.message(channel, threadTs);
  if (!parent) return 'missing';
  return parent.thread_ts && parent.thread_ts !== parent.ts ? parent.thread_ts : parent.ts;
}

export function botAuthor(
  context: MethodContext,
): Pick<StoredMessage, 'author' | 'user' | 'bot_id' | 'app_id'> {
  const { workspace } = context;
  return { author: 'bot', user: workspace.botUserId, bot_id: workspace.botId, app_id: workspace.appId };
}

export function storedContent(value: MessageContent): Pick<StoredMessage, 'text' | 'blocks' | 'attachments'> {
  return {
    text: value.text ?? '',
    ...(value.blocks ? { blocks: value.blocks } : {}),
    ...(value.attachments ? { attachments: value.attachments } : {}),
  };
}
