/**
 * The evidence of some targets of an investigation as it is now, for a click: the issue read again
 * (a target no longer listed is resolved) and every check made again for those IPs. A button's
 * preconditions are checked on this, not on what the thread showed when it was posted.
 */
import { gatherEvidence } from '../../investigation/gather-evidence.js';
import { diagnosisContext, type InvestigationDeps, listedTargets } from '../../investigation/investigate.js';
import type { DiagnosisContext } from '../../runbook/context.js';
import { diagnose } from '../../runbook/diagnose.js';
import type { Evidence } from '../../runbook/evidence.js';
import type { Finding } from '../../runbook/finding.js';

export interface FreshTarget {
  evidence: Evidence;
  /** The target diagnosed now: the device and ticket ids an effect uses come from here. */
  finding: Finding;
}

export interface FreshEvidence {
  context: DiagnosisContext;
  /** By IP; an IP the issue no longer lists is absent. */
  targets: ReadonlyMap<string, FreshTarget>;
}

export async function freshEvidence(
  deps: InvestigationDeps,
  issue: { repo: string; number: number },
  ips: ReadonlySet<string>,
): Promise<FreshEvidence> {
  const body = await deps.issues.getIssue(issue.repo, issue.number);
  const listed = body.state === 'open' ? listedTargets(body) : [];
  const targets = listed.filter((target) => ips.has(target.ip));
  const context = diagnosisContext(deps.settings, deps.now());
  const { evidence } = await gatherEvidence(targets, listed, deps);
  return {
    context,
    targets: new Map(
      evidence.map((item) => [item.target.ip, { evidence: item, finding: diagnose(item, context) }]),
    ),
  };
}
