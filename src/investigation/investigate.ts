/**
 * One investigation: the gap issue, every check in batches, the diagnosis, the report.
 *
 * The calls that must follow one another are few and fixed: the issue, then the batched look-ups
 * (all in parallel), then the probes (bounded concurrency), then the rules. Nothing here is done
 * per target against an API that can batch.
 */
import { InputError } from '../errors.js';
import type { Logger } from '../logger.js';
import { indexAccount, siblingOf } from '../runbook/account-lookup.js';
import { indexCoverage } from '../runbook/coverage-match.js';
import { indexTickets } from '../runbook/decommission-match.js';
import { diagnose } from '../runbook/diagnose.js';
import type { Check, Evidence, LastScan, Reachability, ScannerHealth } from '../runbook/evidence.js';
import { failed, ok } from '../runbook/evidence.js';
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import { parseIpList, rangesContain } from '../runbook/ip.js';
import type { LinkSettings } from '../runbook/links.js';
import type { Target } from '../runbook/model.js';
import { parseGapReport } from '../runbook/parse-gap-report.js';
import { countByCategory } from '../runbook/report/json.js';
import { assignScanner } from '../runbook/scanner-map.js';
import type {
  CoverageApi,
  GapIssue,
  InfraApi,
  IssueTracker,
  NetworkProbe,
  ScannerStatusApi,
} from './ports.js';
import { mapBounded, mapCheck, settle } from './settle.js';
import { mapInTurns, yieldToLoop } from './yield-to-loop.js';

export interface InvestigationSettings {
  gapRepo: string;
  decomRepo: string;
  environments: Readonly<Record<string, string | readonly string[]>>;
  datacenters: Readonly<Record<string, string>>;
  /** CIDRs outside the account whose IPs may still be probed. */
  allowedCidrs: readonly string[];
  probeConcurrency: number;
  links: LinkSettings;
}

export interface InvestigationDeps {
  issues: IssueTracker;
  infra: InfraApi;
  coverage: CoverageApi;
  scanners: ScannerStatusApi;
  probe: NetworkProbe;
  settings: InvestigationSettings;
  now: () => Date;
  logger: Logger;
}

export interface Progress {
  phase: 'issue' | 'lookups' | 'probes' | 'diagnosis' | 'done';
  done: number;
  total: number;
}

export interface InvestigateOptions {
  onProgress?: (progress: Progress) => void;
  /** Re-investigate only these IPs of the issue (a re-check); all when omitted. */
  onlyIps?: ReadonlySet<string>;
  /** The issue, when the caller has just read it (saves one call on the critical path). */
  issue?: GapIssue;
}

export interface InvestigationOutcome {
  issue: GapIssue;
  targets: Target[];
  report: InvestigationReport;
}

/** Reads the gap issue and investigates every target it lists. */
export async function investigateIssue(
  issueNumber: number,
  deps: InvestigationDeps,
  options: InvestigateOptions = {},
): Promise<InvestigationOutcome> {
  options.onProgress?.({ phase: 'issue', done: 0, total: 0 });
  const issue = options.issue ?? (await deps.issues.getIssue(deps.settings.gapRepo, issueNumber));
  await yieldToLoop();
  const listed = listedTargets(issue);
  await yieldToLoop();
  const targets = options.onlyIps ? listed.filter((t) => options.onlyIps?.has(t.ip)) : listed;
  const report = await investigateTargets(issue, targets, listed, deps, options);
  return { issue, targets, report };
}

/**
 * Far above any real gap report (GitHub caps an issue body at 65,536 characters): a bigger body is
 * refused unread, so an edited or hostile issue cannot make an investigation slow or large.
 */
export const MAX_ISSUE_BODY_CHARS = 2_000_000;
/** The most targets one investigation takes on; more would flood the thread and the issue. */
export const MAX_TARGETS = 10_000;

/** The targets the issue lists, or an InputError saying why the issue is refused (also for re-checks). */
export function listedTargets(issue: Pick<GapIssue, 'repo' | 'number' | 'body'>): Target[] {
  const name = `${issue.repo}#${issue.number}`;
  if (issue.body.length > MAX_ISSUE_BODY_CHARS) {
    throw new InputError(
      `${name} was not investigated: its body is ${megabytes(issue.body.length)} MB, over the ${megabytes(MAX_ISSUE_BODY_CHARS)} MB a gap report can be (GitHub caps issue bodies at 65,536 characters)`,
    );
  }
  const targets = parseGapReport(issue.body);
  if (targets.length > MAX_TARGETS) {
    throw new InputError(
      `${name} was not investigated: it lists ${targets.length} IPs, over the ${MAX_TARGETS} one investigation takes on; split the report`,
    );
  }
  return targets;
}

const megabytes = (chars: number) => (chars / 1_000_000).toFixed(1);

/** Gathers the evidence for `targets` (all listed on `issue`) and diagnoses each one. */
export async function investigateTargets(
  issue: Pick<GapIssue, 'repo' | 'number' | 'title' | 'url'>,
  targets: Target[],
  listed: Target[],
  deps: InvestigationDeps,
  options: InvestigateOptions = {},
): Promise<InvestigationReport> {
  const { settings, logger } = deps;
  const log = logger.child({ issue: `${issue.repo}#${issue.number}` });
  const total = targets.length;
  const ips = targets.map((t) => t.ip);
  const checkedAt = deps.now();
  options.onProgress?.({ phase: 'lookups', done: 0, total });

  const terms = [...new Set(targets.flatMap((t) => (t.hostname ? [t.ip, t.hostname] : [t.ip])))];
  const scannerNames = new Set<string>(deps.scanners.configured());
  for (const value of Object.values(settings.environments)) {
    for (const name of typeof value === 'string' ? [value] : value) scannerNames.add(name);
  }

  const [devices, subnets, zones, assets, tickets, lastScans, scannerChecks] = await Promise.all([
    settle('account_devices', 'softlayer', () => deps.infra.listDevices({ powerStateForIps: new Set(ips) })),
    settle('account_subnets', 'softlayer', () => deps.infra.listSubnets()),
    settle('scan_zones', 'tenable', () => deps.coverage.listScanZones()),
    settle('asset_lists', 'tenable', () => deps.coverage.listAssetLists()),
    settle('decommission_tickets', 'github', () => deps.issues.searchTickets(settings.decomRepo, terms)),
    settle('last_scan', 'tenable', () => deps.coverage.lastScans(ips)),
    checkScanners([...scannerNames], deps.scanners),
  ]);
  log.debug({ devices: devices.status, subnets: subnets.status, zones: zones.status }, 'lookups done');

  const account =
    devices.status === 'ok' && subnets.status === 'ok'
      ? ok(indexAccount(devices.value, subnets.value))
      : devices.status === 'failed'
        ? devices
        : failed<never>('account_subnets', 'softlayer', subnets.status === 'failed' ? subnets.reason : '');
  const coverage = indexCoverage(
    zones.status === 'ok' ? zones.value : [],
    assets.status === 'ok' ? assets.value : [],
  );
  const ticketIndex = mapCheck(tickets, indexTickets);
  const listedIps = new Set(listed.map((t) => t.ip));
  const allowed = parseIpList(settings.allowedCidrs.join(','));

  await yieldToLoop();
  const partial = await mapInTurns(targets, (target): Omit<Evidence, 'reachability' | 'probeSkipped'> => {
    const lookup = mapCheck(account, (index) => index.lookup(target.ip));
    const device = lookup.status === 'ok' ? lookup.value.device : null;
    const assignment = assignScanner(target, device, settings);
    return {
      target,
      account: lookup,
      decommissionTickets: mapCheck(ticketIndex, (index) =>
        index.naming({ ip: target.ip, hostname: target.hostname ?? device?.hostname ?? null }),
      ),
      assetLists: mapCheck(assets, () => coverage.assetListsHolding(target.ip)),
      scanZones: mapCheck(zones, () => coverage.zonesCovering(target.ip)),
      lastScan: mapCheck(lastScans, (map): LastScan | null => map.get(target.ip) ?? null),
      assignment,
      scanner: assignment.scanner ? (scannerChecks.get(assignment.scanner) ?? null) : null,
      sibling: device ? siblingOf(device, listedIps) : null,
    };
  });

  let probed = 0;
  options.onProgress?.({ phase: 'probes', done: 0, total });
  const evidence = await mapBounded(partial, settings.probeConcurrency, async (item): Promise<Evidence> => {
    const skip = probeSkipReason(item, allowed);
    let reachability: Check<Reachability> | null = null;
    if (skip === null && item.assignment.scanner) {
      const scanner = item.assignment.scanner;
      reachability = await settle('ping', 'probe', () => deps.probe.probe(item.target.ip, scanner));
    }
    probed += 1;
    options.onProgress?.({ phase: 'probes', done: probed, total });
    return { ...item, reachability, probeSkipped: skip };
  });

  options.onProgress?.({ phase: 'diagnosis', done: total, total });
  const findings: Finding[] = await mapInTurns(evidence, (e) =>
    diagnose(e, { now: checkedAt, links: settings.links }),
  );
  const report: InvestigationReport = {
    issue: { repo: issue.repo, number: issue.number, title: issue.title, url: issue.url },
    findings,
    counts: countByCategory(findings),
    systemsDown: systemsDown([
      ['softlayer', devices],
      ['softlayer', subnets],
      ['tenable', zones],
      ['tenable', assets],
      ['tenable', lastScans],
      ['github', tickets],
      ...[...scannerChecks.values()].map((check): SystemCheck => ['nessus', check]),
      ...evidence.map((e): SystemCheck => ['probe', e.reachability]),
    ]),
    checkedAt: checkedAt.toISOString(),
  };
  options.onProgress?.({ phase: 'done', done: total, total });
  return report;
}

async function checkScanners(
  names: string[],
  api: ScannerStatusApi,
): Promise<Map<string, Check<ScannerHealth>>> {
  const results = await Promise.all(
    names.map((name) => settle('scanner_health', 'nessus', () => api.status(name))),
  );
  return new Map(names.map((name, i) => [name, results[i] as Check<ScannerHealth>]));
}

/**
 * The bot probes only IPs of the issue that belong to the account or to configured CIDRs, from a
 * known scanner; anything else is left alone and the finding says why.
 */
function probeSkipReason(
  item: Omit<Evidence, 'reachability' | 'probeSkipped'>,
  allowed: ReturnType<typeof parseIpList>,
): string | null {
  if (!item.assignment.scanner) {
    return item.assignment.environment
      ? `no scanner is configured for environment ${item.assignment.environment}`
      : 'the environment is unknown (not in the report, no datacenter mapping), so there is no scanner to probe from';
  }
  const inAccount =
    item.account.status === 'ok' &&
    (item.account.value.device !== null || item.account.value.subnet !== null);
  if (inAccount || rangesContain(allowed, item.target.ip)) return null;
  if (item.account.status === 'failed') return 'account membership could not be checked';
  return 'the IP is neither in the IBM Cloud account nor in a configured CIDR';
}

type SystemCheck = [system: string, check: Check<unknown> | null];

/** A system is down when every one of its checks failed (not just one call for one target). */
function systemsDown(checks: SystemCheck[]): string[] {
  const bySystem = new Map<string, { ok: number; failed: number }>();
  for (const [system, check] of checks) {
    if (!check) continue;
    const entry = bySystem.get(system) ?? { ok: 0, failed: 0 };
    if (check.status === 'ok') entry.ok += 1;
    else entry.failed += 1;
    bySystem.set(system, entry);
  }
  return [...bySystem.entries()]
    .filter(([, c]) => c.failed > 0 && c.ok === 0)
    .map(([name]) => name)
    .sort();
}
