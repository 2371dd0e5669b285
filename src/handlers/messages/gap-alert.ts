/**
 * A gap alert posted in a watched channel (by PagerDuty or any app, the words in `text`,
 * `attachments` or `blocks`): the bot answers in that post's thread with the investigation.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { AlertRequest, AlertResult } from '../../app/investigations/from-alert.js';
import { noThreadText } from '../../bot/render/command-replies.js';
import { escapeInline, mrkdwn } from '../../bot/render/escape-mrkdwn.js';
import { postMessage } from '../../bot/slack-post.js';
import { threadLinkFor } from '../../bot/thread-visibility.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { findIssueRef } from '../issue-ref.js';
import { alertText } from './alert-text.js';

export interface GapAlertDeps {
  slack: WebClient;
  logger: Logger;
  repo: string;
  /** Channels watched for alerts; empty: every channel the bot is in. */
  alertChannels: readonly string[];
  /** What an alert says (a regular expression, case-insensitive). */
  alertPattern: string;
  /** How gap issues are titled (a regular expression, case-insensitive). */
  issueTitlePattern: string;
  investigateAlert(request: AlertRequest): Promise<AlertResult>;
}

const messageEventSchema = z.object({
  type: z.literal('message'),
  channel: z.string().regex(/^[CGD][A-Z0-9]+$/),
  ts: z.string().regex(/^\d+\.\d+$/),
  thread_ts: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  user: z.string().optional(),
  text: z.string().optional(),
  attachments: z.array(z.unknown()).optional(),
  blocks: z.array(z.unknown()).optional(),
});

/** Subtypes that are still a post someone made; edits, deletions and joins are not alerts. */
const POST_SUBTYPES = new Set([undefined, 'bot_message']);

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

export function handleGapAlert(deps: GapAlertDeps) {
  return async ({ event, context }: MessageArgs): Promise<void> => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) {
      deps.logger.debug(
        { issues: parsed.error.issues.slice(0, 3) },
        'message event ignored: unexpected shape',
      );
      return;
    }
    const message = parsed.data;
    if (!POST_SUBTYPES.has(message.subtype)) return;
    if (message.thread_ts && message.thread_ts !== message.ts) return;
    if (
      (context.botId && message.bot_id === context.botId) ||
      (context.botUserId && message.user === context.botUserId)
    )
      return;
    const watched = deps.alertChannels;
    if (watched.length > 0 && !watched.includes(message.channel)) return;

    const text = alertText(message);
    if (!new RegExp(deps.alertPattern, 'i').test(text)) return;

    const log = deps.logger.child({ channel: message.channel, alert: message.ts });
    const repo = deps.repo;
    const say = (reply: string) =>
      postMessage(
        deps.slack,
        message.channel,
        { text: reply, blocks: [{ type: 'section', text: mrkdwn(reply) }] },
        message.ts,
      );
    try {
      const result = await deps.investigateAlert({
        issueNumber: findIssueRef(text, repo),
        titlePattern: new RegExp(deps.issueTitlePattern, 'i'),
        channel: message.channel,
        threadTs: message.ts,
      });
      if (result.kind === 'no_issue') {
        await say(
          `I saw a gap alert but found no open gap issue in ${escapeInline(repo)} to investigate. Run \`/nessus-gap <issue>\` once it exists.`,
        );
        return;
      }
      if (result.kind === 'not_found') await say(escapeInline(result.message));
      if (result.kind === 'already' && !result.record.channel) await say(noThreadText(result.record));
      else if (result.kind === 'already') {
        const where = await threadLinkFor(
          deps.slack,
          message.channel,
          result.record.channel,
          result.record.threadTs,
        );
        await say(
          `${escapeInline(repo)}#${result.record.issueNumber} is already being investigated${where}.`,
        );
      }
    } catch (error) {
      log.error({ err: errorMessage(error) }, 'gap alert could not be investigated');
      await say(
        `:warning: I could not investigate this alert: ${escapeInline(errorMessage(error), 500)}`,
      ).catch(() => {});
    }
  };
}
