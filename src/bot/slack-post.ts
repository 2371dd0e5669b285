/**
 * Thin helpers over the Web API for what the bot posts: always escaped content, never link_names.
 * Posts and edits are retried when Slack answers with one of its transient errors in an HTTP 200
 * (the WebClient itself retries only 429s, 5xx and timeouts).
 */
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './render/blocks.js';

/** Slack's platform errors that say "try again", not "this request is wrong". */
const TRANSIENT_SLACK_ERRORS = new Set([
  'fatal_error',
  'internal_error',
  'service_unavailable',
  'request_timeout',
]);
const SLACK_ATTEMPTS = 4;

/** Runs one Web API call, again (after a short pause) while Slack answers with a transient error. */
export async function withSlackRetry<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= SLACK_ATTEMPTS || !isTransientSlackError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
}

function isTransientSlackError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, data } = error as { code?: unknown; data?: { error?: unknown } };
  return (
    code === 'slack_webapi_platform_error' &&
    typeof data?.error === 'string' &&
    TRANSIENT_SLACK_ERRORS.has(data.error)
  );
}

export async function postMessage(
  slack: WebClient,
  channel: string,
  message: SlackMessage,
  threadTs?: string | null,
): Promise<string> {
  const result = await withSlackRetry(() =>
    slack.chat.postMessage({
      channel,
      text: message.text,
      blocks: message.blocks,
      ...(threadTs ? { thread_ts: threadTs } : {}),
      unfurl_links: false,
      unfurl_media: false,
    }),
  );
  if (!result.ts) throw new Error(`chat.postMessage gave no ts for channel ${channel}`);
  return result.ts;
}

export async function updateMessage(
  slack: WebClient,
  channel: string,
  ts: string,
  message: SlackMessage,
): Promise<void> {
  await withSlackRetry(() => slack.chat.update({ channel, ts, text: message.text, blocks: message.blocks }));
}

export async function permalink(slack: WebClient, channel: string, ts: string): Promise<string | null> {
  try {
    const result = await slack.chat.getPermalink({ channel, message_ts: ts });
    return result.permalink ?? null;
  } catch {
    return null;
  }
}
