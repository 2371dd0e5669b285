/**
 * A gap alert posted in a watched channel (by PagerDuty or any app, the words in `text`,
 * `attachments` or `blocks`): the bot answers in that post's thread with the investigation.
 */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { startInvestigation } from '../../bot/investigation-runner.js';
import { escapeInline, mrkdwn } from '../../bot/render/escape-mrkdwn.js';
import type { BotServices } from '../../bot/services.js';
import { postMessage } from '../../bot/slack-post.js';
import { threadLinkFor } from '../../bot/thread-visibility.js';
import { errorMessage } from '../../errors.js';
import { findIssueRef } from '../issue-ref.js';
import { alertText } from './alert-text.js';

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

export function handleGapAlert(services: BotServices) {
  return async ({ event, context }: MessageArgs): Promise<void> => {
    const parsed = messageEventSchema.safeParse(event);
    if (!parsed.success) {
      services.logger.debug(
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
    const watched = services.config.slack.alertChannels;
    if (watched.length > 0 && !watched.includes(message.channel)) return;

    const text = alertText(message);
    if (!new RegExp(services.config.alert.pattern, 'i').test(text)) return;

    const log = services.logger.child({ channel: message.channel, alert: message.ts });
    const repo = services.config.github.gapIssuesRepo;
    const say = (reply: string) =>
      postMessage(
        services.slack,
        message.channel,
        { text: reply, blocks: [{ type: 'section', text: mrkdwn(reply) }] },
        message.ts,
      );
    try {
      const issueNumber =
        findIssueRef(text, repo) ??
        (
          await services.integrations.issues.findLatestIssue(
            repo,
            new RegExp(services.config.alert.issueTitlePattern, 'i'),
          )
        )?.number ??
        null;
      if (issueNumber === null) {
        await say(
          `I saw a gap alert but found no open gap issue in ${escapeInline(repo)} to investigate. Run \`/nessus-gap <issue>\` once it exists.`,
        );
        return;
      }
      log.info({ issue: issueNumber }, 'gap alert: investigating');
      const result = await startInvestigation(services, {
        issueNumber,
        channel: message.channel,
        threadTs: message.ts,
      });
      if (result.kind === 'not_found') await say(escapeInline(result.message));
      if (result.kind === 'already') {
        const where = await threadLinkFor(
          services.slack,
          message.channel,
          result.record.channel,
          result.record.threadTs,
        );
        await say(`${escapeInline(repo)}#${issueNumber} is already being investigated${where}.`);
      }
    } catch (error) {
      log.error({ err: errorMessage(error) }, 'gap alert could not be investigated');
      await say(
        `:warning: I could not investigate this alert: ${escapeInline(errorMessage(error), 500)}`,
      ).catch(() => {});
    }
  };
}
