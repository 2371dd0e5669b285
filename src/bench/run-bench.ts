/**
 * One benchmark run (docs/contract.md section 6): a generated world of N targets with latency on every
 * emulated call, Slack's included; a gap alert posted to the bot over HTTP; the bot investigates
 * through the real adapters and posts the thread and the issue comment. Everything is measured from
 * the emulators' own call logs.
 */
import { generateWorld } from '../../sandbox/generate-world.js';
import { hostCostMs, type SlackDriver } from '../../sandbox/index.js';
import type { Scenario } from '../../sandbox/scenario.js';
import { startWorld, type World } from '../cli/world.js';
import { loadConfig } from '../config/index.js';
import { PING_WAIT_S, TCP22_WAIT_S } from '../integrations/probe/probe-commands.js';
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
import {
  type CallPlan,
  type CriticalPath,
  criticalPath,
  DESIGN_CONCURRENCY,
  type ProbeConcurrency,
} from './critical-path.js';
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
  /** Share of probed IPs that are dead, each costing the scanner its wait (default DEFAULT_DEAD_SHARE). */
  deadShare?: number;
}

/** A gap report's unreachable hosts are common: the benchmark's default share of dead ones. */
export const DEFAULT_DEAD_SHARE = 0.3;

/** The contract's JSON, keys in this order; the keys after `peakRssMb` were added later. */
export interface BenchResult {
  targets: number;
  latencyMs: number;
  wallMs: number;
  criticalPathMs: number;
  upstreamCalls: UpstreamCalls;
  slackMessages: number;
  peakRssMb: number;
  /** The dead share asked for, and the IPs probed and dead in the generated world. */
  deadShare: number;
  probedIps: number;
  deadIps: number;
  /** Of the critical path, the probe phase (latencies and silent hosts' waits). */
  probePhaseMs: number;
  /** The calls that page through lists, those made per target, and the posts (docs/contract.md). */
  callsByKind: CallsByKind;
}

export interface CallsByKind {
  /**
   * Pages of lists (and Tenable.sc's asset list details, one per list): they grow with the size of
   * what is listed, a page at a time, not with the targets one by one.
   */
  pagedLists: { github: number; softlayer: number; tenable: number };
  /**
   * Calls made for targets: a power state per hardware server holding a target; a probe call per
   * batch of IPs of one scanner (N over the batch size), with the IPs they carried.
   */
  perTarget: { softlayerPowerStates: number; probeCalls: number; probedIpsServed: number };
  /** What the bot writes: Slack messages, edits, files and issue comments. */
  posts: { slackPosts: number; slackUpdates: number; fileUploads: number; issueComments: number };
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
    probeBatches: e.network.batches.length,
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
    probeBatches: e.network.batches.slice(since.probeBatches),
    slack: world.slack.apiCalls.slice(since.slack),
  };
}

export async function runBench(options: BenchOptions): Promise<BenchRun> {
  if (options.botProcess) return runWithBotProcess(options);
  if (!options.cold) await warmUpProcess(options.latencyMs);
  const generated = generateWorld(options.targets, { deadShare: deadShareOf(options) });
  const world = await startWorld(generated.scenario, worldOptions(options));
  try {
    if (!options.cold) await warmUp(world);
    const startRss = process.memoryUsage.rss();
    const rss = sampleRss(20);
    const run = await measureAlert(world, world.driver, generated.expected, options, () =>
      world.idle(timeoutOf(options)),
    );
    return finish(run, options, rss.stop(), startRss, probeConcurrency(world.config.probe), generated);
  } finally {
    await world.close();
  }
}

/** The bot in its own process: the same run, its peak memory read from the kernel. */
async function runWithBotProcess(options: BenchOptions): Promise<BenchRun> {
  const generated = generateWorld(options.targets, { deadShare: deadShareOf(options) });
  const { scenario, expected } = generated;
  const separate = await startSeparateBot(scenario, worldOptions(options));
  const { world, bot, store } = separate;
  try {
    const startRss = bot.peakRss();
    const run = await measureAlert(world, separate.driver, expected, options, () =>
      untilPublished(store, scenario.github.gapIssue ?? 0, timeoutOf(options)),
    );
    const config = loadConfig(world.env, { mode: 'serve' });
    return finish(run, options, bot.peakRss(), startRss, probeConcurrency(config.probe), generated);
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
    probeHostCostMs: (ip, scanner) => hostCostMs(world.sandbox.scenario.network, ip, scanner, REAL_WAITS),
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
  probes: ProbeConcurrency,
  generated: { probed: { ips: number; dead: number } },
): BenchRun {
  const plan = callPlan(run.calls, run.context);
  const path = criticalPath({
    latencyMs: options.latencyMs,
    plan,
    concurrency: { ...DESIGN_CONCURRENCY, ...probes },
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
      deadShare: deadShareOf(options),
      probedIps: generated.probed.ips,
      deadIps: generated.probed.dead,
      probePhaseMs: path.probeMs,
      callsByKind: callsByKind(plan, run.calls),
    },
    path,
    plan,
    startRssMb: toMb(startRss),
  };
}

/** The waits of the scanner's own commands: what the emulated network charges a silent host. */
const REAL_WAITS = { pingMs: PING_WAIT_S * 1000, tcp22Ms: TCP22_WAIT_S * 1000 };

const deadShareOf = (options: BenchOptions) => options.deadShare ?? DEFAULT_DEAD_SHARE;

function probeConcurrency(probe: {
  concurrency: number;
  batchesPerScanner: number;
  scannerParallelism: number;
}): ProbeConcurrency {
  return {
    probes: probe.concurrency,
    probeBatchesPerScanner: probe.batchesPerScanner,
    scannerParallelism: probe.scannerParallelism,
  };
}

function callsByKind(plan: CallPlan, calls: RunCalls): CallsByKind {
  const sl = plan.softlayer;
  const t = plan.tenable;
  return {
    pagedLists: {
      github: 1 + plan.issueCommentPages + plan.githubListingPages,
      softlayer: sl.hardwarePages + sl.guestPages + sl.subnetPages,
      tenable: t.zoneCalls + t.assetListCalls + t.assetDetails + t.sumipPages,
    },
    perTarget: {
      softlayerPowerStates: sl.powerStates,
      probeCalls: plan.probes,
      probedIpsServed: calls.probeBatches.reduce((sum, batch) => sum + batch.ips.length, 0),
    },
    posts: {
      slackPosts: plan.slackPosts,
      slackUpdates: plan.slackUpdates,
      fileUploads: plan.fileUploads,
      issueComments: plan.issueComments,
    },
  };
}

function worldOptions(options: BenchOptions) {
  return {
    realProbeWaits: true,
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
    const runs = (await store.listActiveRuns()).filter((r) => r.issueNumber === issueNumber);
    if (runs.some((r) => r.status === 'failed'))
      throw new Error(`the investigation of #${issueNumber} failed`);
    if (runs.length > 0 && runs.every((r) => r.status !== 'running')) return;
    if (Date.now() > deadline) throw new Error(`the bot was still busy after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
