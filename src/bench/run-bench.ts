/**
 * One benchmark run (CONTRACT.md section 6): a generated world of N targets with latency on every
 * emulated call, Slack's included; a gap alert posted to the bot over HTTP; the bot investigates
 * through the real adapters and posts the thread and the issue comment. Everything is measured from
 * the emulators' own call logs.
 */
import { generateWorld } from '../../sandbox/generate-world.js';
import { startWorld, type World } from '../cli/world.js';
import { chunkIpList } from '../integrations/tenable/last-scans.js';
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

export function alertFor(world: World, issueNumber: number) {
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

/** Lengths of every call log now: what comes after belongs to the run. */
function marks(world: World) {
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

function callsSince(world: World, since: ReturnType<typeof marks>): RunCalls {
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
  if (!options.cold) await warmUpProcess(options.latencyMs);
  const { scenario, expected } = generateWorld(options.targets);
  const world = await startWorld(scenario, {
    latencyMs: options.latencyMs,
    ...(options.faultRate ? { faultRate: options.faultRate } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  try {
    const issueNumber = scenario.github.gapIssue ?? 0;
    const context: RunContext = {
      gapRepo: scenario.github.gapRepo,
      issueNumber,
      decomRepo: scenario.github.decomRepo,
      sumipChunks: chunkIpList([...expected.keys()], TENABLE_FILTER_CHARS).length,
    };
    if (!options.cold) await warmUp(world);
    const startRss = process.memoryUsage.rss();
    const since = marks(world);
    const rss = sampleRss(20);
    const started = Date.now();
    await world.driver.postAlert(alertFor(world, issueNumber));
    await world.idle(options.timeoutMs ?? 600_000);
    const peak = rss.stop();

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
    const plan = callPlan(calls, context);
    const path = criticalPath({
      latencyMs: options.latencyMs,
      plan,
      concurrency: { ...DESIGN_CONCURRENCY, probes: world.config.probe.concurrency },
    });
    return {
      result: {
        targets: options.targets,
        latencyMs: options.latencyMs,
        wallMs: end - started,
        criticalPathMs: path.ms,
        upstreamCalls: upstreamCalls(calls),
        slackMessages: slackMessages(calls.slack),
        peakRssMb: toMb(peak),
      },
      path,
      plan,
      startRssMb: toMb(startRss),
    };
  } finally {
    await world.close();
  }
}
