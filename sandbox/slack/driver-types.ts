/** What the Slack driver takes and gives back (driver.ts sends; these name the shapes). */
import type { SlackEmulator, StoredView } from './index.js';
import type { EventEnvelope } from './payloads.js';
import type { Block } from './store.js';

export interface SlackDriverOptions {
  /** The bot's base URL, e.g. `http://127.0.0.1:3000`; requests go to `/slack/events`. */
  botUrl: string;
  signingSecret: string;
  emulator: SlackEmulator;
  teamId?: string;
  /** Clock for X-Slack-Request-Timestamp and event_time, in milliseconds. */
  now?: () => number;
  /** How long to wait for the bot's answer. */
  timeoutMs?: number;
  /** Channel id -> name, for channel_name fields (default: the id in lower case). */
  channelNames?: Record<string, string>;
}

export interface DriverResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

export interface SlashCommandInput {
  text: string;
  userId: string;
  userName?: string;
  channelId: string;
  command?: string;
}

export interface AlertInput {
  channel: string;
  text?: string;
  attachments?: Block[];
  blocks?: Block[];
  botId?: string;
  appId?: string;
  username?: string;
  /** The alerting app's bot user (modern apps post with one); none for `subtype: 'bot_message'`. */
  userId?: string;
  /** `bot_message` gives the legacy webhook/integration shape. */
  subtype?: 'bot_message';
  threadTs?: string;
  /** An event id already delivered by this driver redelivers that same event (a Slack retry). */
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface UserMessageInput {
  channel: string;
  userId: string;
  text: string;
  threadTs?: string;
}

export interface EditInput {
  channel: string;
  ts: string;
  text?: string;
  attachments?: Block[];
  blocks?: Block[];
}

export interface ClickInput {
  userId: string;
  userName?: string;
  channel: string;
  messageTs: string;
  threadTs?: string;
  actionId: string;
  value?: string;
  blockId?: string;
}

export interface SubmitInput {
  userId: string;
  userName?: string;
  /** A view the bot opened (from `emulator.views()`) or its id. */
  view: StoredView | string;
  /** `state.values`: block_id -> action_id -> `{type, value}` (or `selected_option`...). */
  values?: Record<string, Record<string, Record<string, unknown>>>;
}

export interface RawInput {
  body: string;
  contentType: string;
  /** Seconds; default now. `null` leaves the header out. */
  timestamp?: number | string | null;
  /** Default: the correct signature. `null` leaves the header out. */
  signature?: string | null;
  headers?: Record<string, string>;
}

export interface DeliveryOptions {
  retryNum?: number;
  retryReason?: string;
}

export type EventDelivery = DriverResponse & { ts: string; eventId: string; envelope: EventEnvelope };

export interface SlackDriver {
  slashCommand(
    input: SlashCommandInput,
  ): Promise<DriverResponse & { responseUrl: string; triggerId: string }>;
  postAlert(input: AlertInput): Promise<EventDelivery>;
  postUserMessage(input: UserMessageInput): Promise<EventDelivery>;
  /** Edits a stored message (as its app would) and delivers the `message_changed` event. */
  editMessage(input: EditInput): Promise<EventDelivery>;
  /** The person opens the app's Home tab (or its Messages tab): the `app_home_opened` event. */
  openAppHome(input: { userId: string; tab?: 'home' | 'messages' }): Promise<EventDelivery>;
  deliverEvent(
    envelope: EventEnvelope | Record<string, unknown>,
    options?: DeliveryOptions,
  ): Promise<DriverResponse>;
  clickButton(
    input: ClickInput,
  ): Promise<DriverResponse & { payload: Record<string, unknown>; responseUrl: string; triggerId: string }>;
  submitView(input: SubmitInput): Promise<DriverResponse & { payload: Record<string, unknown> }>;
  raw(input: RawInput): Promise<DriverResponse>;
}
