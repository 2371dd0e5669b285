/**
 * One investigation: the gap issue, every check in batches, the diagnosis, the report.
 *
 * The calls that must follow one another are few and fixed: the issue, then the batched look-ups
 * (all in parallel), then the probes (bounded concurrency), then the rules. Nothing here is done
 * per target against an API that can batch.
 */
import { InputError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { DiagnosisContext } from '../runbook/diagnose.js';
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import type { LinkSettings } from '../runbook/links.js';
import type { Target } from '../runbook/model.js';
import { parseGapReport } from '../runbook/parse-gap-report.js';
import { countByCategory } from '../runbook/report/json.js';
import { scannerReports } from '../runbook/report/scanners.js';
import { gatherEvidence, type SystemCheck } from './gather-evidence.js';
import { type HeavyWork, inThread } from './heavy-work.js';
import type {
  CoverageApi,
  GapIssue,
  InfraApi,
  IssueTracker,
  NetworkProbe,
  ScannerStatusApi,
} from './ports.js';
import { yieldToLoop } from './yield-to-loop.js';

export interface InvestigationSettings {
  gapRepo: string;
  decomRepo: string;
  environments: Readonly<Record<string, string | readonly string[]>>;
  datacenters: Readonly<Record<string, string>>;
  /** CIDRs outside our accounts whose IPs may still be probed. */
  allowedCidrs: readonly string[];
  /** A closed decommission ticket counts as a record for this many days. */
  decommissionWindowDays: number;
  /** Probe batches in flight, all scanners together. */
  probeConcurrency: number;
  /** IPs per probe batch, and batches in flight on one scanner. */
  probeBatchSize: number;
  probeBatchesPerScanner: number;
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
  /** Where parsing and diagnosis run: a worker pool given by the composition root, else this thread. */
  heavy?: HeavyWork;
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
  const listed = await readTargets(issue, deps.heavy ?? inThread);
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
  checkBody(issue);
  return checkCount(issue, parseGapReport(issue.body));
}

/** `listedTargets`, the parsing done by `heavy` (off this thread when it is a worker pool). */
export async function readTargets(
  issue: Pick<GapIssue, 'repo' | 'number' | 'body'>,
  heavy: HeavyWork,
): Promise<Target[]> {
  checkBody(issue);
  return checkCount(issue, await heavy.parseGapReport(issue.body));
}

function checkBody(issue: Pick<GapIssue, 'repo' | 'number' | 'body'>): void {
  if (issue.body.length > MAX_ISSUE_BODY_CHARS) {
    throw new InputError(
      `${issue.repo}#${issue.number} was not investigated: its body is ${megabytes(issue.body.length)} MB, over the ${megabytes(MAX_ISSUE_BODY_CHARS)} MB a gap report can be (GitHub caps issue bodies at 65,536 characters)`,
    );
  }
}

function checkCount(issue: Pick<GapIssue, 'repo' | 'number'>, targets: Target[]): Target[] {
  const name = `${issue.repo}#${issue.number}`;
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
  const total = targets.length;
  const checkedAt = deps.now();
  const { evidence, checks } = await gatherEvidence(targets, listed, deps, options);
  options.onProgress?.({ phase: 'diagnosis', done: total, total });
  const context = diagnosisContext(deps.settings, checkedAt);
  const findings: Finding[] = await (deps.heavy ?? inThread).diagnose(evidence, context);
  const report: InvestigationReport = {
    issue: { repo: issue.repo, number: issue.number, title: issue.title, url: issue.url },
    findings,
    counts: countByCategory(findings),
    systemsDown: systemsDown(checks),
    scanners: scannerReports(evidence),
    checkedAt: checkedAt.toISOString(),
  };
  options.onProgress?.({ phase: 'done', done: total, total });
  return report;
}

export function diagnosisContext(settings: InvestigationSettings, now: Date): DiagnosisContext {
  return { now, links: settings.links, decommissionWindowDays: settings.decommissionWindowDays };
}

/** A system is down when every one of its checks failed (not just one call for one target). */
function systemsDown(checks: readonly SystemCheck[]): string[] {
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
