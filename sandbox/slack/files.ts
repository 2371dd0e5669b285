/**
 * The three-step external upload behind WebClient.filesUploadV2: files.getUploadURLExternal hands
 * out an upload URL on this emulator, the client POSTs the bytes there (raw or multipart), and
 * files.completeUploadExternal shares the file, which then shows as a message (in a thread if asked).
 */
import type { EmulatorRequest, EmulatorResponse } from '../http-kit.js';
import { botAuthor, threadOf } from './chat.js';
import { type Method, PERMALINK_HOST } from './context.js';
import type { FileRef, SlackStore, StoredFile } from './store.js';
import { isRecord, numberArg, ok, slackError, stringArg } from './wire.js';

export const getUploadURLExternal: Method = (context, args) => {
  const filename = stringArg(args, 'filename');
  if (!filename) return slackError('invalid_arguments', ['missing required field: filename']);
  const length = numberArg(args, 'length');
  if (length === undefined || length < 0)
    return slackError('invalid_arguments', ['missing required field: length']);
  const id = context.store.nextId('F');
  context.store.files.set(id, { id, filename, declaredLength: length, completed: false });
  return ok({ upload_url: `${context.baseUrl}/upload/${id}`, file_id: id });
};

export const completeUploadExternal: Method = (context, args) => {
  const requested = args.files;
  if (!Array.isArray(requested) || requested.length === 0 || !requested.every(isRecord)) {
    return slackError('invalid_arguments', ['files must be a JSON array of {id, title}']);
  }
  const found: Array<{ file: StoredFile; title?: string }> = [];
  for (const entry of requested) {
    const file = typeof entry.id === 'string' ? context.store.files.get(entry.id) : undefined;
    if (!file || file.content === undefined || file.completed) return slackError('file_not_found');
    found.push({ file, ...(typeof entry.title === 'string' ? { title: entry.title } : {}) });
  }
  const channel = stringArg(args, 'channel_id');
  const threadTs = stringArg(args, 'thread_ts');
  if (threadTs && !channel) return slackError('invalid_arguments', ['thread_ts requires channel_id']);
  const thread = channel ? threadOf(context, channel, threadTs) : undefined;
  if (thread === 'missing') return slackError('thread_not_found');
  const comment = stringArg(args, 'initial_comment');
  for (const { file, title } of found) {
    file.completed = true;
    file.title = title ?? file.filename;
  }
  const refs = found.map(({ file }) => fileRef(file));
  if (channel) {
    const message = context.store.add({
      channel,
      ts: context.store.clock.next(),
      ...(thread ? { thread_ts: thread } : {}),
      text: comment ?? '',
      files: refs,
      ...botAuthor(context),
      via: 'files.completeUploadExternal',
      history: [],
    });
    for (const { file } of found) {
      file.channel = channel;
      file.messageTs = message.ts;
      if (thread) file.thread_ts = thread;
      if (comment) file.initial_comment = comment;
    }
  }
  return ok({
    files: found.map(({ file }) => ({
      ...fileRef(file),
      permalink: `${PERMALINK_HOST}/files/${context.workspace.botUserId}/${file.id}/${file.filename}`,
      ...(channel ? { channels: [channel] } : {}),
    })),
  });
};

/** `POST /upload/{file_id}`: keeps the bytes. Multipart bodies give the first part (the file). */
export function receiveUpload(store: SlackStore, fileId: string, request: EmulatorRequest): EmulatorResponse {
  const file = store.files.get(fileId);
  if (!file || file.completed) return { status: 404, body: 'file_not_found' };
  const contentType = String(request.headers['content-type'] ?? '');
  const bytes = request.raw ?? Buffer.from(request.body, 'utf8');
  // Latin-1 maps each byte to one character and back, so a binary file (a PNG) survives byte-exact.
  const part = contentType.toLowerCase().startsWith('multipart/form-data')
    ? firstPart(bytes.toString('latin1'), contentType)
    : undefined;
  file.content = part ? Buffer.from(part.body, 'latin1') : bytes;
  const partType = part?.contentType ?? contentType;
  if (partType) file.contentType = partType;
  return { status: 200, body: `OK - ${file.content.length}` };
}

function firstPart(body: string, contentType: string): { body: string; contentType?: string } | undefined {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return undefined;
  for (const chunk of body.split(`--${boundary}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = chunk.slice(0, split);
    if (!/content-disposition/i.test(headers)) continue;
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
    return { body: chunk.slice(split + 4).replace(/\r\n$/, ''), ...(type ? { contentType: type } : {}) };
  }
  return undefined;
}

function fileRef(file: StoredFile): FileRef {
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    size: file.content?.length ?? 0,
  };
}
