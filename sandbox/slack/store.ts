/**
 * What the emulated workspace holds: channel messages (ours, other apps', people's), ephemeral
 * messages, uploaded files, opened modals, trigger ids and response URLs. Plain data so tests and
 * the demo can read it; the Web API and the driver both write through this class.
 */

/** A Block Kit block or element as sent: JSON objects whose shape the emulator only partly checks. */
export type Block = Record<string, unknown>;

export interface FileRef {
  id: string;
  name: string;
  title: string;
  size: number;
}

/** An earlier version of an edited message, oldest first in `StoredMessage.history`. */
export interface MessageVersion {
  text: string;
  blocks?: Block[];
  attachments?: Block[];
  /** The ts of the edit that replaced this version (Slack's `edited.ts`). */
  replacedAt: string;
}

export type MessageAuthor = 'bot' | 'app' | 'user';

export interface StoredMessage {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: Block[];
  attachments?: Block[];
  files?: FileRef[];
  /** Slack user id of the poster: the bot user for our messages, the app's bot user or a person otherwise. */
  user?: string;
  bot_id?: string;
  app_id?: string;
  username?: string;
  subtype?: string;
  /** `bot` = this emulator's bot token, `app` = another app (posted by the driver), `user` = a person. */
  author: MessageAuthor;
  /** How it got here: a Web API method, a response URL, or the driver. */
  via: string;
  edited?: { user: string; ts: string };
  history: MessageVersion[];
  deleted?: boolean;
}

export interface StoredEphemeral {
  channel: string;
  user: string;
  ts: string;
  thread_ts?: string;
  text: string;
  blocks?: Block[];
  attachments?: Block[];
  via: 'chat.postEphemeral' | 'response_url' | 'command_ack';
  history: MessageVersion[];
  deleted?: boolean;
}

export interface StoredFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  declaredLength: number;
  title?: string;
  /** Undefined until the upload URL received the bytes. */
  content?: Buffer;
  contentType?: string;
  completed: boolean;
  channel?: string;
  thread_ts?: string;
  initial_comment?: string;
  /** ts of the message the completed upload became. */
  messageTs?: string;
}

export interface StoredView {
  id: string;
  user?: string;
  trigger_id?: string;
  /** The view object as last opened/updated (type, callback_id, title, blocks, private_metadata...). */
  view: Block;
  hash: string;
  via: string;
  /** Earlier versions replaced by views.update, oldest first. */
  history: Block[];
}

export interface TriggerRecord {
  id: string;
  user: string;
  issuedAt: number;
  used: boolean;
}

/** Where a response URL's posts go: the channel and user of the command or click that produced it. */
export interface ResponseContext {
  kind: 'command' | 'action';
  channel: string;
  user: string;
  /** The message carrying the clicked button (actions only). */
  messageTs?: string;
  threadTs?: string;
  /** The clicked message was ephemeral, so replace_original edits the ephemeral. */
  ephemeral?: boolean;
}

export interface ResponseUrlRecord {
  id: string;
  context: ResponseContext;
  uses: number;
  createdAt: number;
}

/** Slack ts values: unique and increasing, microseconds after the dot (`1764150000.000100`). */
export class TsClock {
  private last = 0;

  next(): string {
    const micros = Math.max(Date.now() * 1000, this.last + 100);
    this.last = micros;
    const seconds = Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  reset(): void {
    this.last = 0;
  }
}

export class SlackStore {
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: StoredEphemeral[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly views = new Map<string, StoredView>();
  /** The Home tab published for each user (views.publish), by user id. */
  readonly homeViews = new Map<string, StoredView>();
  readonly triggers = new Map<string, TriggerRecord>();
  readonly responseUrls = new Map<string, ResponseUrlRecord>();
  readonly clock = new TsClock();
  /** When the bot last posted in each channel (ms), for the optional 1-per-second limit. */
  readonly lastPostAt = new Map<string, number>();
  private counter = 0;

  /** A sequential id with Slack's prefix letter: `F0000001`, `V0000002`... */
  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${String(this.counter).padStart(7, '0')}`;
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find(
      (message) => message.channel === channel && message.ts === ts && !message.deleted,
    );
  }

  ephemeral(channel: string, ts: string): StoredEphemeral | undefined {
    return this.ephemerals.find(
      (message) => message.channel === channel && message.ts === ts && !message.deleted,
    );
  }

  /** The parent then its replies in ts order; empty when the parent is unknown. */
  thread(channel: string, ts: string): StoredMessage[] {
    const parent = this.message(channel, ts);
    if (!parent) return [];
    const replies = this.messages.filter(
      (message) =>
        message.channel === channel && message.thread_ts === ts && message.ts !== ts && !message.deleted,
    );
    return [parent, ...replies.sort((a, b) => compareTs(a.ts, b.ts))];
  }

  replies(channel: string, ts: string): StoredMessage[] {
    return this.thread(channel, ts).slice(1);
  }

  add(message: StoredMessage): StoredMessage {
    this.messages.push(message);
    return message;
  }

  reset(): void {
    this.messages.length = 0;
    this.ephemerals.length = 0;
    this.files.clear();
    this.views.clear();
    this.homeViews.clear();
    this.triggers.clear();
    this.responseUrls.clear();
    this.lastPostAt.clear();
    this.clock.reset();
    this.counter = 0;
  }
}

export function compareTs(a: string, b: string): number {
  const [aSeconds = 0, aMicros = 0] = a.split('.').map(Number);
  const [bSeconds = 0, bMicros = 0] = b.split('.').map(Number);
  return aSeconds - bSeconds || aMicros - bMicros;
}

/** Replaces a message's content, keeping the old version in its history (chat.update, replace_original). */
export function editContent(
  target: { text: string; blocks?: Block[]; attachments?: Block[]; history: MessageVersion[] },
  content: { text?: string; blocks?: Block[]; attachments?: Block[] },
  editTs: string,
): void {
  target.history.push({
    text: target.text,
    ...(target.blocks ? { blocks: target.blocks } : {}),
    ...(target.attachments ? { attachments: target.attachments } : {}),
    replacedAt: editTs,
  });
  if (content.text !== undefined) target.text = content.text;
  if (content.blocks !== undefined) target.blocks = content.blocks;
  if (content.attachments !== undefined) target.attachments = content.attachments;
}
