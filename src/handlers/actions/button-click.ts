/**
 * A button on a finding: acked at once, then checked on the server (a well-formed value, an
 * investigation we know, a target of it that offers this action, a clicker who is allowed), then
 * done once, shown in place, documented on the issue and audited. Re-check changes nothing outside
 * and is open to everyone in the channel.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { EffectAction } from '../../bot/actions/effects.js';
import { type ActionResult, performAction } from '../../bot/actions/perform-action.js';
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
  const action: EffectAction = target.action;

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

  if (
    !services.integrations.inventory &&
    (action === 'mark_notalchemy' || action === 'mark_pending_deletion')
  ) {
    if (!click.trigger_id) throw new InputError('Slack sent no trigger to open the guide');
    await openManualModal(services, {
      triggerId: click.trigger_id,
      action,
      record,
      findings,
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
  for (const finding of findings) {
    results.push({
      finding,
      result: await performAction(services, { action, investigation: record, finding, user, at }),
    });
  }
  await showResults(services, click, record, action, clicked.action_id, results, user, at, whisper);
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
    .map((f) => JSON.parse(f.findingJson) as Finding);
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
