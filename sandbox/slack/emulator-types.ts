/** The Slack emulator's public shape: what tests, the demo and the driver read and call. */
import type { CallRecord, RunningEmulator } from '../http-kit.js';
import type { SocketModeServer } from './socket-mode.js';
import type {
  Block,
  ResponseContext,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
} from './store.js';
import type { Args } from './wire.js';

/** One Web API call as the emulator saw it (token left out), including calls that got a fault. */
export interface ApiCall {
  method: string;
  args: Args;
  at: number;
  status: CallRecord['status'];
  ok?: boolean;
  error?: string;
}

/** A message from someone other than the bot: another app (an alert) or a person. Posted by the driver. */
export interface ExternalMessageInput {
  channel: string;
  author: 'app' | 'user';
  text?: string;
  blocks?: Block[];
  attachments?: Block[];
  threadTs?: string;
  user?: string;
  botId?: string;
  appId?: string;
  username?: string;
  subtype?: string;
}

export interface SlackEmulator extends RunningEmulator {
  /** Socket Mode's server side, when the emulator was given an `appToken`. */
  socketMode: SocketModeServer | null;
  /** `${url}/api/`: the bot's `clientOptions.slackApiUrl`. */
  apiUrl: string;
  botUserId: string;
  botId: string;
  appId: string;
  teamId: string;
  teamDomain: string;
  /** Every Web API call with its arguments, in arrival order. */
  apiCalls: ApiCall[];
  callsTo(method: string): ApiCall[];
  /** Every message posted (by anyone), updated or deleted (flagged), in posting order. */
  messages(channel?: string): StoredMessage[];
  message(channel: string, ts: string): StoredMessage | undefined;
  /** Parent first, then replies in ts order. */
  thread(channel: string, ts: string): StoredMessage[];
  ephemerals(user?: string): StoredEphemeral[];
  files(): StoredFile[];
  views(): StoredView[];
  view(id: string): StoredView | undefined;
  /** The Home tab last published for `user` (views.publish). */
  homeView(user: string): StoredView | undefined;
  /** Forgets every message, file, view, call and rate-limit window; the options stay. */
  reset(): void;
  /** The user's name from the options, if known. */
  userName(userId: string): string | undefined;
  // --- used by the driver ---
  addMessage(input: ExternalMessageInput): StoredMessage;
  editMessage(
    channel: string,
    ts: string,
    content: { text?: string; blocks?: Block[]; attachments?: Block[] },
  ): StoredMessage;
  issueTriggerId(userId: string): string;
  createResponseUrl(context: ResponseContext): string;
  /** What a slash command's HTTP answer shows (Slack displays a non-empty ack body like a response URL post). */
  showCommandAck(responseUrl: string, payload: Record<string, unknown>): string;
  messageJson(message: StoredMessage): Record<string, unknown>;
  viewJson(view: StoredView, values?: Record<string, unknown>): Record<string, unknown>;
}
