/**
 * A button's preconditions checked again when it is clicked, on the evidence as it is now: what the
 * thread showed may be minutes or days old. A target whose precondition no longer holds is left
 * alone, with the reason; the others are acted on with their fresh diagnosis (device and ticket ids).
 */
import type { InvestigationDeps } from '../../investigation/investigate.js';
import { type ActionName, actionDescriptor } from '../../runbook/actions/index.js';
import type { Finding } from '../../runbook/finding.js';
import { verbOf } from '../../runbook/offers.js';
import type { EffectVerb } from './effects.js';
import { freshEvidence } from './fresh-evidence.js';

export interface Cleared {
  verb: EffectVerb;
  /** The target as diagnosed now. */
  finding: Finding;
}

export interface Refused {
  verb: EffectVerb;
  ip: string;
  hostname: string | null;
  reason: string;
}

export interface Clearance {
  cleared: Cleared[];
  refused: Refused[];
}

/** `findings` are the stored ones the button was shown on; their category says which verb it was. */
export async function clearForAction(
  deps: InvestigationDeps,
  issue: { repo: string; number: number },
  action: Exclude<ActionName, 'recheck'>,
  findings: readonly Finding[],
): Promise<Clearance> {
  const fresh = await freshEvidence(deps, issue, new Set(findings.map((f) => f.ip)));
  const clearance: Clearance = { cleared: [], refused: [] };
  for (const shown of findings) {
    const verb = verbOf(action, shown.category) as EffectVerb;
    const refuse = (reason: string) =>
      clearance.refused.push({ verb, ip: shown.ip, hostname: shown.hostname, reason });
    const now = fresh.targets.get(shown.ip);
    if (!now) {
      refuse(`${issue.repo}#${issue.number} no longer lists it (or is closed)`);
      continue;
    }
    const precondition = actionDescriptor(verb).precondition(now.evidence, fresh.context);
    if (precondition.ok) clearance.cleared.push({ verb, finding: now.finding });
    else refuse(precondition.reason);
  }
  return clearance;
}
