/**
 * The whole product on one machine: the sandbox's emulated APIs, a local Slack, and the bot between
 * them, all on 127.0.0.1 with no credentials. Used by `demo`, `bench` and the bot's end-to-end tests.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DestinationStream } from 'pino';
import {
  createSlackDriver,
  type Sandbox,
  type SlackDriver,
  type SlackEmulator,
  startSandbox,
  startSlackEmulator,
} from '../../sandbox/index.js';
import type { Scenario } from '../../sandbox/scenario.js';
import { loadConfig, type ServeConfig } from '../config/index.js';
import { PING_WAIT_S, TCP22_WAIT_S } from '../integrations/probe/probe-commands.js';
import { createLogger, type Logger, silentLogger } from '../logger.js';
import { type Bot, createBot } from '../server/create-bot.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { WorkerPoolOptions } from '../workers/pool.js';

export interface WorldOptions {
  latencyMs?: number;
  faultRate?: number;
  seed?: number;
  /** Store URL; default a fresh SQLite file in a temporary directory. */
  databaseUrl?: string;
  authorizedUsers?: string[];
  /** User group id -> members, known to the Slack emulator; every group listed is authorised. */
  usergroups?: Record<string, string[]>;
  /** False: no inventory API (guided manual mode). */
  inventory?: boolean;
  logger?: Logger;
  logLevel?: string;
  /** Where the bot's own logger (LOG_LEVEL, secrets redacted as in production) writes; default stderr. */
  logDestination?: DestinationStream;
  /** Extra environment for the bot (e.g. ALERT_CHANNELS). */
  env?: Record<string, string>;
  replica?: string;
  /**
   * Settings merged over the sandbox's NESSUS_GAP_CONFIG, one level deep (e.g. `{ http: { timeoutMs: 1000 } }`
   * so that fault tests do not wait 10 s for every hung call).
   */
  configOverrides?: Record<string, Record<string, unknown>>;
  /** Slack Web API calls retried after 20–200 ms instead of the client's 1 s, 2 s, 4 s… (fault tests). */
  fastSlackRetries?: boolean;
  /** The bot gets an app-level token and talks Socket Mode to the emulator instead of HTTP. */
  socketMode?: boolean;
  /** The Slack emulator answers a second post in a channel within a second with 429 + Retry-After. */
  slackRateLimit?: boolean;
  /** Channel ids the Slack emulator treats as private channels (G… ids always are). */
  privateChannels?: string[];
  /**
   * A silent host costs the simulated network what the scanner's commands wait for it (ping 2 s,
   * TCP 22 3 s: src/integrations/probe/probe-commands.ts), as for the benchmark; default free.
   */
  realProbeWaits?: boolean;
  /** The bot's worker pool (src/workers/pool.ts): from the TypeScript sources, tests give `spawn`. */
  workers?: WorkerPoolOptions;
}

export interface World {
  sandbox: Sandbox;
  slack: SlackEmulator;
  driver: SlackDriver;
  bot: Bot;
  store: Store;
  config: ServeConfig;
  signingSecret: string;
  botUrl: string;
  /** Resolves when the bot has no investigation running. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The emulated outside world of a scenario and the bot's environment for it, without the bot. */
export interface EmulatedWorld {
  sandbox: Sandbox;
  slack: SlackEmulator;
  /** What `nessus-gap serve` needs to run against the emulators. */
  env: Record<string, string>;
  signingSecret: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startEmulatedWorld(
  scenario: Scenario,
  options: WorldOptions = {},
): Promise<EmulatedWorld> {
  const common = {
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
    ...(options.faultRate ? { faultRate: options.faultRate } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const sandbox = await startSandbox(scenario, {
    ...common,
    ...(options.realProbeWaits
      ? { probeSilentWaitMs: { pingMs: PING_WAIT_S * 1000, tcp22Ms: TCP22_WAIT_S * 1000 } }
      : {}),
  });
  const botToken = `xoxb-sandbox-${randomBytes(8).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const appToken = options.socketMode ? `xapp-sandbox-${randomBytes(8).toString('hex')}` : undefined;
  const slack = await startSlackEmulator({
    botToken,
    ...(appToken ? { appToken } : {}),
    ...common,
    usergroups: options.usergroups ?? {},
    ...(options.slackRateLimit ? { enforceRateLimit: true } : {}),
    privateChannels: options.privateChannels ?? [],
    users: { U0ALICE: { name: 'alice' }, U0BOB: { name: 'bob' }, U0MALLORY: { name: 'mallory' } },
  });
  let scratch: string | null = null;
  if (!options.databaseUrl) scratch = mkdtempSync(join(tmpdir(), 'nessus-gap-world-'));
  const databaseUrl = options.databaseUrl ?? `sqlite:${join(scratch as string, 'store.db')}`;
  const env: Record<string, string> = {
    ...sandbox.env,
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: databaseUrl,
    AUTHORIZED_USERS: (options.authorizedUsers ?? ['U0ALICE']).join(','),
    AUTHORIZED_USERGROUPS: Object.keys(options.usergroups ?? {}).join(','),
    LOG_LEVEL: options.logLevel ?? 'silent',
    ...(appToken ? { SLACK_APP_TOKEN: appToken } : {}),
    ...(options.env ?? {}),
  };
  if (options.configOverrides)
    env.NESSUS_GAP_CONFIG = writeOverrides(sandbox.configPath, options.configOverrides);
  if (options.inventory === false) {
    delete env.INVENTORY_API_URL;
    delete env.INVENTORY_API_TOKEN;
  }
  return {
    sandbox,
    slack,
    env,
    signingSecret,
    databaseUrl,
    async close() {
      await slack.close();
      await sandbox.close();
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

export async function startWorld(scenario: Scenario, options: WorldOptions = {}): Promise<World> {
  const emulated = await startEmulatedWorld(scenario, options);
  const { sandbox, slack, env, signingSecret, databaseUrl } = emulated;
  const config = loadConfig(env, { mode: 'serve' }) as ServeConfig;
  const logger =
    options.logger ??
    (env.LOG_LEVEL === 'silent'
      ? silentLogger()
      : createLogger({
          level: env.LOG_LEVEL,
          secrets: config.secrets(),
          ...(options.logDestination ? { destination: options.logDestination } : {}),
        }));
  const store = await openStore(databaseUrl);
  // The deadlines on Slack calls are the bot's own (app.ts); the sandbox only paces the retries.
  const slackClientOptions = {
    retryConfig: { retries: 4, ...(options.fastSlackRetries ? { minTimeout: 20, maxTimeout: 200 } : {}) },
  };
  const bot = createBot({
    config,
    logger,
    store,
    fast: true,
    slackClientOptions,
    ...(options.replica ? { replica: options.replica } : {}),
    ...(options.workers ? { workers: options.workers } : {}),
  });
  const port = await bot.start(0, '127.0.0.1');
  const botUrl = `http://127.0.0.1:${port}`;
  const driver = createSlackDriver({ botUrl, signingSecret, emulator: slack });

  return {
    sandbox,
    slack,
    driver,
    bot,
    store,
    config,
    signingSecret,
    botUrl,
    async idle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      const work = bot.context.work;
      // Quiet twice in a row: a listener that just finished may have started a run.
      for (let quiet = 0; quiet < 2; ) {
        if (Date.now() > deadline) throw new Error(`the bot was still busy after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
        quiet = bot.idle() ? quiet + 1 : 0;
        if (work.size > 0)
          await Promise.race([work.settled(), new Promise((resolve) => setTimeout(resolve, 200))]);
      }
    },
    async close() {
      await bot.stop(5000);
      await store.close();
      await emulated.close();
    },
  };
}

/** The sandbox's config file with `overrides` merged over it, written beside it (removed with it). */
function writeOverrides(configPath: string, overrides: Record<string, Record<string, unknown>>): string {
  const base = JSON.parse(readFileSync(configPath, 'utf8')) as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = base[key];
    base[key] = current && typeof current === 'object' ? { ...current, ...value } : value;
  }
  const path = join(dirname(configPath), 'nessus-gap.overrides.json');
  writeFileSync(path, `${JSON.stringify(base, null, 2)}\n`, { mode: 0o600 });
  return path;
}
