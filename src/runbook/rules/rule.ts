/**
 * The shape of a diagnosis rule and the helpers rules share. A rule is a pure function of the
 * evidence: it matches, does not match, or cannot tell because a check it needs failed.
 */
import type { AccountLookup, Check, Evidence, FailedCheck, Reachability } from '../evidence.js';
import { reachabilityOf } from '../reach.js';

export type RuleResult =
  | { kind: 'match' }
  | { kind: 'no_match' }
  | { kind: 'inconclusive'; failed: FailedCheck[] };

export const MATCH: RuleResult = Object.freeze({ kind: 'match' });
export const NO_MATCH: RuleResult = Object.freeze({ kind: 'no_match' });

export function inconclusive(...failed: FailedCheck[]): RuleResult {
  return { kind: 'inconclusive', failed };
}

export function matchIf(condition: boolean): RuleResult {
  return condition ? MATCH : NO_MATCH;
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

/** Reachability from the target's scanners (any answer counts); a skipped probe is a failed `ping` check. */
export function needReachability(evidence: Evidence): Needed<Reachability> {
  return need(reachabilityOf(evidence));
}

/** All checks of the evidence that could not be made, in the order the rules use them. */
export function failedChecksOf(evidence: Evidence): FailedCheck[] {
  const checks: Check<unknown>[] = [
    evidence.account,
    evidence.decommissionTickets,
    ...evidence.scanners.flatMap((scanner) =>
      scanner.nessus ? [scanner.nessus, scanner.tenable] : [scanner.tenable],
    ),
    evidence.assetLists,
    evidence.scanZones,
    evidence.lastScan,
    ...evidence.probes.map((probe) => probe.result),
  ];
  const failures: FailedCheck[] = [];
  for (const check of checks) {
    if (
      check.status === 'failed' &&
      !failures.some((f) => f.reason === check.reason && f.check === check.check)
    )
      failures.push({ check: check.check, system: check.system, reason: check.reason });
  }
  return failures;
}
