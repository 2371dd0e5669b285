/**
 * The diagnosis of one target: the category registry's rules tried in order, first match wins. A
 * rule that needs a check that failed stops the walk and the target becomes `check_failed`, naming
 * the checks; a target whose earlier rules can be decided without the failed system is still
 * diagnosed.
 */
import { actionDescriptor } from './actions/index.js';
import { alsoSeen } from './also-seen.js';
import { factsOf } from './categories/facts.js';
import { CATEGORY_DESCRIPTORS, type Category, categoryDescriptor } from './categories/index.js';
import type { DiagnosisContext } from './context.js';
import type { Evidence, FailedCheck } from './evidence.js';
import { deviceOf } from './evidence-lines.js';
import type { Finding } from './finding.js';
import { runbookLink } from './links.js';
import { offeredVerbs } from './offers.js';
import { failedChecksOf } from './rules/rule.js';

export type { DiagnosisContext } from './context.js';

export interface Classification {
  category: Category;
  /** For `check_failed`: the checks the first inconclusive rule needed. */
  blocking: FailedCheck[];
}

/** Only the category, for callers (and tests) that do not need the text. */
export function classify(evidence: Evidence, context: DiagnosisContext): Classification {
  for (const descriptor of CATEGORY_DESCRIPTORS) {
    if (!descriptor.rule) continue;
    const result = descriptor.rule(evidence, context);
    if (result.kind === 'match') return { category: descriptor.name, blocking: [] };
    if (result.kind === 'inconclusive') return { category: 'check_failed', blocking: result.failed };
  }
  throw new Error('the category registry must end with a rule that always matches (reachable)');
}

export function diagnose(evidence: Evidence, context: DiagnosisContext): Finding {
  const { category, blocking } = classify(evidence, context);
  const descriptor = categoryDescriptor(category);
  const guide = descriptor.guide(factsOf(evidence, context, blocking));
  const device = deviceOf(evidence);
  const target = evidence.target;
  const actions = [
    ...new Set(offeredVerbs(category, evidence, context).map((verb) => actionDescriptor(verb).name)),
  ];
  return {
    ip: target.ip,
    hostname: target.hostname ?? device?.hostname ?? null,
    // The report may not say which interface an IP is; the account does.
    interface: target.interface === 'unknown' && device ? device.matchedAs : target.interface,
    environment: evidence.assignment.environment ?? target.environment,
    category,
    summary: guide.summary,
    evidence: [...guide.evidence, ...alsoSeen(evidence, category, context, guide.evidence)],
    fixes: guide.fixes,
    actions,
    links: [runbookLink(context.links, descriptor.section), ...(guide.links ?? [])],
    scanner: evidence.assignment.scanners[0] ?? null,
    device: device
      ? {
          account: device.account,
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
