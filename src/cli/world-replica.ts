/**
 * A second replica of the bot in a running world: the same configuration, the same store (SQLite file
 * or PostgreSQL database), the same emulators and the same local Slack, its own process state and
 * HTTP port, as another pod behind the same Slack app would be.
 */
import { createSlackDriver, type SlackDriver } from '../../sandbox/index.js';
import { silentLogger } from '../logger.js';
import { type Bot, createBot } from '../server/create-bot.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import type { World } from './world.js';

export interface Replica {
  bot: Bot;
  store: Store;
  /** Sends signed Slack requests to this replica. */
  driver: SlackDriver;
  botUrl: string;
  /** Resolves when this replica has no investigation running and no Slack listener busy. */
  idle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function attachBot(world: World, options: { replica: string }): Promise<Replica> {
  const store = await openStore(world.config.database.url);
  const bot = createBot({
    config: world.config,
    logger: silentLogger(),
    store,
    fast: true,
    slackClientOptions: { retryConfig: { retries: 4 } },
    replica: options.replica,
  });
  const port = await bot.start(0, '127.0.0.1');
  const botUrl = `http://127.0.0.1:${port}`;
  const driver = createSlackDriver({ botUrl, signingSecret: world.signingSecret, emulator: world.slack });
  return {
    bot,
    store,
    driver,
    botUrl,
    async idle(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (let quiet = 0; quiet < 2; ) {
        if (Date.now() > deadline)
          throw new Error(`replica ${options.replica} still busy after ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
        quiet = bot.idle() ? quiet + 1 : 0;
      }
    },
    async close() {
      await bot.stop(5000);
      await store.close();
    },
  };
}
