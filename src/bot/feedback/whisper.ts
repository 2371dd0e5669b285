/** Telling one person privately, in the channel (and thread) they clicked in; a failure is only logged. */
import type { WebClient } from '@slack/web-api';
import { errorMessage } from '../../errors.js';
import type { Logger } from '../../logger.js';

export function whisperTo(
  slack: WebClient,
  to: { channel: string; user: string; threadTs?: string | undefined },
  logger: Logger,
): (text: string) => Promise<unknown> {
  return (text) =>
    slack.chat
      .postEphemeral({
        channel: to.channel,
        user: to.user,
        text,
        ...(to.threadTs ? { thread_ts: to.threadTs } : {}),
      })
      .catch((error) => logger.warn({ err: errorMessage(error) }, 'ephemeral reply failed'));
}
