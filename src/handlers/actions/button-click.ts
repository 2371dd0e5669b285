/**
 * A button on a finding: acked at once, the payload validated, then one use case: a re-check (open
 * to everyone in the channel) or an action (src/app/actions/act.ts, which checks who and what
 * again), and its result shown.
 */
import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ActRequest, ActResult } from '../../app/actions/act.js';
import type { RecheckAnswer, RecheckAsk } from '../../app/investigations/request-recheck.js';
import { refusedText } from '../../bot/feedback/refused.js';
import { showResults } from '../../bot/feedback/show-results.js';
import { whisperTo } from '../../bot/feedback/whisper.js';
import { decodeButtonValue, parseActionId } from '../../bot/render/action-value.js';
import { escapeInline } from '../../bot/render/escape-mrkdwn.js';
import { guideKey, renderManualGuide } from '../../bot/render/manual-guide.js';
import { renderRefusal } from '../../bot/render/outcome.js';
import { recheckAnswerText } from '../../bot/render/recheck-answer.js';
import { errorMessage, InputError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { LinkSettings } from '../../runbook/links.js';
import { type ClickPayload, clickPayloadSchema } from './click-payload.js';

type ClickArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

export interface ButtonClickDeps {
  slack: WebClient;
  logger: Logger;
  links: LinkSettings;
  /** For the refusal: who may act. */
  authorizedUsergroups: readonly string[];
  act(request: ActRequest): Promise<ActResult>;
  recheck(ask: RecheckAsk): Promise<RecheckAnswer>;
}

export function handleButtonClick(deps: ButtonClickDeps) {
  return async ({ ack, body }: ClickArgs): Promise<void> => {
    await ack();
    const parsed = clickPayloadSchema.safeParse(body);
    if (!parsed.success) {
      deps.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'malformed button click dropped');
      return;
    }
    const click = parsed.data;
    const log = deps.logger.child({
      user: click.user.id,
      channel: click.channel.id,
      action: click.actions[0]?.action_id,
    });
    const whisper = whisperTo(
      deps.slack,
      { channel: click.channel.id, user: click.user.id, threadTs: click.message.thread_ts },
      log,
    );
    try {
      await handleClick(deps, click, whisper);
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
  deps: ButtonClickDeps,
  click: ClickPayload,
  whisper: (text: string) => Promise<unknown>,
): Promise<void> {
  const clicked = click.actions[0] as ClickPayload['actions'][number];
  const target = parseActionId(clicked.action_id);
  const value = decodeButtonValue(clicked.value);
  const investigation = {
    ...(value.i === undefined ? {} : { id: value.i }),
    repo: value.r,
    issueNumber: value.n,
  };
  const user = { id: click.user.id, name: click.user.username ?? click.user.name ?? click.user.id };

  if (target.action === 'recheck') {
    const ip = target.scope === 'one' ? (value.ip ?? target.ip) : undefined;
    const answer = await deps.recheck({ investigation, ...(ip ? { onlyIp: ip } : {}), requestedBy: user.id });
    const text = recheckAnswerText(answer, user.id);
    if (text) await whisper(text);
    if (answer.kind === 'started' || answer.kind === 'joined') await answer.done;
    return;
  }

  const result = await deps.act({
    investigation,
    action: target.action,
    target: target.scope === 'bulk' ? target : { scope: 'one', ip: value.ip ?? target.ip },
    user,
    retry: value.t === 1,
    clickId: clicked.action_ts ?? String(Date.now()),
    guide: {
      key: guideKey(click.channel.id, click.message.ts),
      blocks: click.message.blocks,
      threadTs: click.message.thread_ts ?? null,
    },
  });
  if (result.kind === 'not_authorised') {
    await whisper(renderRefusal({ allowedUsergroupIds: deps.authorizedUsergroups }).text);
    return;
  }
  if (result.refused.length > 0) await whisper(refusedText(result.refused));
  if (result.kind === 'guide') {
    if (!click.trigger_id) throw new InputError('Slack sent no trigger to open the guide');
    await deps.slack.views.open({
      trigger_id: click.trigger_id,
      view: renderManualGuide({
        action: target.action as 'mark_notalchemy' | 'mark_pending_deletion',
        investigationId: result.record.id,
        findings: result.findings,
        links: deps.links,
        channel: click.channel.id,
        messageTs: click.message.ts,
        actionId: clicked.action_id,
      }),
    });
    return;
  }
  if (result.kind === 'acted') {
    await showResults(deps.slack, {
      click,
      record: result.record,
      action: target.action,
      actionId: clicked.action_id,
      results: result.results,
      user,
      at: result.at,
      whisper,
    });
  }
}
