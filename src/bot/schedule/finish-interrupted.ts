/**
 * Actions cut off by a crash. An intent with no outcome is settled once no live process can still be
 * working on it: every replica that was running when it was recorded has restarted or gone silent,
 * or it is older than any action can take. Then:
 * - an action whose descriptor says `redo` (the inventory marks) is made again: the effect reads the
 *   inventory first and changes nothing when the values are already set, so a change made before
 *   the crash is not made twice;
 * - any other action (tickets, power, scans) is recorded as failed with that reason, and the thread
 *   gets a Retry button for a person to decide; only that button sends it again, after reading what
 *   the API can tell of the current state (src/bot/actions/perform-action.ts).
 * Done actions whose issue comment was never recorded get it, unless the issue already has it.
 */
import { errorMessage } from '../../errors.js';
import { actionDescriptor } from '../../runbook/actions/index.js';
import type { ActionName } from '../../runbook/model.js';
import { verbOf } from '../../runbook/offers.js';
import { renderActionComment } from '../../runbook/report/action-comment.js';
import type { ActionRecord, InvestigationRecord, ReplicaRecord } from '../../store/store.js';
import { EFFECTS, type EffectVerb } from '../actions/effects.js';
import { findOwnActionComment } from '../markers.js';
import { mrkdwn } from '../render/escape-mrkdwn.js';
import { outcomeText, renderFailure } from '../render/outcome.js';
import type { BotServices } from '../services.js';
import { postMessage } from '../slack-post.js';

/** No action takes this long (a few calls, each bounded by the HTTP timeout and its retries). */
export const ACTION_ABANDONED_MS = 10 * 60_000;
/** A replica that has not said it is alive for this long is taken for dead. */
export const REPLICA_SILENT_MS = 2 * 60_000;
/** How often a replica says it is alive. */
export const REPLICA_HEARTBEAT_MS = 30_000;

export interface InterruptedSummary {
  settled: { key: string; status: 'done' | 'failed' | 'refused' }[];
  comments: number;
}

export async function finishInterruptedActions(
  services: BotServices,
  now: Date,
): Promise<InterruptedSummary> {
  const summary: InterruptedSummary = { settled: [], comments: 0 };
  const intents = await services.store.listUnfinishedActions();
  const replicas = await services.store.listReplicas();
  if (intents.length > 0) {
    for (const intent of intents) {
      if (!isAbandoned(intent.createdAt, replicas, now)) continue;
      try {
        summary.settled.push({ key: intent.key, status: await settle(services, intent, now) });
      } catch (error) {
        services.logger.warn({ key: intent.key, err: errorMessage(error) }, 'could not settle an action');
      }
    }
  }
  for (const record of await services.store.listActiveInvestigations()) {
    try {
      summary.comments += await commentMissing(services, record, replicas, now);
    } catch (error) {
      services.logger.warn(
        { investigation: record.id, err: errorMessage(error) },
        'could not comment actions on the issue',
      );
    }
  }
  return summary;
}

/** True when no live process that was running at `at` can still be working on what it began then. */
export function isAbandoned(at: Date, replicas: ReplicaRecord[], now: Date): boolean {
  if (now.getTime() - at.getTime() > ACTION_ABANDONED_MS) return true;
  return !replicas.some(
    (r) => r.startedAt.getTime() <= at.getTime() && now.getTime() - r.seenAt.getTime() < REPLICA_SILENT_MS,
  );
}

async function settle(
  services: BotServices,
  intent: ActionRecord,
  now: Date,
): Promise<'done' | 'failed' | 'refused'> {
  const { store } = services;
  if (intent.key.startsWith('refused:')) {
    await store.finishAction(intent.key, 'refused', 'not authorised', now);
    return 'refused';
  }
  const record =
    intent.investigationId === null ? null : await store.getInvestigation(intent.investigationId);
  const stored = record ? (await store.listFindings(record.id)).find((f) => f.ip === intent.ip) : undefined;
  const finding = stored ? stored.finding : null;
  const verb = verbOf(intent.action as ActionName, finding?.category) as EffectVerb;

  if (!record || !finding || actionDescriptor(verb).interrupted !== 'redo') {
    const reason =
      'interrupted: the bot stopped before it knew whether this was done; check, then press Retry if it was not';
    await store.finishAction(intent.key, 'failed', reason, now);
    if (record) await tellThread(services, record, intent, { failed: reason });
    return 'failed';
  }
  let detail: string;
  try {
    detail = await EFFECTS[verb].apply({
      integrations: services.integrations,
      finding,
      issue: { repo: record.repo, number: record.issueNumber },
      user: intent.userName ?? intent.userId,
    });
  } catch (error) {
    const reason = errorMessage(error);
    await store.finishAction(intent.key, 'failed', reason, now);
    await tellThread(services, record, intent, { failed: reason });
    return 'failed';
  }
  await store.finishAction(intent.key, 'done', detail, now);
  await tellThread(services, record, intent, {});
  const done = await store.getAction(intent.key);
  if (done) await documentActions(services, record, [done]);
  return 'done';
}

/** The click's message was never updated: the outcome (or the failure with Retry) goes in the thread. */
async function tellThread(
  services: BotServices,
  record: InvestigationRecord,
  intent: ActionRecord,
  outcome: { failed?: string },
): Promise<void> {
  if (!record.channel || !record.threadTs) return;
  const key = `action-note:${intent.key}`;
  if ((await services.store.listMessages(record.id)).some((m) => m.key === key)) return;
  const action = intent.action as ActionName;
  const ctx = { investigationId: record.id, issue: { repo: record.repo, number: record.issueNumber } };
  const message =
    outcome.failed === undefined
      ? (() => {
          const text = `${outcomeText({ action, userId: intent.userId, at: intent.createdAt })} (finished after a restart)`;
          return { text, blocks: [{ type: 'context' as const, elements: [mrkdwn(text)] }] };
        })()
      : { text: `Failed for ${intent.ip}`, blocks: renderFailure(action, intent.ip, outcome.failed, ctx) };
  const ts = await postMessage(services.slack, record.channel, message, record.threadTs);
  await services.store.recordMessage({ investigationId: record.id, key, ref: ts });
}

/**
 * Done actions of `record` whose issue comment is not recorded, once the process that finished them
 * cannot be posting it any more (else both would post).
 */
async function commentMissing(
  services: BotServices,
  record: InvestigationRecord,
  replicas: ReplicaRecord[],
  now: Date,
): Promise<number> {
  const recorded = new Set((await services.store.listMessages(record.id)).map((m) => m.key));
  const missing = (
    await services.store.listActions({ repo: record.repo, issueNumber: record.issueNumber })
  ).filter(
    (a) =>
      a.investigationId === record.id &&
      a.status === 'done' &&
      !recorded.has(`action-comment:${a.key}`) &&
      isAbandoned(a.finishedAt ?? a.createdAt, replicas, now),
  );
  return missing.length === 0 ? 0 : documentActions(services, record, missing);
}

/**
 * Comments `actions` on the issue: adopted when the issue already has the comment (its hidden marker
 * names the action and IP), posted otherwise. Returns how many were posted.
 */
async function documentActions(
  services: BotServices,
  record: InvestigationRecord,
  missing: ActionRecord[],
): Promise<number> {
  const { store } = services;
  const issue = await services.integrations.issues.getIssue(record.repo, record.issueNumber);
  const findings = new Map((await store.listFindings(record.id)).map((f) => [f.ip, f.finding]));
  let posted = 0;
  for (const action of missing) {
    const messageKey = `action-comment:${action.key}`;
    const existing = findOwnActionComment(issue.comments, await services.identity.github(), record, action);
    if (existing) {
      await store.recordMessage({
        investigationId: record.id,
        key: messageKey,
        ref: `${issue.url}#issuecomment-${existing.id}`,
      });
      continue;
    }
    const finding = findings.get(action.ip);
    const detail = action.result ?? '';
    const byHand = detail.startsWith('done by hand');
    const body = renderActionComment({
      action: action.action as ActionName,
      ip: action.ip,
      hostname: finding?.hostname ?? null,
      user: action.userName ?? action.userId,
      at: action.createdAt,
      issue: { repo: record.repo, number: record.issueNumber },
      outcome: byHand
        ? { status: 'done_by_hand', detail }
        : { status: 'done', detail: `${detail.charAt(0).toUpperCase()}${detail.slice(1)}.` },
      ...(finding ? { category: finding.category } : {}),
      ref: record.marker,
    });
    const comment = await services.integrations.issues.postComment(record.repo, record.issueNumber, body);
    await store.recordMessage({ investigationId: record.id, key: messageKey, ref: comment.url });
    posted += 1;
  }
  return posted;
}
