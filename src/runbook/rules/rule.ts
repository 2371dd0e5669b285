/**
 * The shape of a diagnosis rule and the helpers rules share. A rule is a pure function of the
 * evidence: it matches, does not match, or cannot tell because a check it needs failed.
 */
import type { AccountLookup, Check, Evidence, FailedCheck, Reachability } from '../evidence.js';
import type { Category } from '../model.js';

/** Every category but `check_failed`, which is what an inconclusive rule produces. */
export type DiagnosedCategory = Exclude<Category, 'check_failed'>;

export type RuleResult =
  | { kind: 'match' }
  | { kind: 'no_match' }
  | { kind: 'inconclusive'; failed: FailedCheck[] };

export interface RuleContext {
  /** The injected clock. */
  now: Date;
}

export interface Rule {
  category: DiagnosedCategory;
  applies(evidence: Evidence, context: RuleContext): RuleResult;
}

export const MATCH: RuleResult = Object.freeze({ kind: 'match' });
export const NO_MATCH: RuleResult = Object.freeze({ kind: 'no_match' });

export function inconclusive(...failed: FailedCheck[]): RuleResult {
  return { kind: 'inconclusive', failed };
}

/** A check's value, or the failure a rule reports when it needs that value. */
export type Needed<T> = { ok: true; value: T } | { ok: false; failed: FailedCheck };

export function need<T>(check: Check<T>): Needed<T> {
  if (check.status === 'ok') return { ok: true, value: check.value };
  return { ok: false, failed: { check: check.check, system: check.system, reason: check.reason } };
}

export function needAccount(evidence: Evidence): Needed<AccountLookup> {
  return need(evidence.account);
}

/** Reachability from the assigned scanner; a skipped probe is a failed `ping` check with its reason. */
export function needReachability(evidence: Evidence): Needed<Reachability> {
  if (evidence.reachability) return need(evidence.reachability);
  return {
    ok: false,
    failed: { check: 'ping', system: 'probe', reason: evidence.probeSkipped ?? 'the probe was not made' },
  };
}

/** All checks of the evidence that could not be made, in the order the rules use them. */
export function failedChecksOf(evidence: Evidence): FailedCheck[] {
  const checks: (Check<unknown> | null)[] = [
    evidence.account,
    evidence.decommissionTickets,
    evidence.scanner,
    evidence.assetLists,
    evidence.scanZones,
    evidence.lastScan,
    evidence.reachability,
  ];
  const failures: FailedCheck[] = [];
  for (const check of checks) {
    if (check?.status === 'failed')
      failures.push({ check: check.check, system: check.system, reason: check.reason });
  }
  return failures;
}
