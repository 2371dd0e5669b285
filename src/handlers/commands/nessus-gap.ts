/**
 * `/nessus-gap`: acked at once (Slack allows 3 s; the investigation runs after the ack), then a
 * thread in the channel. Usage errors, status and refusals go only to the caller.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import type { Authorizer } from '../../bot/authorize.js';
import { startInvestigation } from '../../bot/investigation-runner.js';
import { escapeInline } from '../../bot/render/escape-mrkdwn.js';
import type { BotServices } from '../../bot/services.js';
import { threadLinkFor } from '../../bot/thread-visibility.js';
import { errorMessage } from '../../errors.js';
import { parseCommandText, usage } from './command-text.js';
import { doctorText } from './doctor-reply.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** Who sent the command and where: every answer and every thread depends on them. */
const commandOriginSchema = z.object({
  user_id: z.string().regex(/^[UW][A-Z0-9]+$/),
  channel_id: z.string().regex(/^[CGD][A-Z0-9]+$/),
  text: z.string().optional(),
});

export function handleNessusGapCommand(services: BotServices, authorizer?: Authorizer) {
  return async ({ command, ack, respond }: CommandArgs): Promise<void> => {
    const origin = commandOriginSchema.safeParse(command);
    if (!origin.success) {
      services.logger.warn(
        { issues: origin.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) },
        'malformed slash command dropped',
      );
      await ack({
        response_type: 'ephemeral',
        text: 'That command arrived incomplete from Slack; nothing was done.',
      });
      return;
    }
    const repo = services.config.github.gapIssuesRepo;
    const request = parseCommandText(command.text ?? '', repo);
    const log = services.logger.child({
      command: request.kind,
      user: command.user_id,
      channel: command.channel_id,
    });
    const threadLink = (channel: string | null, ts: string | null) =>
      threadLinkFor(services.slack, command.channel_id, channel, ts);
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
        await reply(await statusText(services, command.channel_id));
        return;
      case 'scanners':
        await ack({ response_type: 'ephemeral', text: 'Checking every configured scanner…' });
        await reply(await scannersText(services));
        return;
      case 'doctor':
        await ack({ response_type: 'ephemeral', text: 'Checking every configured system…' });
        await reply(await doctorText(services, authorizer, command.user_id));
        return;
      case 'recheck': {
        await ack({ response_type: 'ephemeral', text: `Re-checking ${repo}#${request.issue}…` });
        const record = await services.store.findActiveInvestigation(repo, request.issue);
        if (!record || record.status === 'running') {
          if (record) {
            await reply(
              `${repo}#${request.issue} is being investigated right now${await threadLink(record.channel, record.threadTs)}.`,
            );
            return;
          }
          break; // no investigation yet: start one, as for `/nessus-gap N`
        }
        try {
          const outcome = await services.rechecks.request(record, { requestedBy: command.user_id });
          if (outcome.kind === 'limited') {
            await reply(outcome.message);
            return;
          }
          const { changes } = await outcome.done;
          await reply(
            `Re-checked ${repo}#${request.issue}: ${changes.length} finding(s) changed${await threadLink(record.channel, record.threadTs)}.`,
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
      const result = await startInvestigation(services, {
        issueNumber: request.issue,
        channel: command.channel_id,
        threadTs: null,
      });
      if (result.kind === 'not_found') {
        await reply(`${escapeInline(result.message)} Check the number, or give the issue's URL.`);
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

async function statusText(services: BotServices, askedFrom: string): Promise<string> {
  const threadLink = (channel: string | null, ts: string | null) =>
    threadLinkFor(services.slack, askedFrom, channel, ts);
  const active = await services.store.listActiveInvestigations();
  if (active.length === 0) return 'No open investigations.';
  const lines = await Promise.all(
    active.slice(0, 20).map(async (record) => {
      const state =
        record.status === 'running'
          ? `running, checked ${record.progressDone} of ${record.progressTotal}`
          : 'open';
      return `• ${record.repo}#${record.issueNumber}: ${state}${await threadLink(record.channel, record.threadTs)}`;
    }),
  );
  return [
    `Open investigations (${active.length}):`,
    ...lines,
    ...(active.length > 20 ? [`…and ${active.length - 20} more`] : []),
  ].join('\n');
}

async function scannersText(services: BotServices): Promise<string> {
  const names = services.integrations.scanners.configured();
  if (names.length === 0) return 'No scanner is configured (add them under `scanners` in NESSUS_GAP_CONFIG).';
  const lines = await Promise.all(
    names.map(async (name) => {
      try {
        const health = await services.integrations.scanners.status(name);
        return `${health.ready ? ':large_green_circle:' : ':red_circle:'} ${escapeInline(name)}: ${escapeInline(health.status, 100)}`;
      } catch (error) {
        return `:red_circle: ${escapeInline(name)}: unreachable (${escapeInline(errorMessage(error), 200)})`;
      }
    }),
  );
  return [`Nessus scanners (${names.length}):`, ...lines].join('\n');
}
