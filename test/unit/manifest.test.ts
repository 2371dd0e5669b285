/**
 * The Slack app manifest and the code agree: every Web API method the code calls has its scope,
 * no scope is granted that nothing uses, and every event the code handles is subscribed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_BOT_SCOPES } from '../../sandbox/slack/index.js';

/** Web API methods and the bot scope each needs (docs/outside-apis.md section 5.6). */
const METHOD_SCOPES: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  'chat.getPermalink': null,
  'views.open': null,
  'views.update': null,
  'views.publish': null,
  filesUploadV2: 'files:write',
  'usergroups.users.list': 'usergroups:read',
  'usergroups.list': 'usergroups:read',
  'users.info': 'users:read',
  'conversations.history': 'channels:history',
  'conversations.replies': 'channels:history',
  'conversations.info': 'channels:read',
};
/** Scopes that come with a feature rather than a method call. */
const FEATURE_SCOPES: Record<string, (code: string) => boolean> = {
  commands: (code) => code.includes("app.command('/nessus-gap'"),
  'channels:history': (code) => code.includes("app.event('message'"),
  'groups:history': (code) => code.includes("app.event('message'"),
  'groups:read': (code) => code.includes('slack.conversations.info('),
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const code = sources('src')
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');
const manifest = parse(readFileSync('manifest.yml', 'utf8')) as {
  features: {
    slash_commands: { command: string; usage_hint?: string }[];
    app_home?: { home_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] }; interactivity: { is_enabled: boolean } };
};
const scopes = new Set(manifest.oauth_config.scopes.bot);

function calledMethods(): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(
    /\bslack\.((?:chat|views|usergroups|users|conversations|files)\.[A-Za-z.]+|filesUploadV2)\(/g,
  )) {
    found.add(match[1] as string);
  }
  return [...found].sort();
}

describe('manifest.yml', () => {
  it('grants a scope for every Web API method the code calls', () => {
    const methods = calledMethods();
    expect(methods.length).toBeGreaterThan(3);
    for (const method of methods) {
      expect(Object.keys(METHOD_SCOPES)).toContain(method);
      const scope = METHOD_SCOPES[method];
      if (scope) expect({ method, granted: scopes.has(scope) }).toEqual({ method, granted: true });
    }
  });

  it('grants no scope that nothing uses', () => {
    const needed = new Set<string>();
    for (const method of calledMethods()) {
      const scope = METHOD_SCOPES[method];
      if (scope) needed.add(scope);
    }
    for (const [scope, used] of Object.entries(FEATURE_SCOPES)) if (used(code)) needed.add(scope);
    expect([...scopes].sort()).toEqual([...needed].sort());
  });

  it('is what the Slack emulator grants by default, so the sandbox installs the app as Slack would', () => {
    expect([...DEFAULT_BOT_SCOPES].sort()).toEqual([...scopes].sort());
  });

  it('subscribes to the message events the bot handles, and declares the command and interactivity', () => {
    expect(code).toContain("app.event('message'");
    expect(code).toContain("app.event('app_home_opened'");
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'message.channels',
      'message.groups',
    ]);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual(['/nessus-gap']);
    expect(manifest.features.slash_commands[0]?.usage_hint).toMatch(/issue/);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('enables the Home tab when the code publishes one, and not otherwise', () => {
    const publishes = code.includes('slack.views.publish(') && code.includes("app.event('app_home_opened'");
    expect(manifest.features.app_home?.home_tab_enabled === true).toBe(publishes);
    expect(manifest.settings.event_subscriptions.bot_events.includes('app_home_opened')).toBe(publishes);
  });
});
