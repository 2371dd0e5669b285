/**
 * `/nessus-gap`: acked at once (Slack allows 3 s; the investigation runs after the ack), then a
 * thread in the channel. Usage errors, status and refusals go only to the caller.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { DoctorAnswer } from '../../app/doctor.js';
import type { RecheckAnswer, RecheckAsk } from '../../app/investigations/request-recheck.js';
import type { StartRequest, StartResult } from '../../app/investigations/start.js';
import type { ScannerState } from '../../app/scanners.js';
import type { InvestigationRecord } from '../../app/types.js';
import { doctorText, noThreadText, scannersText, statusText } from '../../bot/render/command-replies.js';
import { escapeInline } from '../../bot/render/escape-mrkdwn.js';
import { threadLinkFor } from '../../bot/thread-visibility.js';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { parseCommandText, usage } from './command-text.js';

export interface CommandDeps {
  slack: WebClient;
  logger: Logger;
  /** The repository of the gap issues. */
  repo: string;
  start(request: StartRequest): Promise<StartResult>;
  recheck(ask: RecheckAsk): Promise<RecheckAnswer>;
  status(): Promise<InvestigationRecord[]>;
  scanners(): Promise<ScannerState[]>;
  doctor(userId: string): Promise<DoctorAnswer>;
}

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Who sent the command and where: every answer and every thread depends on them. */
const commandOriginSchema = z.object({
  user_id: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel_id: z.string().regex(/^[CGD][A-Z0-9]+$/),
  text: z.string().optional(),
});

export function handleNessusGapCommand(deps: CommandDeps) {
  return async ({ command, ack, respond }: CommandArgs): Promise<void> => {
    const origin = commandOriginSchema.safeParse(command);
    if (!origin.success) {
      deps.logger.warn(
        { issues: origin.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'malformed slash command dropped',
      );
      await ack({
        response_type: 'ephemeral',
        text: 'That command arrived incomplete from Slack; nothing was done.',
      });
      return;
    }
    const repo = deps.repo;
    const request = parseCommandText(command.text ?? '', repo);
    const log = deps.logger.child({
      command: request.kind,
      user: command.user_id,
      channel: command.channel_id,
    });
    const threadLink = (channel: string | null, ts: string | null) =>
      threadLinkFor(deps.slack, command.channel_id, channel, ts);
    const reply = (text: string) =>
      respond({ response_type: 'ephemeral', text }).catch((error) =>
        log.warn({ err: errorMessage(error) }, 'respond failed'),
      );

    switch (request.kind) {
      case 'help':
        await ack({ response_type: 'ephemeral', text: usage(repo) });
        return;
      case 'invalid':
        await ack({ response_type: 'ephemeral', text: `${escapeInline(request.reason)}.\n${usage(repo)}` });
        return;
      case 'status':
        await ack();
        await reply(await statusText(deps.slack, command.channel_id, await deps.status()));
        return;
      case 'scanners':
        await ack({ response_type: 'ephemeral', text: 'Checking every configured scanner…' });
        await reply(scannersText(await deps.scanners()));
        return;
      case 'doctor':
        await ack({ response_type: 'ephemeral', text: 'Checking every configured system…' });
        await reply(doctorText(await deps.doctor(command.user_id)));
        return;
      case 'recheck': {
        await ack({ response_type: 'ephemeral', text: `Re-checking ${repo}#${request.issue}…` });
        try {
          const answer = await deps.recheck({
            investigation: { repo, issueNumber: request.issue },
            requestedBy: command.user_id,
          });
          if (answer.kind === 'unknown') break; // no investigation yet: start one, as for `/nessus-gap N`
          if (answer.kind === 'still_running') {
            await reply(
              `${repo}#${request.issue} is being investigated right now${await threadLink(answer.record.channel, answer.record.threadTs)}.`,
            );
            return;
          }
          if (answer.kind === 'limited') {
            await reply(answer.message);
            return;
          }
          const { changes } = await answer.done;
          await reply(
            `Re-checked ${repo}#${request.issue}: ${changes.length} finding(s) changed${await threadLink(answer.record.channel, answer.record.threadTs)}.`,
          );
        } catch (error) {
          await reply(
            `The re-check of ${repo}#${request.issue} failed: ${escapeInline(errorMessage(error), 500)}`,
          );
        }
        return;
      }
      case 'investigate':
        await ack({ response_type: 'ephemeral', text: `Looking up ${repo}#${request.issue}…` });
        break;
    }

    try {
      const result = await deps.start({
        issueNumber: request.issue,
        channel: command.channel_id,
        threadTs: null,
      });
      if (result.kind === 'not_found') {
        await reply(`${escapeInline(result.message)} Check the number, or give the issue's URL.`);
      } else if (result.kind === 'already' && !result.record.channel) {
        await reply(noThreadText(result.record));
      } else if (result.kind === 'already') {
        await reply(
          `${repo}#${request.issue} is already being investigated${await threadLink(result.record.channel, result.record.threadTs)}: follow that thread instead of starting again.`,
        );
      }
    } catch (error) {
      log.error({ err: errorMessage(error) }, 'could not start the investigation');
      await reply(
        `I could not start the investigation of ${repo}#${request.issue}: ${escapeInline(errorMessage(error), 500)}`,
      );
    }
  };
}
