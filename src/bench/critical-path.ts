/**
 * The least time an investigation needs at a given latency: the longest chain of calls that must
 * follow one another, each costing one latency. The chain is the one of issue 6: read the issue,
 * then the batched look-ups (all systems in parallel; within a system what paging and the
 * adapters' concurrency limits force), then the probes (bounded concurrency), then the posts
 * (messages of one thread in order; the issue's comments in order).
 *
 * Pure: its inputs are counted from what the emulators served during the run (call-plan.ts).
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
  probes: number;
  /** chat.postMessage calls of the bot, the first one being the summary the thread hangs from. */
  slackPosts: number;
  /** Report files shared into the thread (files.completeUploadExternal). */
  fileUploads: number;
  /** chat.update calls (progress edits and the final summary). */
  slackUpdates: number;
  issueComments: number;
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
  /** Probes in flight (probe.concurrency of the configuration). */
  probes: number;
}

export const DESIGN_CONCURRENCY: Readonly<Omit<DesignConcurrency, 'probes'>> = Object.freeze({
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
  probes: number;
  posting: number;
  total: number;
}

export interface CriticalPath {
  ms: number;
  rounds: CriticalPathRounds;
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

  const probes = rounds(plan.probes, concurrency.probes);

  // The summary is the thread's first message; it needs the issue (its title) and can go during the
  // look-ups. Then the replies in order, then the report file: its upload URL and upload can overlap
  // the replies, its sharing into the thread comes after them. The issue's comments go in order on
  // their own. The final summary edit names the first comment, so it follows that one.
  const replies = Math.max(0, plan.slackPosts - 1);
  const thread = plan.fileUploads > 0 ? Math.max(replies, 2) + plan.fileUploads : replies;
  const finalEdit = plan.slackUpdates > 0 ? (plan.issueComments > 0 ? 1 : 0) + 1 : 0;
  const posting = Math.max(thread, plan.issueComments, finalEdit);
  const summaryFirst = plan.slackPosts > 0 ? 1 : 0;

  const beforePosting = Math.max(issue + lookups + probes, issue + summaryFirst);
  const total = beforePosting + posting;
  return {
    ms: total * input.latencyMs,
    rounds: {
      issue,
      lookups,
      lookupsBySystem: { softlayer, tenable, github, nessus },
      probes,
      posting,
      total,
    },
  };
}
