/**
 * One action, done once however often it is clicked or redelivered: the intent is recorded first
 * (its key is the idempotency key), then the change, then the outcome; the change is documented on
 * the issue, and the record doubles as the audit log. A failed action is sent again only by its
 * Retry button, and only after the bot has read what the API can tell of the current state: a
 * power-on that went through before a crash is not sent twice.
 */
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { actionDescriptor } from '../../runbook/actions/index.js';
import type { Finding } from '../../runbook/finding.js';
import { renderActionComment } from '../../runbook/report/action-comment.js';
import type { ActionRecord, InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { EFFECTS, type EffectContext, type EffectVerb, type Observation } from './effects.js';

export interface ActionInput {
  verb: EffectVerb;
  investigation: InvestigationRecord;
  finding: Finding;
  user: { id: string; name: string };
  at: Date;
  /** A person made the change by hand (guided manual mode): only document it. */
  doneByHand?: boolean;
  /** The click came from the Retry button of a failed action. */
  retry?: boolean;
  /**
   * On a Retry, why the action no longer applies on fresh evidence: the state is still read (a change
   * made before a crash is recorded as done), but nothing is sent.
   */
  refusal?: string;
}

export type ActionResult =
  | {
      kind: 'done';
      detail: string;
      record: ActionRecord;
      commentUrl: string | null;
      /** On a Retry: what the bot read of the current state before acting. */
      observed?: string;
    }
  | { kind: 'already'; record: ActionRecord }
  /** It failed earlier and the click was not its Retry: nothing is sent. */
  | { kind: 'failed_earlier'; record: ActionRecord }
  | { kind: 'in_progress'; record: ActionRecord }
  | { kind: 'failed'; reason: string; record: ActionRecord; observed?: string };

export type ActionDeps = Pick<AppContext, 'store' | 'ports' | 'logger'>;

/**
 * The same action on the same target of the same issue is one action. The verb, not the action's
 * name, makes the key: a reboot and a later power-on of one machine are two actions.
 */
export function actionKey(repo: string, issueNumber: number, verb: string, ip: string): string {
  return `${repo}#${issueNumber}:${verb}:${ip}`;
}

export async function performAction(deps: ActionDeps, input: ActionInput): Promise<ActionResult> {
  const { store, logger } = deps;
  const { investigation, finding, verb, user } = input;
  const action = actionDescriptor(verb).name;
  const key = actionKey(investigation.repo, investigation.issueNumber, verb, finding.ip);
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
  const issue = { repo: investigation.repo, number: investigation.issueNumber };
  const ctx = { ports: deps.ports, finding, issue, user: user.name };
  let observed: Observation | null = null;
  if (!begun.created) {
    const existing = begun.record;
    if (existing.status === 'done') return { kind: 'already', record: existing };
    if (existing.status === 'failed' && !input.retry) return { kind: 'failed_earlier', record: existing };
    if (existing.status !== 'failed' || !(await store.retryAction(key, user, input.at))) {
      return { kind: 'in_progress', record: existing };
    }
    if (!input.doneByHand) observed = await observe(verb, ctx, logger);
  }

  const fail = async (reason: string): Promise<ActionResult> => {
    await store.finishAction(key, 'failed', reason);
    logger.warn({ action: verb, ip: finding.ip, reason }, 'action failed');
    const record = (await store.getAction(key)) ?? begun.record;
    return { kind: 'failed', reason, record, ...(observed ? { observed: observed.detail } : {}) };
  };
  if (input.refusal !== undefined && observed?.state !== 'done') {
    return fail(`not sent again: it no longer applies (${input.refusal})`);
  }
  let detail: string;
  try {
    detail = input.doneByHand
      ? `done by hand in the dashboard, confirmed by ${user.name}`
      : observed?.state === 'done'
        ? `found already done, nothing sent again: ${observed.detail}`
        : await EFFECTS[verb].apply(ctx);
  } catch (error) {
    return fail(errorMessage(error));
  }
  await store.finishAction(key, 'done', detail);
  const commentUrl = await documentOnIssue(deps, input, key, detail);
  const record = (await store.getAction(key)) ?? begun.record;
  return { kind: 'done', detail, record, commentUrl, ...(observed ? { observed: observed.detail } : {}) };
}

/** What the API tells of the current state; a failure to read it is itself what was found. */
async function observe(verb: EffectVerb, ctx: EffectContext, logger: Logger): Promise<Observation> {
  try {
    return await EFFECTS[verb].observe(ctx);
  } catch (error) {
    logger.warn(
      { action: verb, ip: ctx.finding.ip, err: errorMessage(error) },
      'could not read the state before a retry',
    );
    return { state: 'unknown', detail: `the current state could not be read (${errorMessage(error)})` };
  }
}

/** The runbook asks for a comment on the gap issue for every change; posted once per action key. */
async function documentOnIssue(
  deps: ActionDeps,
  input: ActionInput,
  key: string,
  detail: string,
): Promise<string | null> {
  const { store, ports, logger } = deps;
  const messageKey = `action-comment:${key}`;
  const already = (await store.listMessages(input.investigation.id)).find((m) => m.key === messageKey);
  if (already) return already.ref;
  const body = renderActionComment({
    action: actionDescriptor(input.verb).name,
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
    const comment = await ports.issues.postComment(
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
