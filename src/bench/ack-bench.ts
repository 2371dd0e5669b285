/**
 * How fast the bot acks a slash command while large investigations run: several copies of a
 * generated gap issue are investigated at once (one alert each), and meanwhile `/nessus-gap help`
 * is sent again and again, a few at a time, until the investigations are done and at least the
 * asked number of commands was measured. The time is the driver's: signed request sent to HTTP
 * answer received, as Slack would see it.
 */
import { generateWorld } from '../../sandbox/generate-world.js';
import type { SlackDriver } from '../../sandbox/index.js';
import type { Scenario } from '../../sandbox/scenario.js';
import { startWorld } from '../cli/world.js';
import { startSeparateBot } from './bot-process.js';
import { ALERT_CHANNEL, alertFor, warmUpProcess } from './run-bench.js';

export interface AckOptions {
  targets: number;
  latencyMs: number;
  /** Investigations running at once (default 3). */
  investigations?: number;
  /** Commands measured at least (default 200). */
  commands?: number;
  /** Commands in flight at once (default 4). */
  concurrency?: number;
  /** Pause of each sender between two commands, so the commands cover the whole run (default 20 ms). */
  paceMs?: number;
  timeoutMs?: number;
  /** The bot as `nessus-gap serve` in a process of its own (default: in this process). */
  botProcess?: boolean;
}

export interface AckResult {
  targets: number;
  latencyMs: number;
  investigations: number;
  commands: number;
  duringInvestigations: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
}

export interface AckSample {
  ms: number;
  /** Investigations were running when the command was sent and when its ack came back. */
  during: boolean;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What the ack bench needs of the bot, wherever it runs. */
interface BotUnderTest {
  driver: SlackDriver;
  /** Investigations running now (as last seen). */
  running(): number;
  close(): Promise<void>;
}

export async function runAckBench(options: AckOptions): Promise<{ samples: AckSample[] }> {
  const investigations = options.investigations ?? 3;
  const wanted = options.commands ?? 200;
  const concurrency = options.concurrency ?? 4;
  const paceMs = options.paceMs ?? 20;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const { scenario } = generateWorld(options.targets, { copies: investigations });
  const bot = options.botProcess
    ? await botInItsOwnProcess(scenario, options.latencyMs)
    : await botInThisProcess(scenario, options.latencyMs);
  try {
    const first = scenario.github.gapIssue ?? 0;
    const sandbox = { sandbox: { scenario } };
    await bot.driver.slashCommand({ text: 'help', userId: 'U0ALICE', channelId: ALERT_CHANNEL });
    for (let i = 0; i < investigations; i++) await bot.driver.postAlert(alertFor(sandbox, first + i));
    // The alerts are acked before their listeners run: wait until every investigation has started.
    const deadline = Date.now() + timeoutMs;
    while (bot.running() < investigations && Date.now() < deadline) await sleep(5);
    if (bot.running() < investigations)
      throw new Error(`only ${bot.running()} of ${investigations} investigations started`);

    const samples: AckSample[] = [];
    const sender = async () => {
      while ((samples.length < wanted || bot.running() > 0) && Date.now() < deadline) {
        const busyBefore = bot.running() > 0;
        const started = performance.now();
        const response = await bot.driver.slashCommand({
          text: 'help',
          userId: 'U0ALICE',
          channelId: ALERT_CHANNEL,
        });
        const ms = performance.now() - started;
        if (response.status !== 200)
          throw new Error(`the bot answered ${response.status} to a slash command`);
        samples.push({ ms, during: busyBefore && bot.running() > 0 });
        await sleep(paceMs);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));
    while (bot.running() > 0 && Date.now() < deadline) await sleep(25);
    return { samples };
  } finally {
    await bot.close();
  }
}

async function botInThisProcess(scenario: Scenario, latencyMs: number): Promise<BotUnderTest> {
  await warmUpProcess(latencyMs);
  const world = await startWorld(scenario, { latencyMs });
  return {
    driver: world.driver,
    running: () => world.bot.context.work.size,
    close: () => world.close(),
  };
}

/**
 * `nessus-gap serve` in a process of its own, as deployed: the emulators' work no longer shares the
 * bot's event loop. Running investigations are read from the store it writes.
 */
async function botInItsOwnProcess(scenario: Scenario, latencyMs: number): Promise<BotUnderTest> {
  const separate = await startSeparateBot(scenario, { latencyMs });
  let running = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const active = await separate.store.listActiveRuns();
      running = active.filter((r) => r.status === 'running').length;
      await sleep(20);
    }
  })();
  return {
    driver: separate.driver,
    running: () => running,
    async close() {
      polling = false;
      await poll;
      await separate.close();
    },
  };
}
