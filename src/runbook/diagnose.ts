/**
 * The diagnosis of one target: the rules tried in the design's order, first match wins. A rule that
 * needs a check that failed stops the walk and the target becomes `check_failed`, naming the checks;
 * a target whose earlier rules can be decided without the failed system is still diagnosed.
 */
import type { Evidence, FailedCheck } from './evidence.js';
import { deviceOf } from './evidence-lines.js';
import type { Finding } from './finding.js';
import { describeFinding } from './fixes.js';
import type { LinkSettings } from './links.js';
import type { Category } from './model.js';
import { RULES } from './rules/index.js';
import { failedChecksOf } from './rules/rule.js';

export { RULES } from './rules/index.js';

export interface DiagnosisContext {
  /** The injected clock (stale scans are measured from it). */
  now: Date;
  links: LinkSettings;
}

export interface Classification {
  category: Category;
  /** For `check_failed`: the checks the first inconclusive rule needed. */
  blocking: FailedCheck[];
}

/** Only the category, for callers (and tests) that do not need the text. */
export function classify(evidence: Evidence, context: Pick<DiagnosisContext, 'now'>): Classification {
  for (const rule of RULES) {
    const result = rule.applies(evidence, context);
    if (result.kind === 'match') return { category: rule.category, blocking: [] };
    if (result.kind === 'inconclusive') return { category: 'check_failed', blocking: result.failed };
  }
  throw new Error('the rules table must end with a rule that always matches (reachable)');
}

export function diagnose(evidence: Evidence, context: DiagnosisContext): Finding {
  const { category, blocking } = classify(evidence, context);
  const text = describeFinding(category, evidence, context, blocking);
  const device = deviceOf(evidence);
  const target = evidence.target;
  return {
    ip: target.ip,
    hostname: target.hostname ?? device?.hostname ?? null,
    // The report may not say which interface an IP is; the account does.
    interface: target.interface === 'unknown' && device ? device.matchedAs : target.interface,
    environment: target.environment ?? evidence.assignment.environment,
    category,
    summary: text.summary,
    evidence: text.evidence,
    fixes: text.fixes,
    actions: text.actions,
    links: text.links,
    scanner: evidence.assignment.scanner,
    device: device
      ? {
          kind: device.kind,
          id: device.id,
          hostname: device.hostname,
          cancellationTicketId: device.cancellation?.ticketId ?? null,
        }
      : null,
    // A finding made despite failed checks still lists them, so nobody mistakes them for passes.
    failedChecks: category === 'check_failed' ? blocking : failedChecksOf(evidence),
  };
}
