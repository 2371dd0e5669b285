/** What every Web API method of the emulator works with: the workspace state and who the bot is. */

import type { EmulatorResponse } from '../http-kit.js';
import type { SlackStore } from './store.js';
import type { Args } from './wire.js';

export interface Workspace {
  botToken: string;
  botUserId: string;
  botId: string;
  appId: string;
  teamId: string;
  teamDomain: string;
  usergroups: Record<string, string[]>;
  users: Record<string, { name: string; real_name?: string }>;
  /** Channel ids that are private (besides every G… id); D… ids are direct messages. */
  privateChannels: string[];
  enforceRateLimit: boolean;
  /** The bot token's scopes, sent in `x-oauth-scopes` on every Web API answer as Slack does. */
  scopes: string[];
}

export interface MethodContext {
  store: SlackStore;
  workspace: Workspace;
  /** The emulator's base URL (`http://127.0.0.1:PORT`), for upload URLs. */
  baseUrl: string;
  now: () => number;
}

export type Method = (context: MethodContext, args: Args) => EmulatorResponse;

export const PERMALINK_HOST = 'https://slack.sandbox.local';

export function permalink(channel: string, ts: string): string {
  return `${PERMALINK_HOST}/archives/${channel}/p${ts.replace('.', '')}`;
}
