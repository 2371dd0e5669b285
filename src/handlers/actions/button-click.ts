/**
 * A button on a finding: acked at once, then checked on the server (a well-formed value, an
 * investigation we know, a target of it that offers this action, a clicker who is allowed), then
 * done once, shown in place, documented on the issue and audited. Re-check changes nothing outside
 * and is open to everyone in the channel.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { clearForAction, type Refused } from '../../bot/actions/clear-for-action.js';
import { type ActionResult, actionKey, performAction } from '../../bot/actions/perform-action.js';
import type { Authorizer } from '../../bot/authorize.js';
import { recheckFromButton } from '../../bot/recheck-gate.js';
import { decodeButtonValue, parseActionId } from '../../bot/render/action-value.js';
import type { Block } from '../../bot/render/blocks.js';
import { escapeInline, mrkdwn } from '../../bot/render/escape-mrkdwn.js';
import {
  outcomeText,
  renderFailure,
  renderRefusal,
  replaceButtonWithOutcome,
} from '../../bot/render/outcome.js';
import type { BotServices } from '../../bot/services.js';
import { postMessage } from '../../bot/slack-post.js';
import { errorMessage, InputError } from '../../errors.js';
import { actionDescriptor } from '../../runbook/actions/index.js';
import type { Finding } from '../../runbook/finding.js';
import type { ActionName } from '../../runbook/model.js';
import type { InvestigationRecord } from '../../store/store.js';
import { type ClickPayload, clickPayloadSchema } from './click-payload.js';
import { openManualModal } from './manual-modal.js';

type ClickArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export function handleButtonClick(services: BotServices, authorizer: Authorizer) {
  return async ({ ack, body }: ClickArgs): Promise<void> => {
    await ack();
    const parsed = clickPayloadSchema.safeParse(body);
    if (!parsed.success) {
      services.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'malformed button click dropped');
      return;
    }
    const click = parsed.data;
    const log = services.logger.child({
      user: click.user.id,
      channel: click.channel.id,
      action: click.actions[0]?.action_id,
    });
    const whisper = (text: string) =>
      services.slack.chat
        .postEphemeral({
          channel: click.channel.id,
          user: click.user.id,
          text,
          ...(click.message.thread_ts ? { thread_ts: click.message.thread_ts } : {}),
        })
        .catch((error) => log.warn({ err: errorMessage(error) }, 'ephemeral reply failed'));
    try {
      await handleClick(services, authorizer, click, whisper);
    } catch (error) {
      if (error instanceof InputError) {
        log.warn({ err: error.message }, 'button refused');
        await whisper(`:warning: ${escapeInline(error.message, 500)}`);
        return;
      }
      log.error({ err: errorMessage(error) }, 'button failed');
      await whisper(`:warning: That did not work: ${escapeInline(errorMessage(error), 500)}`);
    }
  };
}

async function handleClick(
  services: BotServices,
  authorizer: Authorizer,
  click: ClickPayload,
  whisper: (text: string) => Promise<unknown>,
): Promise<void> {
  const clicked = click.actions[0] as ClickPayload['actions'][number];
  const target = parseActionId(clicked.action_id);
  const value = decodeButtonValue(clicked.value);
  const record =
    value.i === undefined
      ? await services.store.findActiveInvestigation(value.r, value.n)
      : await services.store.getInvestigation(value.i);
  if (!record || record.repo !== value.r || record.issueNumber !== value.n) {
    throw new InputError(
      `this button belongs to an investigation I no longer have (${value.r}#${value.n}): run \`/nessus-gap ${value.n}\` again`,
    );
  }
  const user = { id: click.user.id, name: click.user.username ?? click.user.name ?? click.user.id };

  if (target.action === 'recheck') {
    const ip = target.scope === 'one' ? (value.ip ?? target.ip) : undefined;
    const request = { ...(ip ? { onlyIp: ip } : {}), requestedBy: user.id };
    await recheckFromButton(services.rechecks, record, request, whisper);
    return;
  }
  const action = target.action;

  if (!(await authorizer.isAuthorized(user.id))) {
    await services.store
      .beginAction({
        key: `refused:${clicked.action_ts ?? Date.now()}:${user.id}:${action}`,
        investigationId: record.id,
        repo: record.repo,
        issueNumber: record.issueNumber,
        action,
        ip: value.ip ?? (target.scope === 'bulk' ? `bulk:${target.category}` : target.ip),
        userId: user.id,
        userName: user.name,
      })
      .then(({ record: refused }) => services.store.finishAction(refused.key, 'refused', 'not authorised'));
    await whisper(renderRefusal({ allowedUsergroupIds: services.config.slack.authorizedUsergroups }).text);
    return;
  }

  const findings = await targetFindings(services, record, target, value.ip);
  if (findings.length === 0) {
    throw new InputError(
      target.scope === 'bulk'
        ? `no target of ${record.repo}#${record.issueNumber} is left in that category`
        : `${value.ip ?? 'that IP'} is not a target of ${record.repo}#${record.issueNumber} that offers this action (it may be resolved already): press Re-check to refresh`,
    );
  }

  // The preconditions again, on the evidence as it is now: a click on an old thread changes nothing
  // that no longer applies.
  const issue = { repo: record.repo, number: record.issueNumber };
  const { cleared, refused } = await clearForAction(services.deps, issue, action, findings);
  const retry = value.t === 1;
  // A Retry of a failed action reads the current state even where the action no longer applies: a
  // change that went through before a crash is then recorded as done, and nothing is sent.
  const retrying = retry ? await failedEarlier(services, record, refused) : [];
  await refuse(
    services,
    record,
    refused.filter((item) => !retrying.includes(item)),
    user,
    whisper,
  );
  if (cleared.length === 0 && retrying.length === 0) return;

  if (
    !services.integrations.inventory &&
    (action === 'mark_notalchemy' || action === 'mark_pending_deletion')
  ) {
    if (!click.trigger_id) throw new InputError('Slack sent no trigger to open the guide');
    await openManualModal(services, {
      triggerId: click.trigger_id,
      action,
      record,
      findings: cleared.map((c) => c.finding),
      channel: click.channel.id,
      messageTs: click.message.ts,
      threadTs: click.message.thread_ts ?? null,
      blocks: click.message.blocks,
      actionId: clicked.action_id,
    });
    return;
  }

  const at = services.now();
  const results: { finding: Finding; result: ActionResult }[] = [];
  const shown = new Map(findings.map((f) => [f.ip, f]));
  const work = [
    ...cleared.map((item) => ({ verb: item.verb, finding: item.finding, refusal: undefined })),
    ...retrying.flatMap((item) => {
      const finding = shown.get(item.ip);
      return finding ? [{ verb: item.verb, finding, refusal: item.reason }] : [];
    }),
  ];
  for (const { verb, finding, refusal } of work) {
    results.push({
      finding,
      result: await performAction(services, {
        verb,
        investigation: record,
        finding,
        user,
        at,
        ...(retry ? { retry: true } : {}),
        ...(refusal === undefined ? {} : { refusal }),
      }),
    });
  }
  await showResults(services, click, record, action, clicked.action_id, results, user, at, whisper);
}

/** The refused targets whose action failed earlier: a Retry still reads their current state. */
async function failedEarlier(
  services: BotServices,
  record: InvestigationRecord,
  refused: readonly Refused[],
): Promise<Refused[]> {
  const out: Refused[] = [];
  for (const item of refused) {
    const existing = await services.store.getAction(
      actionKey(record.repo, record.issueNumber, item.verb, item.ip),
    );
    if (existing?.status === 'failed') out.push(item);
  }
  return out;
}

/** Targets whose precondition no longer holds: nothing changed, said privately, and audited. */
async function refuse(
  services: BotServices,
  record: InvestigationRecord,
  refused: readonly Refused[],
  user: { id: string; name: string },
  whisper: (text: string) => Promise<unknown>,
): Promise<void> {
  if (refused.length === 0) return;
  const at = services.now();
  for (const item of refused) {
    const { record: audit } = await services.store.beginAction({
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
    await services.store.finishAction(audit.key, 'refused', `no longer applies: ${item.reason}`, at);
  }
  const lines = refused
    .slice(0, 20)
    .map((item) => `• ${escapeInline(item.ip)}: ${escapeInline(item.reason, 300)}`)
    .join('\n');
  const more = refused.length > 20 ? `\n…and ${refused.length - 20} more` : '';
  await whisper(
    `:no_entry_sign: Nothing was changed for ${refused.length === 1 ? 'this IP' : `${refused.length} IPs`}: checked again just now, the action no longer applies.\n${lines}${more}\nPress Re-check to bring the thread up to date.`,
  );
}

async function targetFindings(
  services: BotServices,
  record: InvestigationRecord,
  target: ReturnType<typeof parseActionId>,
  ip: string | undefined,
): Promise<Finding[]> {
  // A resolved target (no longer listed, or the issue closed) is left alone whatever an old button says.
  const all = (await services.store.listFindings(record.id))
    .filter((f) => f.resolvedAt === null)
    .map((f) => f.finding);
  const offers = (f: Finding) => f.actions.includes(target.action);
  if (target.scope === 'bulk') return all.filter((f) => f.category === target.category && offers(f));
  const wanted = ip ?? (target.scope === 'one' ? target.ip : '');
  return all.filter((f) => f.ip === wanted && offers(f));
}

/** After-click feedback: the message updated in place, failures with a retry, repeats told privately. */
export async function showResults(
  services: BotServices,
  click: Pick<ClickPayload, 'channel' | 'message'>,
  record: InvestigationRecord,
  action: ActionName,
  actionId: string,
  results: { finding: Finding; result: ActionResult }[],
  user: { id: string },
  at: Date,
  whisper: (text: string) => Promise<unknown>,
  byHand = false,
): Promise<void> {
  const done = results.filter((r) => r.result.kind === 'done' || r.result.kind === 'already');
  const failed = results.filter((r) => r.result.kind === 'failed');
  const busy = results.filter((r) => r.result.kind === 'in_progress');
  const failedEarlier = results.filter((r) => r.result.kind === 'failed_earlier');
  const ctx = { investigationId: record.id, issue: { repo: record.repo, number: record.issueNumber } };
  const threadTs = click.message.thread_ts ?? record.threadTs ?? click.message.ts;

  if (done.length > 0 && failed.length === 0) {
    const bulk = results.length > 1;
    const first = done[0]?.result;
    const firstDoneBy = first && first.kind === 'already' ? first.record : null;
    const outcome = outcomeText({
      action,
      userId: firstDoneBy && !bulk ? firstDoneBy.userId : user.id,
      at: firstDoneBy && !bulk ? (firstDoneBy.finishedAt ?? firstDoneBy.createdAt) : at,
      ...(bulk ? { count: done.length } : {}),
      ...(byHand ? { byHand: true } : {}),
      ...(done[0] ? { category: done[0].finding.category } : {}),
    });
    if (click.message.blocks.length === 0) {
      // The message is not at hand (a guide finished after a restart): say it in the thread instead.
      await postMessage(
        services.slack,
        click.channel.id,
        { text: outcome, blocks: [{ type: 'context', elements: [mrkdwn(outcome)] }] },
        threadTs,
      );
    } else {
      const blocks = replaceButtonWithOutcome(click.message.blocks as unknown as Block[], actionId, outcome);
      await services.slack.chat.update({
        channel: click.channel.id,
        ts: click.message.ts,
        blocks,
        text: outcome,
      });
    }
  }
  for (const { result } of results) {
    if (result.kind === 'already' && results.length === 1) {
      const when = (result.record.finishedAt ?? result.record.createdAt)
        .toISOString()
        .slice(0, 16)
        .replace('T', ' ');
      await whisper(`Already done by <@${result.record.userId}> at ${when} UTC; nothing was changed again.`);
    }
  }
  for (const { finding, result } of results) {
    if ((result.kind === 'done' || result.kind === 'failed') && result.observed) {
      await whisper(
        `Before retrying for ${escapeInline(finding.ip)}, I checked: ${escapeInline(result.observed, 400)}.`,
      );
    }
  }
  if (failedEarlier.length > 0) {
    const reasons = failedEarlier
      .map(
        (f) =>
          `${escapeInline(f.finding.ip)}: ${escapeInline(f.result.record.result ?? 'no reason recorded', 300)}`,
      )
      .join('\n');
    await whisper(
      `This failed earlier and was not sent again:\n${reasons}\nUse the Retry button in the thread: it checks what happened before trying again.`,
    );
  }
  if (busy.length > 0) {
    await whisper(
      `Already in progress for ${busy.map((b) => escapeInline(b.finding.ip)).join(', ')}: wait for it to finish.`,
    );
  }
  for (const { finding, result } of failed) {
    if (result.kind !== 'failed') continue;
    const blocks = renderFailure(action, finding.ip, result.reason, ctx, finding.category);
    await postMessage(
      services.slack,
      click.channel.id,
      { text: `Failed for ${finding.ip}`, blocks },
      threadTs,
    );
  }
  if (results.length > 1) {
    const summary = `${done.length} done, ${failed.length} failed${busy.length ? `, ${busy.length} in progress` : ''} (by <@${user.id}>).`;
    await postMessage(
      services.slack,
      click.channel.id,
      { text: summary, blocks: [{ type: 'section', text: mrkdwn(summary) }] },
      threadTs,
    );
  }
}
