/**
 * How fast the bot acks a slash command while large investigations run: several copies of a
 * generated gap issue are investigated at once (one alert each), and meanwhile `/nessus-gap help`
 * is sent again and again, a few at a time, until the investigations are done and at least the
 * asked number of commands was measured. The time is the driver's: signed request sent to HTTP
 * answer received, as Slack would see it.
 */
import { generateWorld } from '../../sandbox/generate-world.js';
import { startWorld } from '../cli/world.js';
import { ALERT_CHANNEL, alertFor, warmUp, warmUpProcess } from './run-bench.js';

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

export async function runAckBench(options: AckOptions): Promise<{ samples: AckSample[] }> {
  const investigations = options.investigations ?? 3;
  const wanted = options.commands ?? 200;
  const concurrency = options.concurrency ?? 4;
  const paceMs = options.paceMs ?? 20;
  await warmUpProcess(options.latencyMs);
  const { scenario } = generateWorld(options.targets, { copies: investigations });
  const world = await startWorld(scenario, { latencyMs: options.latencyMs });
  try {
    const first = scenario.github.gapIssue ?? 0;
    const running = () => world.bot.services.running.size;
    await warmUp(world);
    for (let i = 0; i < investigations; i++) await world.driver.postAlert(alertFor(world, first + i));
    // The alerts are acked before their listeners run: wait until every investigation has started.
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    while (running() < investigations && Date.now() < deadline) await sleep(5);
    if (running() < investigations)
      throw new Error(`only ${running()} of ${investigations} investigations started`);

    const samples: AckSample[] = [];
    const sender = async () => {
      while ((samples.length < wanted || running() > 0) && Date.now() < deadline) {
        const busyBefore = running() > 0;
        const started = performance.now();
        const response = await world.driver.slashCommand({
          text: 'help',
          userId: 'U0ALICE',
          channelId: ALERT_CHANNEL,
        });
        const ms = performance.now() - started;
        if (response.status !== 200)
          throw new Error(`the bot answered ${response.status} to a slash command`);
        samples.push({ ms, during: busyBefore && running() > 0 });
        await sleep(paceMs);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, sender));
    await world.idle(options.timeoutMs ?? 600_000);
    return { samples };
  } finally {
    await world.close();
  }
}
