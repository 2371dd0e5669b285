/** The benchmark's output: the contract's JSON, and readable tables for people. Pure. */
import type { AckResult } from './ack-bench.js';
import { UPSTREAM_SYSTEMS } from './call-plan.js';
import type { CallPlan, CriticalPathRounds } from './critical-path.js';
import type { NaiveResult } from './naive-peer.js';
import type { BenchResult } from './run-bench.js';

/**
 * The contract's JSON object, keys in the contract's order whatever the object's own order; the
 * keys added later (dead hosts, probe phase, calls by kind) come after the first seven.
 */
export function benchJson(result: BenchResult): Record<string, unknown> {
  const kinds = result.callsByKind;
  return {
    targets: result.targets,
    latencyMs: result.latencyMs,
    wallMs: result.wallMs,
    criticalPathMs: result.criticalPathMs,
    upstreamCalls: Object.fromEntries(UPSTREAM_SYSTEMS.map((s) => [s, result.upstreamCalls[s]])),
    slackMessages: result.slackMessages,
    peakRssMb: result.peakRssMb,
    deadShare: result.deadShare,
    probedIps: result.probedIps,
    deadIps: result.deadIps,
    probePhaseMs: result.probePhaseMs,
    callsByKind: {
      pagedLists: { ...kinds.pagedLists },
      perTarget: { ...kinds.perTarget },
      posts: { ...kinds.posts },
    },
  };
}

export function renderRunText(result: BenchResult, rounds?: CriticalPathRounds, plan?: CallPlan): string {
  const chain = rounds
    ? ` (${rounds.total} calls in a row: issue ${rounds.issue}, look-ups ${rounds.lookups} ` +
      `[softlayer ${rounds.lookupsBySystem.softlayer}, tenable ${rounds.lookupsBySystem.tenable}, ` +
      `github ${rounds.lookupsBySystem.github}, nessus ${rounds.lookupsBySystem.nessus}], ` +
      `probes ${rounds.probes}, posting ${rounds.posting})`
    : '';
  const calls = UPSTREAM_SYSTEMS.map((s) => `${s} ${result.upstreamCalls[s]}`).join(', ');
  const ratio = result.criticalPathMs > 0 ? ` (${(result.wallMs / result.criticalPathMs).toFixed(2)} x)` : '';
  const rows: [string, string][] = [
    ['targets', String(result.targets)],
    ['latency', `${result.latencyMs} ms per call`],
    [
      'dead hosts',
      `${result.deadIps} of ${result.probedIps} probed IPs (share ${result.deadShare}), each costing its wait`,
    ],
    ['wall time', `${result.wallMs} ms${ratio}`],
    ['critical path', `${result.criticalPathMs} ms${chain}`],
    ['probe phase', `${result.probePhaseMs} ms of the critical path`],
    ['upstream calls', calls],
    ...(plan ? ([['of which', describePlan(plan)]] as [string, string][]) : []),
    ['Slack messages', String(result.slackMessages)],
    ['peak RSS', `${result.peakRssMb} MB`],
  ];
  return `${rows.map(([name, value]) => `${name.padEnd(16)}${value}`).join('\n')}\n`;
}

/** The calls that page, the calls made per target, and the posts, as counted for the critical path. */
export function describePlan(plan: CallPlan): string {
  const sl = plan.softlayer;
  const t = plan.tenable;
  return (
    `pages: github issue 1 + comments ${plan.issueCommentPages} + decommission listing ${plan.githubListingPages}, ` +
    `softlayer ${sl.hardwarePages + sl.guestPages + sl.subnetPages} (hardware ${sl.hardwarePages}, guests ${sl.guestPages}, subnets ${sl.subnetPages}), ` +
    `tenable ${t.zoneCalls + t.assetListCalls + t.assetDetails + t.sumipPages} (sumip ${t.sumipPages}); ` +
    `per target: softlayer power states ${sl.powerStates}, probe calls ${plan.probes} ` +
    `(${plan.probeBatches.reduce((sum, b) => sum + b.hostCostsMs.length, 0)} IPs in ${plan.probeBatches.length} batches); ` +
    `posts: issue comments ${plan.issueComments}, Slack messages ${plan.slackPosts}, files ${plan.fileUploads}, edits ${plan.slackUpdates}`
  );
}

export function renderSweepText(results: readonly BenchResult[]): string {
  const header = [
    'targets',
    'dead',
    'wall ms',
    'critical ms',
    'probe ms',
    ...UPSTREAM_SYSTEMS,
    'messages',
    'peak MB',
  ];
  const rows = results.map((r) => [
    String(r.targets),
    `${r.deadIps}/${r.probedIps}`,
    String(r.wallMs),
    String(r.criticalPathMs),
    String(r.probePhaseMs),
    ...UPSTREAM_SYSTEMS.map((s) => String(r.upstreamCalls[s])),
    String(r.slackMessages),
    r.peakRssMb.toFixed(1),
  ]);
  return table(header, rows);
}

export function renderAckText(result: AckResult): string {
  return (
    `${result.commands} '/nessus-gap help' commands (${result.duringInvestigations} while ` +
    `${result.investigations} investigations of ${result.targets} targets ran, ${result.latencyMs} ms latency): ` +
    `ack p50 ${result.ackP50Ms} ms, p99 ${result.ackP99Ms} ms, max ${result.ackMaxMs} ms\n`
  );
}

/** A markdown table (also readable as plain text), numbers right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return `${[line(header), rule, ...rows.map(line)].join('\n')}\n`;
}

/** The naive peer's figures, and how many times the bot's wall its whole walk takes. */
export function naiveJson(naive: NaiveResult, botWallMs: number): Record<string, unknown> {
  return {
    measuredIps: naive.measuredIps,
    elapsedMs: naive.elapsedMs,
    cutOff: naive.cutOff,
    totalMs: naive.totalMs,
    extrapolated: naive.cutOff,
    failures: naive.failures,
    calls: naive.calls,
    ratioToBot: botWallMs > 0 ? Number((naive.totalMs / botWallMs).toFixed(1)) : null,
  };
}

export function renderNaiveText(naive: NaiveResult, botWallMs: number): string {
  const total = naive.cutOff
    ? `${naive.totalMs} ms extrapolated (cut off after ${naive.measuredIps} of ${naive.targets} IPs in ${naive.elapsedMs} ms)`
    : `${naive.totalMs} ms measured (all ${naive.targets} IPs)`;
  const ratio = botWallMs > 0 ? `, ${(naive.totalMs / botWallMs).toFixed(1)} x the bot's wall time` : '';
  return `${'naive peer'.padEnd(16)}${total}${ratio}\n`;
}
