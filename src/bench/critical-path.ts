/**
 * The least time an investigation needs at a given latency: the longest chain of calls that must
 * follow one another, each costing one latency. The chain is the one of issue 6: read the issue,
 * then the batched look-ups (all systems in parallel; within a system what paging and the
 * adapters' concurrency limits force), then the probes, then the posts (messages of one thread in
 * order; the issue's comments in order).
 *
 * The probes cost more than a latency when a host is silent: the scanner waits for it (ping 2 s,
 * TCP 22 3 s, side by side: 3 s). A batch of IPs sent to one scanner costs one latency plus the
 * time its IPs take on the scanner, run `scannerParallelism` at once in order, each next one on the
 * first free slot (as xargs -P does): with all hosts answering that is nothing, with one silent
 * host among them 3 s, with more silent hosts than slots a multiple. The batches run as the bot
 * sends them (src/investigation/probe-batches.ts): each scanner's in order, at most
 * `probeBatchesPerScanner` of one scanner and `probes` of all at once, the earliest waiting batch
 * of a scanner with a free slot first. The probe phase ends with the last batch.
 *
 * Pure: its inputs are counted from what the emulators served during the run (call-plan.ts), the
 * cost of each host read from the world the run used.
 */

/** What one run asked of each system, counted from the emulators' call logs. */
export interface CallPlan {
  /** Pages of the gap issue's comments read with the issue (the first goes alongside the issue itself). */
  issueCommentPages: number;
  softlayer: { hardwarePages: number; guestPages: number; subnetPages: number; powerStates: number };
  tenable: { zoneCalls: number; assetListCalls: number; assetDetails: number; sumipPages: number };
  /** Filters the sumip analysis was split into (they run in parallel; the pages of one run in turn). */
  sumipChunks: number;
  /** Pages of the decommission repository's issue listing (GitHub's Link paging: one after another). */
  githubListingPages: number;
  scannerStatusCalls: number;
  /** Probe calls: batches, or single probes when none was batched. */
  probes: number;
  /** The probe batches, in the order they were sent, with what each of their hosts costs. */
  probeBatches: ProbeBatchCost[];
  /** chat.postMessage calls of the bot, the first one being the summary the thread hangs from. */
  slackPosts: number;
  /** Report files shared into the thread (files.completeUploadExternal). */
  fileUploads: number;
  /** chat.update calls (progress edits and the final summary). */
  slackUpdates: number;
  issueComments: number;
}

/** One batch of probes: its scanner, and the wait of each of its IPs there (0 when it answers). */
export interface ProbeBatchCost {
  scanner: string;
  hostCostsMs: number[];
}

/**
 * In-flight limits of the design (src/integrations defaults and the probe setting): a limit is a
 * choice made to spare the real APIs, so the chain is computed with it rather than as if
 * everything could go at once.
 */
export interface DesignConcurrency {
  /** SoftLayer list pages after the first (SoftLayerClient pageConcurrency). */
  softlayerPages: number;
  /** SoftLayer getServerPowerState calls (SoftLayerClient powerStateConcurrency). */
  powerStates: number;
  /** Tenable.sc asset list details (TenableClient concurrency). */
  tenableDetails: number;
  /** Tenable.sc sumip analyses of different IP chunks (TenableClient.lastScans). */
  sumipChunks: number;
  /** Probe batches in flight, all scanners together (probe.concurrency of the configuration). */
  probes: number;
  /** Probe batches in flight on one scanner (probe.batchesPerScanner). */
  probeBatchesPerScanner: number;
  /** IPs of one batch probed at once on the scanner (probe.scannerParallelism). */
  scannerParallelism: number;
}

export type ProbeConcurrency = Pick<
  DesignConcurrency,
  'probes' | 'probeBatchesPerScanner' | 'scannerParallelism'
>;

export const DESIGN_CONCURRENCY: Readonly<Omit<DesignConcurrency, keyof ProbeConcurrency>> = Object.freeze({
  softlayerPages: 4,
  powerStates: 8,
  tenableDetails: 8,
  sumipChunks: 4,
});

export interface CriticalPathInput {
  latencyMs: number;
  plan: CallPlan;
  concurrency: DesignConcurrency;
}

/** Rounds (latencies) of each step of the chain. */
export interface CriticalPathRounds {
  issue: number;
  lookups: number;
  lookupsBySystem: { softlayer: number; tenable: number; github: number; nessus: number };
  /** Batches (or single probes) one after another on the busiest slot. */
  probes: number;
  posting: number;
  total: number;
}

export interface CriticalPath {
  ms: number;
  rounds: CriticalPathRounds;
  /** The probe phase alone: its latencies and its hosts' waits. */
  probeMs: number;
}

const rounds = (calls: number, concurrency: number): number =>
  calls <= 0 ? 0 : Math.ceil(calls / Math.max(1, concurrency));

/** A paged list whose first page gives the total: the first page, then the rest in parallel. */
const listRounds = (pages: number, concurrency: number): number =>
  pages <= 0 ? 0 : 1 + rounds(pages - 1, concurrency);

export function criticalPath(input: CriticalPathInput): CriticalPath {
  const { plan, concurrency } = input;

  // The issue and its first page of comments go together; further comment pages follow the Link header.
  const issue = 1 + Math.max(0, plan.issueCommentPages - 1);

  // Power states need the hardware list first: only then is it known which servers hold a target IP.
  const softlayer = Math.max(
    listRounds(plan.softlayer.hardwarePages, concurrency.softlayerPages) +
      rounds(plan.softlayer.powerStates, concurrency.powerStates),
    listRounds(plan.softlayer.guestPages, concurrency.softlayerPages),
    listRounds(plan.softlayer.subnetPages, concurrency.softlayerPages),
  );
  const parallelChunks = Math.max(1, Math.min(plan.sumipChunks, concurrency.sumipChunks));
  const tenable = Math.max(
    plan.tenable.zoneCalls > 0 ? 1 : 0,
    (plan.tenable.assetListCalls > 0 ? 1 : 0) + rounds(plan.tenable.assetDetails, concurrency.tenableDetails),
    // Pages of one analysis run in turn (a short page ends it); chunks spread them at best evenly.
    Math.ceil(plan.tenable.sumipPages / parallelChunks),
  );
  const github = plan.githubListingPages;
  const nessus = plan.scannerStatusCalls > 0 ? 1 : 0;
  const lookups = Math.max(softlayer, tenable, github, nessus);

  const probeRounds =
    plan.probeBatches.length > 0
      ? batchScheduleMs(plan.probeBatches, () => 1, concurrency)
      : rounds(plan.probes, concurrency.probes);
  const probeMs =
    plan.probeBatches.length > 0
      ? batchScheduleMs(
          plan.probeBatches,
          (batch) => input.latencyMs + listScheduleMs(batch.hostCostsMs, concurrency.scannerParallelism),
          concurrency,
        )
      : probeRounds * input.latencyMs;

  // The summary is the thread's first message; it needs the issue (its title) and can go during the
  // look-ups. Then the replies in order, then the report file: its upload URL and upload can overlap
  // the replies, its sharing into the thread comes after them. The issue's comments go in order on
  // their own. The final summary edit names the first comment, so it follows that one.
  const replies = Math.max(0, plan.slackPosts - 1);
  const thread = plan.fileUploads > 0 ? Math.max(replies, 2) + plan.fileUploads : replies;
  const finalEdit = plan.slackUpdates > 0 ? (plan.issueComments > 0 ? 1 : 0) + 1 : 0;
  const posting = Math.max(thread, plan.issueComments, finalEdit);
  const summaryFirst = plan.slackPosts > 0 ? 1 : 0;

  const latency = input.latencyMs;
  const beforePostingMs = Math.max((issue + lookups) * latency + probeMs, (issue + summaryFirst) * latency);
  return {
    ms: beforePostingMs + posting * latency,
    rounds: {
      issue,
      lookups,
      lookupsBySystem: { softlayer, tenable, github, nessus },
      probes: probeRounds,
      posting,
      total: Math.max(issue + lookups + probeRounds, issue + summaryFirst) + posting,
    },
    probeMs,
  };
}

/** When the last of `costs` ends with `slots` run at once, each next one on the first free slot. */
export function listScheduleMs(costs: readonly number[], slots: number): number {
  const free = new Array<number>(Math.max(1, Math.min(slots, costs.length))).fill(0);
  for (const cost of costs) {
    let first = 0;
    for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[first] ?? 0)) first = i;
    free[first] = (free[first] ?? 0) + cost;
  }
  return Math.max(0, ...free);
}

/**
 * When the last batch ends, each costing `costOf`, run as the bot runs them: the earliest waiting
 * batch whose scanner has a free slot starts as soon as a slot of all is free too.
 */
export function batchScheduleMs(
  batches: readonly ProbeBatchCost[],
  costOf: (batch: ProbeBatchCost) => number,
  limits: Pick<DesignConcurrency, 'probes' | 'probeBatchesPerScanner'>,
): number {
  const total = Math.max(1, limits.probes);
  const perScanner = Math.max(1, limits.probeBatchesPerScanner);
  const waiting = [...batches];
  let running: { end: number; scanner: string }[] = [];
  let now = 0;
  while (waiting.length > 0 || running.length > 0) {
    for (let i = 0; i < waiting.length && running.length < total; ) {
      const batch = waiting[i] as ProbeBatchCost;
      if (running.filter((r) => r.scanner === batch.scanner).length >= perScanner) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      running.push({ end: now + costOf(batch), scanner: batch.scanner });
    }
    now = Math.min(...running.map((r) => r.end));
    running = running.filter((r) => r.end > now);
  }
  return now;
}
