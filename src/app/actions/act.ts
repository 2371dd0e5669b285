/**
 * A person asks for an action on findings (a button): checked for who they are, which targets of
 * the investigation still offer it, and the action's preconditions on the evidence as it is now;
 * then done once per target, or, in guided manual mode, handed to a person with the steps. Every
 * refusal is audited. The result says what happened; telling people is the caller's.
 */
import { InputError } from '../../errors.js';
import { actionDescriptor } from '../../runbook/actions/index.js';
import type { Finding } from '../../runbook/finding.js';
import type { ActionName, Category } from '../../runbook/model.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type InvestigationRef, lookUpInvestigation } from '../investigations/look-up.js';
import { clearForAction, type Refused } from './clear-for-action.js';
import { type ActionDeps, type ActionResult, actionKey, performAction } from './perform-action.js';

export type ActTarget = { scope: 'bulk'; category: Category } | { scope: 'one'; ip: string };

export interface ActRequest {
  investigation: InvestigationRef;
  action: Exclude<ActionName, 'recheck'>;
  target: ActTarget;
  user: { id: string; name: string };
  /** The request came from the Retry button of a failed action. */
  retry: boolean;
  /** Unique per click, for the audit row of a refusal. */
  clickId: string;
  /**
   * What to keep while a person follows the guide (manual mode): the clicked message, so "Done"
   * can update it in place, under a key the guide's submission carries back.
   */
  guide: { key: string; blocks: Record<string, unknown>[]; threadTs: string | null };
}

export type ActResult =
  | { kind: 'not_authorised' }
  /** Every target was refused on fresh evidence: nothing changed. */
  | { kind: 'refused'; record: InvestigationRecord; refused: Refused[] }
  /** Manual mode: a person makes the change by hand, following the guide for these findings. */
  | { kind: 'guide'; record: InvestigationRecord; refused: Refused[]; findings: Finding[] }
  | {
      kind: 'acted';
      record: InvestigationRecord;
      refused: Refused[];
      results: { finding: Finding; result: ActionResult }[];
      at: Date;
    };

export type ActDeps = ActionDeps & Pick<AppContext, 'investigation' | 'authorizer' | 'now'>;

export async function act(deps: ActDeps, request: ActRequest): Promise<ActResult> {
  const { store } = deps;
  const { action, target, user } = request;
  const record = await findInvestigation(deps, request.investigation);

  if (!(await deps.authorizer.isAuthorized(user.id))) {
    const { record: audit } = await store.beginAction({
      key: `refused:${request.clickId}:${user.id}:${action}`,
      investigationId: record.id,
      repo: record.repo,
      issueNumber: record.issueNumber,
      action,
      ip: target.scope === 'bulk' ? `bulk:${target.category}` : target.ip,
      userId: user.id,
      userName: user.name,
    });
    await store.finishAction(audit.key, 'refused', 'not authorised');
    return { kind: 'not_authorised' };
  }

  const findings = await targetFindings(deps, record, action, target);
  if (findings.length === 0) {
    throw new InputError(
      target.scope === 'bulk'
        ? `no target of ${record.repo}#${record.issueNumber} is left in that category`
        : `${target.ip} is not a target of ${record.repo}#${record.issueNumber} that offers this action (it may be resolved already): press Re-check to refresh`,
    );
  }

  // The preconditions again, on the evidence as it is now: a click on an old thread changes nothing
  // that no longer applies.
  const issue = { repo: record.repo, number: record.issueNumber };
  const { cleared, refused } = await clearForAction(deps.investigation, issue, action, findings);
  // A Retry of a failed action reads the current state even where the action no longer applies: a
  // change that went through before a crash is then recorded as done, and nothing is sent.
  const retrying = request.retry ? await failedEarlier(deps, record, refused) : [];
  const refusedNow = refused.filter((item) => !retrying.includes(item));
  await audit(deps, record, refusedNow, user);
  if (cleared.length === 0 && retrying.length === 0) return { kind: 'refused', record, refused: refusedNow };

  if (!deps.ports.inventory && (action === 'mark_notalchemy' || action === 'mark_pending_deletion')) {
    await store.saveGuide({ ...request.guide, at: deps.now() });
    return { kind: 'guide', record, refused: refusedNow, findings: cleared.map((c) => c.finding) };
  }

  const at = deps.now();
  const shown = new Map(findings.map((f) => [f.ip, f]));
  const work = [
    ...cleared.map((item) => ({ verb: item.verb, finding: item.finding, refusal: undefined })),
    ...retrying.flatMap((item) => {
      const finding = shown.get(item.ip);
      return finding ? [{ verb: item.verb, finding, refusal: item.reason }] : [];
    }),
  ];
  const results: { finding: Finding; result: ActionResult }[] = [];
  for (const { verb, finding, refusal } of work) {
    results.push({
      finding,
      result: await performAction(deps, {
        verb,
        investigation: record,
        finding,
        user,
        at,
        ...(request.retry ? { retry: true } : {}),
        ...(refusal === undefined ? {} : { refusal }),
      }),
    });
  }
  return { kind: 'acted', record, refused: refusedNow, results, at };
}

/** The investigation a button belongs to; an input error when the bot no longer has it. */
async function findInvestigation(
  deps: Pick<AppContext, 'store'>,
  ref: InvestigationRef,
): Promise<InvestigationRecord> {
  const record = await lookUpInvestigation(deps, ref);
  if (!record) throw new InputError(noLongerHad(ref));
  return record;
}

/** What a button of an investigation the bot no longer has is answered. */
export function noLongerHad(ref: { repo: string; issueNumber: number }): string {
  return `this button belongs to an investigation I no longer have (${ref.repo}#${ref.issueNumber}): run \`/nessus-gap ${ref.issueNumber}\` again`;
}

/** The refused targets whose action failed earlier: a Retry still reads their current state. */
async function failedEarlier(
  deps: Pick<AppContext, 'store'>,
  record: InvestigationRecord,
  refused: readonly Refused[],
): Promise<Refused[]> {
  const out: Refused[] = [];
  for (const item of refused) {
    const existing = await deps.store.getAction(
      actionKey(record.repo, record.issueNumber, item.verb, item.ip),
    );
    if (existing?.status === 'failed') out.push(item);
  }
  return out;
}

/** Targets whose precondition no longer holds: nothing changed, and it is audited. */
async function audit(
  deps: Pick<AppContext, 'store' | 'now'>,
  record: InvestigationRecord,
  refused: readonly Refused[],
  user: { id: string; name: string },
): Promise<void> {
  const at = deps.now();
  for (const item of refused) {
    const { record: row } = await deps.store.beginAction({
      key: `refused:${at.getTime()}:${user.id}:${item.verb}:${item.ip}`,
      investigationId: record.id,
      repo: record.repo,
      issueNumber: record.issueNumber,
      action: actionDescriptor(item.verb).name,
      ip: item.ip,
      userId: user.id,
      userName: user.name,
      createdAt: at,
    });
    await deps.store.finishAction(row.key, 'refused', `no longer applies: ${item.reason}`, at);
  }
}

/** The unresolved findings of the investigation that the button is about and that offer the action. */
async function targetFindings(
  deps: Pick<AppContext, 'store'>,
  record: InvestigationRecord,
  action: ActionName,
  target: ActTarget,
): Promise<Finding[]> {
  // A resolved target (no longer listed, or the issue closed) is left alone whatever an old button says.
  const all = (await deps.store.listFindings(record.id))
    .filter((f) => f.resolvedAt === null)
    .map((f) => f.finding);
  const offers = (f: Finding) => f.actions.includes(action);
  if (target.scope === 'bulk') return all.filter((f) => f.category === target.category && offers(f));
  return all.filter((f) => f.ip === target.ip && offers(f));
}
