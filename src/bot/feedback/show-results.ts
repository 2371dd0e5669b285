/**
 * What a person sees after a button did its work: the clicked message updated in place (the button
 * replaced by its outcome), failures posted in the thread with a Retry button, repeats and what was
 * read before a retry told privately, and a tally for a bulk action.
 */
import type { WebClient } from '@slack/web-api';
import type { ActionResult } from '../../app/actions/perform-action.js';
import type { Finding } from '../../runbook/finding.js';
import type { ActionName } from '../../runbook/model.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { Block } from '../render/blocks.js';
import { escapeInline, mrkdwn } from '../render/escape-mrkdwn.js';
import { outcomeText, renderFailure, replaceButtonWithOutcome } from '../render/outcome.js';
import { postMessage } from '../slack-post.js';

/** The clicked message, as far as the feedback needs it. */
export interface ClickedMessage {
  channel: { id: string };
  message: { ts: string; thread_ts?: string; blocks: Record<string, unknown>[] };
}

export interface Feedback {
  click: ClickedMessage;
  record: InvestigationRecord;
  action: ActionName;
  /** The clicked button's action_id: the button replaced by the outcome. */
  actionId: string;
  results: { finding: Finding; result: ActionResult }[];
  user: { id: string };
  at: Date;
  /** Tells the clicker alone. */
  whisper: (text: string) => Promise<unknown>;
  /** Made by a person in the dashboard (guided manual mode). */
  byHand?: boolean;
}

/** After-click feedback: the message updated in place, failures with a retry, repeats told privately. */
export async function showResults(slack: WebClient, feedback: Feedback): Promise<void> {
  const { click, record, action, actionId, results, user, at, whisper, byHand = false } = feedback;
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
        slack,
        click.channel.id,
        { text: outcome, blocks: [{ type: 'context', elements: [mrkdwn(outcome)] }] },
        threadTs,
      );
    } else {
      const blocks = replaceButtonWithOutcome(click.message.blocks as unknown as Block[], actionId, outcome);
      await slack.chat.update({
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
    await postMessage(slack, click.channel.id, { text: `Failed for ${finding.ip}`, blocks }, threadTs);
  }
  if (results.length > 1) {
    const summary = `${done.length} done, ${failed.length} failed${busy.length ? `, ${busy.length} in progress` : ''} (by <@${user.id}>).`;
    await postMessage(
      slack,
      click.channel.id,
      { text: summary, blocks: [{ type: 'section', text: mrkdwn(summary) }] },
      threadTs,
    );
  }
}
