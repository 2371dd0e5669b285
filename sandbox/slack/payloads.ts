/**
 * The bodies Slack sends to an app, built the way Slack builds them (docs/outside-apis.md section 5.5):
 * slash command form fields, the event_callback envelope, block_actions and view_submission payloads.
 */
import type { SlackEmulator, StoredMessage } from './index.js';
import type { Block } from './store.js';

/** Slack's (deprecated, still sent) verification token; the sandbox's is fixed. */
export const VERIFICATION_TOKEN = 'sandbox-verification-token';

export interface Team {
  id: string;
  domain: string;
}

export function slashCommandForm(fields: {
  team: Team;
  appId: string;
  channelId: string;
  channelName: string;
  userId: string;
  userName: string;
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}): string {
  return new URLSearchParams({
    token: VERIFICATION_TOKEN,
    team_id: fields.team.id,
    team_domain: fields.team.domain,
    channel_id: fields.channelId,
    channel_name: fields.channelName,
    user_id: fields.userId,
    user_name: fields.userName,
    command: fields.command,
    text: fields.text,
    api_app_id: fields.appId,
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

export interface EventEnvelope {
  token: string;
  team_id: string;
  context_team_id: string;
  context_enterprise_id: null;
  api_app_id: string;
  event: Record<string, unknown>;
  type: 'event_callback';
  event_id: string;
  event_time: number;
  authorizations: Array<Record<string, unknown>>;
  is_ext_shared_channel: boolean;
  event_context: string;
}

/** Wraps an event the way the Events API delivers it to our app (authorizations name our bot user). */
export function eventEnvelope(
  emulator: SlackEmulator,
  team: Team,
  event: Record<string, unknown>,
  eventId: string,
  eventTime: number,
): EventEnvelope {
  return {
    token: VERIFICATION_TOKEN,
    team_id: team.id,
    context_team_id: team.id,
    context_enterprise_id: null,
    api_app_id: emulator.appId,
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: team.id,
        user_id: emulator.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${Buffer.from(`message-${team.id}-${String(event.channel ?? '')}`).toString('base64')}`,
  };
}

/** A `message` event for a stored message, as the Events API sends it (no reply counts, event_ts = ts). */
export function messageEvent(emulator: SlackEmulator, message: StoredMessage): Record<string, unknown> {
  const {
    reply_count: _count,
    reply_users: _users,
    latest_reply: _latest,
    ...json
  } = emulator.messageJson(message);
  return { ...json, channel: message.channel, event_ts: message.ts, channel_type: 'channel' };
}

/** The element with this action_id in the message's blocks (actions blocks and section accessories). */
export function findAction(
  blocks: Block[] | undefined,
  actionId: string,
): { blockId: string; element: Block } | undefined {
  for (const block of blocks ?? []) {
    const blockId = typeof block.block_id === 'string' ? block.block_id : '';
    const elements = Array.isArray(block.elements) ? (block.elements as unknown[]) : [];
    const candidates = [...elements, block.accessory, block.element];
    for (const element of candidates) {
      if (typeof element === 'object' && element !== null && (element as Block).action_id === actionId) {
        return { blockId, element: element as Block };
      }
    }
  }
  return undefined;
}
