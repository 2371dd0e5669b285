/**
 * Response URLs (`/response/{id}`), which the driver puts in slash command and block_actions
 * payloads. A post is shown to the user who acted (ephemeral, the default), posted in the channel
 * (`response_type: in_channel`), or replaces/deletes the clicked message. Slack allows 5 uses in
 * 30 minutes; the 404 bodies past that (`used_url`, `expired_url`) are UNCONFIRMED wording.
 */
import type { EmulatorRequest, EmulatorResponse } from '../http-kit.js';
import { botAuthor, storedContent } from './chat.js';
import { isEmpty, readContent } from './content.js';
import type { MethodContext } from './context.js';
import { editContent, type ResponseContext, type StoredEphemeral } from './store.js';
import { isRecord, stringArg } from './wire.js';

export const RESPONSE_URL_USES = 5;
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

export function createResponseUrl(context: MethodContext, responseContext: ResponseContext): string {
  const id = context.store.nextId('R');
  context.store.responseUrls.set(id, { id, context: responseContext, uses: 0, createdAt: context.now() });
  return `${context.baseUrl}/response/${id}`;
}

export function receiveResponse(
  context: MethodContext,
  id: string,
  request: EmulatorRequest,
): EmulatorResponse {
  const record = context.store.responseUrls.get(id);
  if (!record) return { status: 404, body: 'invalid_url' };
  if (context.now() - record.createdAt > RESPONSE_URL_LIFETIME_MS)
    return { status: 404, body: 'expired_url' };
  if (record.uses >= RESPONSE_URL_USES) return { status: 404, body: 'used_url' };
  let payload: unknown;
  try {
    payload = JSON.parse(request.body);
  } catch {
    return { status: 400, body: 'invalid_payload' };
  }
  if (!isRecord(payload)) return { status: 400, body: 'invalid_payload' };
  record.uses += 1;
  const outcome = applyResponse(context, record.context, payload, 'response_url');
  return outcome === 'ok' ? { status: 200, body: { ok: true } } : { status: 400, body: outcome };
}

/**
 * Shows a response payload (from a response URL or a slash command's HTTP answer) as Slack would.
 * Returns 'ok' or the error word Slack answers with.
 */
export function applyResponse(
  context: MethodContext,
  target: ResponseContext,
  payload: Record<string, unknown>,
  via: 'response_url' | 'command_ack',
): string {
  const { store } = context;
  if (payload.delete_original === true || payload.delete_original === 'true') {
    const original = originalOf(context, target);
    if (!original) return 'message_not_found';
    original.deleted = true;
    return 'ok';
  }
  const read = readContent(payload);
  if (!read.ok) return read.error;
  if (isEmpty(read.content)) return 'no_text';
  const replace = payload.replace_original === true || payload.replace_original === 'true';
  if (replace && target.messageTs) {
    const original = originalOf(context, target);
    if (!original) return 'message_not_found';
    const editTs = store.clock.next();
    editContent(original, read.content, editTs);
    if ('author' in original) original.edited = { user: context.workspace.botUserId, ts: editTs };
    return 'ok';
  }
  const threadTs = stringArg(payload, 'thread_ts') ?? target.threadTs;
  if (payload.response_type === 'in_channel') {
    store.add({
      channel: target.channel,
      ts: store.clock.next(),
      ...(stringArg(payload, 'thread_ts') ? { thread_ts: stringArg(payload, 'thread_ts') } : {}),
      ...storedContent(read.content),
      ...botAuthor(context),
      via,
      history: [],
    });
    return 'ok';
  }
  const ephemeral: StoredEphemeral = {
    channel: target.channel,
    user: target.user,
    ts: store.clock.next(),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...storedContent(read.content),
    via,
    history: [],
  };
  store.ephemerals.push(ephemeral);
  return 'ok';
}

function originalOf(context: MethodContext, target: ResponseContext) {
  if (!target.messageTs) return undefined;
  return target.ephemeral
    ? context.store.ephemeral(target.channel, target.messageTs)
    : context.store.message(target.channel, target.messageTs);
}
