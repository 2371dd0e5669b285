/** Thin helpers over the Web API for what the bot posts: always escaped content, never link_names. */
import type { WebClient } from '@slack/web-api';
import type { SlackMessage } from './render/blocks.js';

export async function postMessage(
  slack: WebClient,
  channel: string,
  message: SlackMessage,
  threadTs?: string | null,
): Promise<string> {
  const result = await slack.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    ...(threadTs ? { thread_ts: threadTs } : {}),
    unfurl_links: false,
    unfurl_media: false,
  });
  if (!result.ts) throw new Error(`chat.postMessage gave no ts for channel ${channel}`);
  return result.ts;
}

export async function updateMessage(
  slack: WebClient,
  channel: string,
  ts: string,
  message: SlackMessage,
): Promise<void> {
  await slack.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
}

export async function permalink(slack: WebClient, channel: string, ts: string): Promise<string | null> {
  try {
    const result = await slack.chat.getPermalink({ channel, message_ts: ts });
    return result.permalink ?? null;
  } catch {
    return null;
  }
}
