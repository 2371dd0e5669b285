/** Stored messages as Slack serialises them in API answers, events and interaction payloads. */
import type { MethodContext, Workspace } from './context.js';
import type { SlackStore, StoredMessage } from './store.js';

export function messageJson(
  message: StoredMessage,
  store: SlackStore,
  workspace: Workspace,
): Record<string, unknown> {
  const replies =
    message.thread_ts === undefined || message.thread_ts === message.ts
      ? store.replies(message.channel, message.ts)
      : [];
  const json: Record<string, unknown> = {
    type: 'message',
    ...(message.subtype ? { subtype: message.subtype } : {}),
    text: message.text,
    ...(message.user ? { user: message.user } : {}),
    ...(message.bot_id ? { bot_id: message.bot_id } : {}),
    ...(message.app_id ? { app_id: message.app_id } : {}),
    ...(message.username ? { username: message.username } : {}),
    ...(message.blocks ? { blocks: message.blocks } : {}),
    ...(message.attachments ? { attachments: message.attachments } : {}),
    ...(message.files ? { files: message.files } : {}),
    ts: message.ts,
    team: workspace.teamId,
  };
  if (message.bot_id) {
    json.bot_profile = {
      id: message.bot_id,
      app_id: message.app_id,
      name: message.username ?? (message.author === 'bot' ? 'nessus-gap' : message.bot_id),
      deleted: false,
      team_id: workspace.teamId,
    };
  }
  if (message.thread_ts && message.thread_ts !== message.ts) {
    json.thread_ts = message.thread_ts;
    const parent = store.message(message.channel, message.thread_ts);
    if (parent?.user) json.parent_user_id = parent.user;
  } else if (replies.length > 0) {
    json.thread_ts = message.ts;
    json.reply_count = replies.length;
    json.reply_users = [...new Set(replies.map((reply) => reply.user).filter(Boolean))];
    json.latest_reply = replies[replies.length - 1]?.ts;
  }
  if (message.edited) json.edited = message.edited;
  return json;
}

export function messageJsonFor(context: MethodContext, message: StoredMessage): Record<string, unknown> {
  return messageJson(message, context.store, context.workspace);
}
