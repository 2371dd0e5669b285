/**
 * The Slack side of the conversation: sends the bot signed requests at `${botUrl}/slack/events`
 * exactly as Slack does (slash commands and clicks form-encoded, events as JSON), with messages,
 * response URLs and trigger ids taken from the emulator so the bot's answers land there.
 */
import { z } from 'zod';
import type {
  DeliveryOptions,
  DriverResponse,
  EventDelivery,
  SlackDriver,
  SlackDriverOptions,
} from './driver-types.js';
import type { ExternalMessageInput, SlackEmulator } from './index.js';
import {
  type EventEnvelope,
  eventEnvelope,
  findAction,
  messageEvent,
  slashCommandForm,
  type Team,
  VERIFICATION_TOKEN,
} from './payloads.js';
import { postOnce } from './post-once.js';
import { signSlackRequest } from './signing.js';
import type { StoredEphemeral } from './store.js';

export type * from './driver-types.js';
export type { EventEnvelope } from './payloads.js';
export { signSlackRequest } from './signing.js';

const LOOPBACK_HOSTS = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])$/;

const optionsSchema = z.object({
  botUrl: z
    .url('botUrl must be a URL like http://127.0.0.1:3000')
    .refine(
      (url) => LOOPBACK_HOSTS.test(new URL(url).hostname),
      'botUrl must point at loopback (127.0.0.0/8, ::1)',
    ),
  signingSecret: z.string().min(1, 'signingSecret must be a non-empty string'),
  teamId: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().default(10_000),
  channelNames: z.record(z.string(), z.string()).default({}),
});

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Event ids unique within the process and across runs (a bot with a persistent dedupe store). */
let eventCounter = 0;
const RUN_PREFIX = Date.now().toString(36).toUpperCase();
function nextEventId(): string {
  eventCounter += 1;
  return `Ev${RUN_PREFIX}${String(eventCounter).padStart(4, '0')}`;
}

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new Error(`invalid Slack driver options: ${z.prettifyError(parsed.error)}`);
  const { botUrl, signingSecret, timeoutMs, channelNames } = parsed.data;
  const { emulator } = options;
  const now = options.now ?? Date.now;
  const team: Team = { id: parsed.data.teamId ?? emulator.teamId, domain: emulator.teamDomain };
  const endpoint = `${botUrl.replace(/\/+$/, '')}/slack/events`;
  const delivered = new Map<string, EventEnvelope>();

  const seconds = () => Math.floor(now() / 1000);
  const channelName = (id: string) => channelNames[id] ?? id.toLowerCase();
  const userName = (id: string, given?: string) => given ?? emulator.userName(id) ?? id.toLowerCase();
  const actionTs = () => (now() / 1000).toFixed(6);

  async function send(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
    timestamp?: number | string | null,
    signature?: string | null,
  ): Promise<DriverResponse> {
    const stamp = timestamp === undefined ? seconds() : timestamp;
    const allHeaders: Record<string, string> = { 'content-type': contentType, ...headers };
    if (stamp !== null) allHeaders['x-slack-request-timestamp'] = String(stamp);
    const signed =
      signature === undefined ? signSlackRequest(signingSecret, stamp ?? seconds(), body) : signature;
    if (signed !== null) allHeaders['x-slack-signature'] = signed;
    const answer = await postOnce(endpoint, body, allHeaders, timeoutMs);
    const text = answer.body;
    const result: DriverResponse = { status: answer.status, body: text, headers: answer.headers };
    try {
      if (text) result.json = JSON.parse(text);
    } catch {
      // not JSON: body stays text
    }
    return result;
  }

  function deliverEvent(
    envelope: EventEnvelope | Record<string, unknown>,
    delivery: DeliveryOptions = {},
  ): Promise<DriverResponse> {
    const headers: Record<string, string> = {};
    if (delivery.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(delivery.retryNum);
      headers['x-slack-retry-reason'] = delivery.retryReason ?? 'http_timeout';
    }
    return send(JSON.stringify(envelope), JSON_TYPE, headers);
  }

  async function deliverNew(
    event: Record<string, unknown>,
    ts: string,
    retry: DeliveryOptions,
    eventId?: string,
  ): Promise<EventDelivery> {
    const envelope = eventEnvelope(emulator, team, event, eventId ?? nextEventId(), seconds());
    delivered.set(envelope.event_id, envelope);
    const response = await deliverEvent(envelope, retry);
    return { ...response, ts, eventId: envelope.event_id, envelope };
  }

  const retryOf = (input: { retryNum?: number; retryReason?: string }): DeliveryOptions => ({
    ...(input.retryNum !== undefined ? { retryNum: input.retryNum } : {}),
    ...(input.retryReason !== undefined ? { retryReason: input.retryReason } : {}),
  });

  return {
    async slashCommand(input) {
      const responseUrl = emulator.createResponseUrl({
        kind: 'command',
        channel: input.channelId,
        user: input.userId,
      });
      const triggerId = emulator.issueTriggerId(input.userId);
      const body = slashCommandForm({
        team,
        appId: emulator.appId,
        channelId: input.channelId,
        channelName: channelName(input.channelId),
        userId: input.userId,
        userName: userName(input.userId, input.userName),
        command: input.command ?? '/nessus-gap',
        text: input.text,
        responseUrl,
        triggerId,
      });
      const response = await send(body, FORM);
      showAck(emulator, responseUrl, response);
      return { ...response, responseUrl, triggerId };
    },

    async postAlert(input) {
      const previous = input.eventId ? delivered.get(input.eventId) : undefined;
      if (previous) {
        const response = await deliverEvent(previous, retryOf(input));
        return { ...response, ts: String(previous.event.ts), eventId: previous.event_id, envelope: previous };
      }
      const legacy = input.subtype === 'bot_message';
      const message: ExternalMessageInput = {
        channel: input.channel,
        author: 'app',
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.attachments ? { attachments: input.attachments } : {}),
        ...(input.blocks ? { blocks: input.blocks } : {}),
        ...(input.threadTs ? { threadTs: input.threadTs } : {}),
        ...(legacy ? { subtype: 'bot_message' } : { user: input.userId ?? 'U0PAGERDUTY' }),
        botId: input.botId ?? 'B0PD',
        appId: input.appId ?? 'A0PD',
        username: input.username ?? 'PagerDuty',
      };
      const stored = emulator.addMessage(message);
      return deliverNew(messageEvent(emulator, stored), stored.ts, retryOf(input), input.eventId);
    },

    async postUserMessage(input) {
      const stored = emulator.addMessage({
        channel: input.channel,
        author: 'user',
        user: input.userId,
        text: input.text,
        ...(input.threadTs ? { threadTs: input.threadTs } : {}),
      });
      return deliverNew(messageEvent(emulator, stored), stored.ts, {});
    },

    async editMessage(input) {
      const before = emulator.message(input.channel, input.ts);
      if (!before) throw new Error(`no message ${input.ts} in ${input.channel}`);
      const previous = { ...messageEvent(emulator, before) };
      const edited = emulator.editMessage(input.channel, input.ts, {
        ...(input.text !== undefined ? { text: input.text } : {}),
        ...(input.attachments ? { attachments: input.attachments } : {}),
        ...(input.blocks ? { blocks: input.blocks } : {}),
      });
      const editTs = edited.edited?.ts ?? input.ts;
      const {
        channel_type: _type,
        event_ts: _eventTs,
        channel: _channel,
        ...message
      } = messageEvent(emulator, edited);
      const { channel_type: _t, event_ts: _e, channel: _c, ...previousMessage } = previous;
      const event = {
        type: 'message',
        subtype: 'message_changed',
        hidden: true,
        channel: input.channel,
        channel_type: 'channel',
        message,
        previous_message: previousMessage,
        ts: editTs,
        event_ts: editTs,
      };
      return deliverNew(event, editTs, {});
    },

    deliverEvent,

    async openAppHome(input) {
      const ts = actionTs();
      const event = {
        type: 'app_home_opened',
        user: input.userId,
        // The direct message channel between the person and the app, as Slack sends it.
        channel: `D${input.userId.slice(1)}`,
        tab: input.tab ?? 'home',
        event_ts: ts,
      };
      return deliverNew(event, ts, {});
    },

    async clickButton(input) {
      const stored = emulator.message(input.channel, input.messageTs);
      const ephemeral = stored ? undefined : findEphemeral(emulator, input.channel, input.messageTs);
      const clicked = stored ?? ephemeral;
      if (!clicked) throw new Error(`clickButton: no message ${input.messageTs} in ${input.channel}`);
      const threadTs = input.threadTs ?? clicked.thread_ts;
      const responseUrl = emulator.createResponseUrl({
        kind: 'action',
        channel: input.channel,
        user: input.userId,
        messageTs: input.messageTs,
        ...(threadTs ? { threadTs } : {}),
        ephemeral: ephemeral !== undefined,
      });
      const triggerId = emulator.issueTriggerId(input.userId);
      const found = findAction(clicked.blocks, input.actionId);
      const element = found?.element ?? {};
      const value = input.value ?? (typeof element.value === 'string' ? element.value : undefined);
      const action: Record<string, unknown> = {
        type: typeof element.type === 'string' ? element.type : 'button',
        block_id: input.blockId ?? found?.blockId ?? '',
        action_id: input.actionId,
        ...(element.text !== undefined ? { text: element.text } : {}),
        ...(value !== undefined ? { value } : {}),
        ...(element.style !== undefined ? { style: element.style } : {}),
        action_ts: actionTs(),
      };
      const payload: Record<string, unknown> = {
        type: 'block_actions',
        user: userOf(input.userId, userName(input.userId, input.userName), team),
        api_app_id: emulator.appId,
        token: VERIFICATION_TOKEN,
        container: {
          type: 'message',
          message_ts: input.messageTs,
          channel_id: input.channel,
          is_ephemeral: ephemeral !== undefined,
          ...(threadTs ? { thread_ts: threadTs } : {}),
        },
        trigger_id: triggerId,
        team,
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: input.channel, name: channelName(input.channel) },
        ...(stored ? { message: emulator.messageJson(stored) } : {}),
        state: { values: {} },
        response_url: responseUrl,
        actions: [action],
      };
      const response = await send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
      return { ...response, payload, responseUrl, triggerId };
    },

    async submitView(input) {
      const stored = typeof input.view === 'string' ? emulator.view(input.view) : input.view;
      if (!stored) throw new Error(`submitView: no view ${String(input.view)}`);
      const payload: Record<string, unknown> = {
        type: 'view_submission',
        team,
        user: userOf(input.userId, userName(input.userId, input.userName), team),
        api_app_id: emulator.appId,
        token: VERIFICATION_TOKEN,
        trigger_id: emulator.issueTriggerId(input.userId),
        view: emulator.viewJson(stored, input.values ?? {}),
        response_urls: [],
        is_enterprise_install: false,
        enterprise: null,
      };
      const response = await send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM);
      return { ...response, payload };
    },

    raw(input) {
      return send(input.body, input.contentType, input.headers ?? {}, input.timestamp, input.signature);
    },
  };
}

function userOf(id: string, name: string, team: Team): Record<string, unknown> {
  return { id, username: name, name, team_id: team.id };
}

function findEphemeral(emulator: SlackEmulator, channel: string, ts: string): StoredEphemeral | undefined {
  return emulator
    .ephemerals()
    .find((message) => message.channel === channel && message.ts === ts && !message.deleted);
}

/** Slack shows a slash command's non-empty HTTP answer to the user, like a response URL post. */
function showAck(emulator: SlackEmulator, responseUrl: string, response: DriverResponse): void {
  if (response.status !== 200 || response.body.trim() === '') return;
  const json = response.json;
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    emulator.showCommandAck(responseUrl, json as Record<string, unknown>);
  } else if (json === undefined) {
    emulator.showCommandAck(responseUrl, { text: response.body });
  }
}
