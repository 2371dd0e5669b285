/**
 * One benchmark run (docs/contract.md section 6): a generated world of N targets with latency on every
 * emulated call, Slack's included; a gap alert posted to the bot over HTTP; the bot investigates
 * through the real adapters and posts the thread and the issue comment. Everything is measured from
 * the emulators' own call logs.
 */
import { generateWorld } from '../../sandbox/generate-world.js';
import type { SlackDriver } from '../../sandbox/index.js';
import type { Scenario } from '../../sandbox/scenario.js';
import { startWorld, type World } from '../cli/world.js';
import { loadConfig } from '../config/index.js';
import { chunkIpList } from '../integrations/tenable/last-scans.js';
import type { Store } from '../store/store.js';
import { startSeparateBot } from './bot-process.js';
import {
  callPlan,
  lastPostAt,
  type RunCalls,
  type RunContext,
  slackMessages,
  type UpstreamCalls,
  upstreamCalls,
} from './call-plan.js';
import { type CallPlan, type CriticalPath, criticalPath, DESIGN_CONCURRENCY } from './critical-path.js';
import { sampleRss, toMb } from './rss-sampler.js';

export const ALERT_CHANNEL = 'C0ALERTS';
/** TenableClient's default longest sumip filter value: more IPs are split over several analyses. */
const TENABLE_FILTER_CHARS = 60_000;

export interface BenchOptions {
  targets: number;
  latencyMs: number;
  faultRate?: number;
  seed?: number;
  /** Longest wait for the bot to finish (default 10 minutes). */
  timeoutMs?: number;
  /** Measure a bot that has investigated nothing yet in this process (default false). */
  cold?: boolean;
  /**
   * Run the bot as `nessus-gap serve` in a process of its own and report that process's peak memory
   * (the emulators and the generated world stay in this one). Its first investigation is its
   * measured one, as after a deployment.
   */
  botProcess?: boolean;
}

/** The contract's JSON, keys in this order. */
export interface BenchResult {
  targets: number;
  latencyMs: number;
  wallMs: number;
  criticalPathMs: number;
  upstreamCalls: UpstreamCalls;
  slackMessages: number;
  peakRssMb: number;
}

export interface BenchRun {
  result: BenchResult;
  /** The chain behind criticalPathMs, in rounds of one latency. */
  path: CriticalPath;
  /** What the run asked of each system (pages read, per-target calls, posts). */
  plan: CallPlan;
  /** RSS once the world was up, before the alert. */
  startRssMb: number;
}

export function alertFor(world: { sandbox: { scenario: Pick<Scenario, 'github'> } }, issueNumber: number) {
  const { gapRepo } = world.sandbox.scenario.github;
  const url = `https://github.ibm.com/${gapRepo}/issues/${issueNumber}`;
  return {
    channel: ALERT_CHANNEL,
    username: 'PagerDuty',
    text: '',
    attachments: [
      {
        fallback: '[Triggered] GAP ALERT - unscanned machines require investigation',
        title: 'GAP ALERT - unscanned machines require investigation',
        title_link: url,
        text: `Alchemy Compliance: machines in our inventory are not being scanned. Details: ${url}`,
        color: '#d00000',
      },
    ],
  };
}

/**
 * One `/nessus-gap help` before the measured alert, as a running bot has answered something before:
 * Bolt learns its own identity (auth.test) on its first request.
 */
export async function warmUp(world: World): Promise<void> {
  const answer = await world.driver.slashCommand({
    text: 'help',
    userId: 'U0ALICE',
    channelId: ALERT_CHANNEL,
  });
  if (answer.status !== 200) throw new Error(`the bot answered ${answer.status} to a slash command`);
  await world.idle();
}

/**
 * A small investigation end to end in a world of its own, closed before the measured one starts:
 * the measured run then sees the code compiled as a long-running bot has it, not its first run.
 */
export async function warmUpProcess(latencyMs: number): Promise<void> {
  const world = await startWorld(generateWorld(WARM_UP_TARGETS).scenario, { latencyMs });
  try {
    await warmUp(world);
    await world.driver.postAlert(alertFor(world, world.sandbox.scenario.github.gapIssue ?? 0));
    await world.idle();
  } finally {
    await world.close();
  }
}

/** Enough targets for every category and a report file. */
const WARM_UP_TARGETS = 28;

type Emulated = Pick<World, 'sandbox' | 'slack'>;

/** Lengths of every call log now: what comes after belongs to the run. */
function marks(world: Emulated) {
  const e = world.sandbox.emulators;
  return {
    github: e.github.calls.length,
    softlayer: e.softlayer.calls.length,
    tenable: e.tenable.calls.length,
    nessus: e.nessus.calls.length,
    inventory: e.inventory.calls.length,
    network: e.network.calls.length,
    slack: world.slack.apiCalls.length,
  };
}

function callsSince(world: Emulated, since: ReturnType<typeof marks>): RunCalls {
  const e = world.sandbox.emulators;
  return {
    github: e.github.calls.slice(since.github),
    softlayer: e.softlayer.calls.slice(since.softlayer),
    tenable: e.tenable.calls.slice(since.tenable),
    nessus: e.nessus.calls.slice(since.nessus),
    inventory: e.inventory.calls.slice(since.inventory),
    network: e.network.calls.slice(since.network),
    slack: world.slack.apiCalls.slice(since.slack),
  };
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  if (options.botProcess) return runWithBotProcess(options);
  if (!options.cold) await warmUpProcess(options.latencyMs);
  const { scenario, expected } = generateWorld(options.targets);
  const world = await startWorld(scenario, worldOptions(options));
  try {
    if (!options.cold) await warmUp(world);
    const startRss = process.memoryUsage.rss();
    const rss = sampleRss(20);
    const run = await measureAlert(world, world.driver, expected, options, () =>
      world.idle(timeoutOf(options)),
    );
    return finish(run, options, rss.stop(), startRss, world.config.probe.concurrency);
  } finally {
    await world.close();
  }
}

/** The bot in its own process: the same run, its peak memory read from the kernel. */
async function runWithBotProcess(options: BenchOptions): Promise<BenchRun> {
  const { scenario, expected } = generateWorld(options.targets);
  const separate = await startSeparateBot(scenario, worldOptions(options));
  const { world, bot, store } = separate;
  try {
    const startRss = bot.peakRss();
    const run = await measureAlert(world, separate.driver, expected, options, () =>
      untilPublished(store, scenario.github.gapIssue ?? 0, timeoutOf(options)),
    );
    const config = loadConfig(world.env, { mode: 'serve' });
    return finish(run, options, bot.peakRss(), startRss, config.probe.concurrency);
  } finally {
    await separate.close();
  }
}

interface MeasuredAlert {
  calls: RunCalls;
  context: RunContext;
  started: number;
  end: number;
}

async function measureAlert(
  world: Emulated,
  driver: SlackDriver,
  expected: ReadonlyMap<string, unknown>,
  options: BenchOptions,
  done: () => Promise<void>,
): Promise<MeasuredAlert> {
  const issueNumber = world.sandbox.scenario.github.gapIssue ?? 0;
  const context: RunContext = {
    gapRepo: world.sandbox.scenario.github.gapRepo,
    issueNumber,
    decomRepo: world.sandbox.scenario.github.decomRepo,
    sumipChunks: chunkIpList([...expected.keys()], TENABLE_FILTER_CHARS).length,
  };
  const since = marks(world);
  const started = Date.now();
  await driver.postAlert(alertFor(world, issueNumber));
  await done();
  const calls = callsSince(world, since);
  const comments = world.sandbox.emulators.github
    .state()
    .postedComments.filter((c) => c.number === issueNumber);
  const end = lastPostAt(calls, context, options.latencyMs);
  if (end === null || comments.length === 0) {
    throw new Error(
      `the bot did not post its report (${slackMessages(calls.slack)} Slack message(s), ${comments.length} issue comment(s))`,
    );
  }
  return { calls, context, started, end };
}

function finish(
  run: MeasuredAlert,
  options: BenchOptions,
  peakRss: number,
  startRss: number,
  probeConcurrency: number,
): BenchRun {
  const plan = callPlan(run.calls, run.context);
  const path = criticalPath({
    latencyMs: options.latencyMs,
    plan,
    concurrency: { ...DESIGN_CONCURRENCY, probes: probeConcurrency },
  });
  return {
    result: {
      targets: options.targets,
      latencyMs: options.latencyMs,
      wallMs: run.end - run.started,
      criticalPathMs: path.ms,
      upstreamCalls: upstreamCalls(run.calls),
      slackMessages: slackMessages(run.calls.slack),
      peakRssMb: toMb(peakRss),
    },
    path,
    plan,
    startRssMb: toMb(startRss),
  };
}

function worldOptions(options: BenchOptions) {
  return {
    latencyMs: options.latencyMs,
    ...(options.faultRate ? { faultRate: options.faultRate } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
}

const timeoutOf = (options: BenchOptions) => options.timeoutMs ?? 600_000;

/** Polls the store until the investigation of the issue has posted everything (status `open`). */
async function untilPublished(store: Store, issueNumber: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const runs = (await store.listActiveInvestigations()).filter((r) => r.issueNumber === issueNumber);
    if (runs.some((r) => r.status === 'failed'))
      throw new Error(`the investigation of #${issueNumber} failed`);
    if (runs.length > 0 && runs.every((r) => r.status !== 'running')) return;
    if (Date.now() > deadline) throw new Error(`the bot was still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
