/**
 * Reads one benchmark run out of the emulators' call logs: how many calls each system served, how
 * many Slack messages the bot posted, and the plan of calls the critical path is computed from.
 * Pure: the logs come in as plain records.
 */
import type { CallPlan } from './critical-path.js';

/** A call an emulator served (sandbox/http-kit CallRecord). */
export interface ServedCall {
  method: string;
  path: string;
  status: number | string;
  at: number;
}

/** A Slack Web API call (the Slack emulator's ApiCall). */
export interface SlackCall {
  method: string;
  at: number;
  status: number | string;
  ok?: boolean;
}

export interface RunCalls {
  github: readonly ServedCall[];
  softlayer: readonly ServedCall[];
  tenable: readonly ServedCall[];
  nessus: readonly ServedCall[];
  inventory: readonly ServedCall[];
  /** The sandbox's simulated network: one call per probe batch (or per single probe). */
  network: readonly ServedCall[];
  /** The batches the simulated network served, in order of arrival. */
  probeBatches: readonly { from: string; ips: readonly string[] }[];
  slack: readonly SlackCall[];
}

export const UPSTREAM_SYSTEMS = [
  'github',
  'softlayer',
  'tenable',
  'nessus',
  'inventory',
  'probe',
  'slack',
] as const;

export type UpstreamSystem = (typeof UPSTREAM_SYSTEMS)[number];
export type UpstreamCalls = Record<UpstreamSystem, number>;

export interface RunContext {
  gapRepo: string;
  issueNumber: number;
  decomRepo: string;
  /** IP chunks the Tenable.sc adapter split the sumip filter into. */
  sumipChunks: number;
  /** What probing an IP from a scanner costs there (its wait when silent, else 0), from the world. */
  probeHostCostMs: (ip: string, scanner: string) => number;
}

/** Every call served, by system, failures included (in the contract's key order). */
export function upstreamCalls(calls: RunCalls): UpstreamCalls {
  return {
    github: calls.github.length,
    softlayer: calls.softlayer.length,
    tenable: calls.tenable.length,
    nessus: calls.nessus.length,
    inventory: calls.inventory.length,
    probe: calls.network.length,
    slack: calls.slack.length,
  };
}

/** Messages that appear in Slack: chat.postMessage calls that succeeded, and report files shared. */
export function slackMessages(calls: readonly SlackCall[]): number {
  return calls.filter(
    (c) => answered(c) && (c.method === 'chat.postMessage' || c.method === 'files.completeUploadExternal'),
  ).length;
}

const answered = (call: { status: number | string; ok?: boolean }): boolean =>
  typeof call.status === 'number' && call.status < 400 && call.ok !== false;

/** The calls that succeeded, counted by the step of the chain they belong to. */
export function callPlan(calls: RunCalls, context: RunContext): CallPlan {
  const ok = <T extends { status: number | string; ok?: boolean }>(list: readonly T[]) =>
    list.filter(answered);
  const github = ok(calls.github);
  const softlayer = ok(calls.softlayer);
  const tenable = ok(calls.tenable);
  const slack = ok(calls.slack);

  const issuePath = `/api/v3/repos/${context.gapRepo}/issues/${context.issueNumber}`;
  const comments = (method: string) =>
    github.filter((c) => c.method === method && c.path.replace(/\/$/, '') === `${issuePath}/comments`).length;
  const listing = `/api/v3/repos/${context.decomRepo}/issues`;
  const softlayerList = (method: string) =>
    softlayer.filter((c) => c.path.endsWith(`/SoftLayer_Account/${method}.json`)).length;
  const tenablePath = (pattern: RegExp) => tenable.filter((c) => pattern.test(c.path)).length;
  const slackMethod = (method: string) => slack.filter((c) => c.method === method).length;

  return {
    issueCommentPages: comments('GET'),
    softlayer: {
      hardwarePages: softlayerList('getHardware'),
      guestPages: softlayerList('getVirtualGuests'),
      subnetPages: softlayerList('getSubnets'),
      powerStates: softlayer.filter((c) => c.path.endsWith('/getServerPowerState.json')).length,
    },
    tenable: {
      zoneCalls: tenablePath(/^\/rest\/zone\/?$/),
      assetListCalls: tenablePath(/^\/rest\/asset\/?$/),
      assetDetails: tenablePath(/^\/rest\/asset\/\d+\/?$/),
      sumipPages: tenablePath(/^\/rest\/analysis\/?$/),
    },
    sumipChunks: context.sumipChunks,
    githubListingPages: github.filter((c) => c.method === 'GET' && c.path.replace(/\/$/, '') === listing)
      .length,
    scannerStatusCalls: ok(calls.nessus).filter((c) => c.path.endsWith('/server/status')).length,
    probes: ok(calls.network).length,
    probeBatches: calls.probeBatches.map((batch) => ({
      scanner: batch.from,
      hostCostsMs: batch.ips.map((ip) => context.probeHostCostMs(ip, batch.from)),
    })),
    slackPosts: slackMethod('chat.postMessage'),
    fileUploads: slackMethod('files.completeUploadExternal'),
    slackUpdates: slackMethod('chat.update'),
    issueComments: comments('POST'),
  };
}

/** When the last post landed: Slack answers after its latency (logged then), GitHub logs on arrival. */
export function lastPostAt(calls: RunCalls, context: RunContext, latencyMs: number): number | null {
  const slackPosts = calls.slack.filter((c) => answered(c) && SLACK_POSTING.has(c.method)).map((c) => c.at);
  const issuePath = `/api/v3/repos/${context.gapRepo}/issues/${context.issueNumber}/comments`;
  const comments = calls.github
    .filter((c) => c.method === 'POST' && answered(c) && c.path.replace(/\/$/, '') === issuePath)
    .map((c) => c.at + latencyMs);
  const all = [...slackPosts, ...comments];
  return all.length === 0 ? null : Math.max(...all);
}

const SLACK_POSTING = new Set(['chat.postMessage', 'chat.update', 'files.completeUploadExternal']);
