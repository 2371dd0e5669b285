/**
 * Slack emulator: the Web API at `${url}/api/` as @slack/web-api's WebClient calls it (what the bot
 * reaches through `clientOptions.slackApiUrl`), upload URLs, and response URLs. Holds the workspace's
 * messages, ephemerals, files and modals so tests and the demo can read what the bot did.
 * Requests *to* the bot (events, commands, clicks) are the driver's job (driver.ts).
 */
import { z } from 'zod';
import { type EmulatorRequest, type EmulatorResponse, startEmulator } from '../http-kit.js';
import * as chat from './chat.js';
import type { Method, MethodContext, Workspace } from './context.js';
import * as conversations from './conversations.js';
import { authTest, BOT_NAME, usergroupUsers, usersInfo } from './directory.js';
import type { ApiCall, ExternalMessageInput, SlackEmulator } from './emulator-types.js';
import { slackFault } from './faults.js';
import * as files from './files.js';
import { messageJson } from './message-json.js';
import { applyResponse, createResponseUrl, receiveResponse } from './response-url.js';
import { startSocketModeServer } from './socket-mode.js';
import { editContent, type ResponseContext, SlackStore, type StoredMessage } from './store.js';
import * as views from './views.js';
import { type Args, isRecord, parseArgs, slackError, tokenOf, withoutToken } from './wire.js';

export { MESSAGE_BLOCK_LIMIT, VIEW_BLOCK_LIMIT } from './block-limits.js';
export { PERMALINK_HOST, permalink } from './context.js';
export type { ApiCall, ExternalMessageInput, SlackEmulator } from './emulator-types.js';
export type { EnvelopeType, SocketAck, SocketModeServer } from './socket-mode.js';
export type {
  Block,
  FileRef,
  MessageVersion,
  ResponseContext,
  StoredEphemeral,
  StoredFile,
  StoredMessage,
  StoredView,
} from './store.js';

/** The scopes the bot's manifest.yml asks for, as Slack grants them on install (a test keeps them equal). */
export const DEFAULT_BOT_SCOPES: readonly string[] = Object.freeze([
  'chat:write',
  'commands',
  'channels:history',
  'groups:history',
  'files:write',
  'usergroups:read',
  'channels:read',
  'groups:read',
]);

const optionsSchema = z.object({
  botToken: z.string().min(1, 'botToken must be a non-empty string'),
  botUserId: z.string().min(1).default('U0NESSUSBOT'),
  botId: z.string().min(1).default('B0NESSUSBOT'),
  appId: z.string().min(1).default('A0NESSUSGAP'),
  teamId: z.string().min(1).default('T0SANDBOX'),
  teamDomain: z.string().min(1).default('sandbox'),
  latencyMs: z.number().int().min(0).optional(),
  faultRate: z.number().min(0).max(1).optional(),
  seed: z.number().int().optional(),
  enforceRateLimit: z.boolean().default(false),
  usergroups: z.record(z.string(), z.array(z.string())).default({}),
  users: z.record(z.string(), z.object({ name: z.string(), real_name: z.string().optional() })).default({}),
  /** Channel ids that are private channels (every G… id is too). */
  privateChannels: z.array(z.string()).default([]),
  /** An app-level token (xapp-…): with it, `apps.connections.open` opens Socket Mode connections. */
  appToken: z.string().min(1).optional(),
  /** The bot token's scopes (`x-oauth-scopes`); default those of the bot's manifest.yml. */
  scopes: z.array(z.string()).default([...DEFAULT_BOT_SCOPES]),
});

export type SlackEmulatorOptions = z.input<typeof optionsSchema>;

const METHODS: Record<string, Method> = {
  'auth.test': authTest,
  'chat.postMessage': chat.postMessage,
  'chat.update': chat.update,
  'chat.delete': chat.remove,
  'chat.postEphemeral': chat.postEphemeral,
  'chat.getPermalink': chat.getPermalink,
  'views.open': views.open,
  'views.push': views.push,
  'views.update': views.update,
  'views.publish': views.publish,
  'files.getUploadURLExternal': files.getUploadURLExternal,
  'files.completeUploadExternal': files.completeUploadExternal,
  'usergroups.users.list': usergroupUsers,
  'conversations.info': conversations.info,
  'users.info': usersInfo,
  'conversations.replies': conversations.replies,
  'conversations.history': conversations.history,
};

const API_PATH = /^\/api\/([A-Za-z0-9_.]+)$/;
const UPLOAD_PATH = /^\/upload\/([A-Za-z0-9]+)$/;
const RESPONSE_PATH = /^\/response\/([A-Za-z0-9]+)$/;

export async function startSlackEmulator(options: SlackEmulatorOptions): Promise<SlackEmulator> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`invalid Slack emulator options: ${z.prettifyError(parsed.error)}`);
  }
  const settings = parsed.data;
  const workspace: Workspace = {
    botToken: settings.botToken,
    botUserId: settings.botUserId,
    botId: settings.botId,
    appId: settings.appId,
    teamId: settings.teamId,
    teamDomain: settings.teamDomain,
    usergroups: settings.usergroups,
    users: settings.users,
    privateChannels: settings.privateChannels,
    enforceRateLimit: settings.enforceRateLimit,
    scopes: settings.scopes,
  };
  const store = new SlackStore();
  const socketMode = settings.appToken ? await startSocketModeServer(settings.appId) : null;
  const apiCalls: ApiCall[] = [];
  const context: MethodContext = { store, workspace, baseUrl: '', now: Date.now };

  const api = (method: string, request: EmulatorRequest): EmulatorResponse => {
    const parsedArgs = parseArgs(request);
    const args = parsedArgs.ok ? parsedArgs.args : {};
    const call: ApiCall = { method, args: withoutToken(args), at: Date.now(), status: 200 };
    apiCalls.push(call);
    const response = answer(
      method,
      request,
      parsedArgs.ok ? args : undefined,
      parsedArgs.ok ? undefined : parsedArgs.error,
    );
    call.status = response.status;
    if (isRecord(response.body)) {
      call.ok = response.body.ok === true;
      if (typeof response.body.error === 'string') call.error = response.body.error;
    }
    return response;
  };

  const answer = (
    method: string,
    request: EmulatorRequest,
    args: Args | undefined,
    parseError?: string,
  ): EmulatorResponse => {
    if (!args) return slackError(parseError ?? 'invalid_form_data');
    if (method === 'apps.connections.open') {
      // Only the app-level token opens a connection; a bot token is the wrong kind (as on Slack).
      const token = tokenOf(request, args);
      if (!socketMode || token === undefined) return slackError('not_authed');
      if (token !== settings.appToken) return slackError('invalid_auth');
      return { status: 200, body: { ok: true, url: socketMode.connectionUrl() } };
    }
    if (tokenOf(request, args) !== workspace.botToken) return slackError('invalid_auth');
    const implementation = METHODS[method];
    if (!implementation) return slackError('unknown_method');
    const response = implementation(context, args);
    // Slack lists the token's scopes on every answer to a valid token (read by @slack/web-api as
    // response_metadata.scopes).
    return { ...response, headers: { ...response.headers, 'x-oauth-scopes': workspace.scopes.join(',') } };
  };

  const handler = (request: EmulatorRequest): EmulatorResponse => {
    if (request.method !== 'POST' && request.method !== 'GET')
      return { status: 405, body: 'method_not_allowed' };
    const apiMatch = API_PATH.exec(request.path);
    if (apiMatch?.[1]) return api(apiMatch[1], request);
    const uploadMatch = UPLOAD_PATH.exec(request.path);
    if (uploadMatch?.[1] && request.method === 'POST')
      return files.receiveUpload(store, uploadMatch[1], request);
    const responseMatch = RESPONSE_PATH.exec(request.path);
    if (responseMatch?.[1] && request.method === 'POST')
      return receiveResponse(context, responseMatch[1], request);
    return { status: 404, body: 'not_found' };
  };

  const fault = (request: EmulatorRequest, random: () => number) => {
    const chosen = slackFault(request, random);
    const apiMatch = API_PATH.exec(request.path);
    if (apiMatch?.[1]) {
      const parsedArgs = parseArgs(request);
      const call: ApiCall = {
        method: apiMatch[1],
        args: parsedArgs.ok ? withoutToken(parsedArgs.args) : {},
        at: Date.now(),
        status: typeof chosen === 'string' ? chosen : chosen.status,
      };
      if (typeof chosen !== 'string' && isRecord(chosen.body)) {
        call.ok = false;
        if (typeof chosen.body.error === 'string') call.error = chosen.body.error;
      }
      apiCalls.push(call);
    }
    return chosen;
  };

  const running = await startEmulator({
    name: 'slack',
    handler,
    fault,
    ...(settings.latencyMs !== undefined ? { latencyMs: settings.latencyMs } : {}),
    ...(settings.faultRate !== undefined ? { faultRate: settings.faultRate } : {}),
    ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
  });
  context.baseUrl = running.url;

  const responseContextOf = (responseUrl: string): ResponseContext => {
    const id = RESPONSE_PATH.exec(new URL(responseUrl).pathname)?.[1];
    const record = id ? store.responseUrls.get(id) : undefined;
    if (!record) throw new Error(`not a response URL of this emulator: ${responseUrl}`);
    return record.context;
  };

  return {
    ...running,
    async close() {
      await socketMode?.close();
      await running.close();
    },
    socketMode,
    apiUrl: `${running.url}/api/`,
    botUserId: workspace.botUserId,
    botId: workspace.botId,
    appId: workspace.appId,
    teamId: workspace.teamId,
    teamDomain: workspace.teamDomain,
    apiCalls,
    callsTo: (method) => apiCalls.filter((call) => call.method === method),
    messages: (channel) =>
      store.messages.filter((message) => channel === undefined || message.channel === channel),
    message: (channel, ts) => store.message(channel, ts),
    thread: (channel, ts) => store.thread(channel, ts),
    ephemerals: (user) => store.ephemerals.filter((message) => user === undefined || message.user === user),
    files: () => [...store.files.values()],
    views: () => [...store.views.values()],
    view: (id) => store.views.get(id),
    homeView: (user) => store.homeViews.get(user),
    reset: () => {
      store.reset();
      apiCalls.length = 0;
      running.calls.length = 0;
    },
    userName: (userId) =>
      workspace.users[userId]?.name ?? (userId === workspace.botUserId ? BOT_NAME : undefined),
    addMessage: (input) => addExternalMessage(store, input),
    editMessage: (channel, ts, content) => {
      const message = store.message(channel, ts);
      if (!message) throw new Error(`no message ${ts} in ${channel}`);
      const editTs = store.clock.next();
      editContent(message, content, editTs);
      message.edited = { user: message.user ?? message.bot_id ?? 'unknown', ts: editTs };
      return message;
    },
    issueTriggerId: (userId) => {
      const id = `${Math.floor(Date.now() / 1000)}.${store.nextId('')}.${workspace.teamId.toLowerCase()}`;
      store.triggers.set(id, { id, user: userId, issuedAt: Date.now(), used: false });
      return id;
    },
    createResponseUrl: (responseContext) => createResponseUrl(context, responseContext),
    showCommandAck: (responseUrl, payload) =>
      applyResponse(context, responseContextOf(responseUrl), payload, 'command_ack'),
    messageJson: (message) => messageJson(message, store, workspace),
    viewJson: (view, values) => views.viewJson(context, view, values),
  };
}

function addExternalMessage(store: SlackStore, input: ExternalMessageInput): StoredMessage {
  const parent = input.threadTs ? store.message(input.channel, input.threadTs) : undefined;
  if (input.threadTs && !parent) throw new Error(`no thread ${input.threadTs} in ${input.channel}`);
  return store.add({
    channel: input.channel,
    ts: store.clock.next(),
    ...(parent ? { thread_ts: parent.thread_ts ?? parent.ts } : {}),
    text: input.text ?? '',
    ...(input.blocks ? { blocks: input.blocks } : {}),
    ...(input.attachments ? { attachments: input.attachments } : {}),
    ...(input.user ? { user: input.user } : {}),
    ...(input.botId ? { bot_id: input.botId } : {}),
    ...(input.appId ? { app_id: input.appId } : {}),
    ...(input.username ? { username: input.username } : {}),
    ...(input.subtype ? { subtype: input.subtype } : {}),
    author: input.author,
    via: 'driver',
    history: [],
  });
}
