/**
 * One action, done once however often it is clicked or redelivered: the intent is recorded first
 * (its key is the idempotency key), then the change, then the outcome; the change is documented on
 * the issue, and the record doubles as the audit log.
 */
import { errorMessage } from '../../errors.js';
import type { Integrations } from '../../integrations/create-integrations.js';
import type { Logger } from '../../logger.js';
import type { Finding } from '../../runbook/finding.js';
import { renderActionComment } from '../../runbook/report/action-comment.js';
import type { ActionRecord, InvestigationRecord, Store } from '../../store/store.js';
import { applyEffect, type EffectAction } from './effects.js';

export interface ActionInput {
  action: EffectAction;
  investigation: InvestigationRecord;
  finding: Finding;
  user: { id: string; name: string };
  at: Date;
  /** A person made the change by hand (guided manual mode): only document it. */
  doneByHand?: boolean;
}

export type ActionResult =
  | { kind: 'done'; detail: string; record: ActionRecord; commentUrl: string | null }
  | { kind: 'already'; record: ActionRecord }
  | { kind: 'in_progress'; record: ActionRecord }
  | { kind: 'failed'; reason: string; record: ActionRecord };

export interface ActionServices {
  store: Store;
  integrations: Integrations;
  logger: Logger;
}

/** The same action on the same target of the same issue is one action. */
export function actionKey(repo: string, issueNumber: number, action: string, ip: string): string {
  return `${repo}#${issueNumber}:${action}:${ip}`;
}

export async function performAction(services: ActionServices, input: ActionInput): Promise<ActionResult> {
  const { store, logger } = services;
  const { investigation, finding, action, user } = input;
  const key = actionKey(investigation.repo, investigation.issueNumber, action, finding.ip);
  const begun = await store.beginAction({
    key,
    investigationId: investigation.id,
    repo: investigation.repo,
    issueNumber: investigation.issueNumber,
    action,
    ip: finding.ip,
    userId: user.id,
    userName: user.name,
    createdAt: input.at,
  });
  if (!begun.created) {
    const existing = begun.record;
    if (existing.status === 'done') return { kind: 'already', record: existing };
    if (existing.status !== 'failed' || !(await store.retryAction(key, user, input.at))) {
      return { kind: 'in_progress', record: existing };
    }
  }

  const issue = { repo: investigation.repo, number: investigation.issueNumber };
  let detail: string;
  try {
    detail = input.doneByHand
      ? `done by hand in the dashboard, confirmed by ${user.name}`
      : await applyEffect(action, { integrations: services.integrations, finding, issue, user: user.name });
  } catch (error) {
    const reason = errorMessage(error);
    await store.finishAction(key, 'failed', reason);
    logger.warn({ action, ip: finding.ip, reason }, 'action failed');
    const record = (await store.getAction(key)) ?? begun.record;
    return { kind: 'failed', reason, record };
  }
  await store.finishAction(key, 'done', detail);
  const commentUrl = await documentOnIssue(services, input, key, detail);
  const record = (await store.getAction(key)) ?? begun.record;
  return { kind: 'done', detail, record, commentUrl };
}

/** The runbook asks for a comment on the gap issue for every change; posted once per action key. */
async function documentOnIssue(
  services: ActionServices,
  input: ActionInput,
  key: string,
  detail: string,
): Promise<string | null> {
  const { store, integrations, logger } = services;
  const messageKey = `action-comment:${key}`;
  const already = (await store.listMessages(input.investigation.id)).find((m) => m.key === messageKey);
  if (already) return already.ref;
  const body = renderActionComment({
    action: input.action,
    ip: input.finding.ip,
    hostname: input.finding.hostname,
    user: input.user.name,
    at: input.at,
    issue: { repo: input.investigation.repo, number: input.investigation.issueNumber },
    outcome: input.doneByHand
      ? { status: 'done_by_hand', detail }
      : { status: 'done', detail: `${capitalize(detail)}.` },
    category: input.finding.category,
    ref: input.investigation.marker,
  });
  try {
    const comment = await integrations.issues.postComment(
      input.investigation.repo,
      input.investigation.issueNumber,
      body,
    );
    await store.recordMessage({ investigationId: input.investigation.id, key: messageKey, ref: comment.url });
    return comment.url;
  } catch (error) {
    // The change is made and audited; the comment is retried by the schedule's resume.
    logger.warn({ key, err: errorMessage(error) }, 'could not comment the action on the issue');
    return null;
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
