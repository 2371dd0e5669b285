/**
 * A link to an investigation's thread, shown only to those who may see it: from the thread's own
 * channel, or when that channel is public. A thread in a private channel or a direct message asked
 * about from anywhere else is named "in a private channel", without its link or channel. When Slack
 * cannot say what a channel is, it counts as private.
 */
import type { WebClient } from '@slack/web-api';
import { permalink } from './slack-post.js';

/** ` (<link|thread>)`, ` (in a private channel)`, or '' when there is no thread yet. */
export async function threadLinkFor(
  slack: WebClient,
  askedFrom: string,
  channel: string | null,
  ts: string | null,
): Promise<string> {
  if (!channel || !ts) return '';
  if (channel !== askedFrom && !(await isPublicChannel(slack, channel))) return ' (in a private channel)';
  const link = await permalink(slack, channel, ts);
  return link ? ` (<${link}|thread>)` : ` (in <#${channel}>)`;
}

async function isPublicChannel(slack: WebClient, channel: string): Promise<boolean> {
  if (!channel.startsWith('C')) return false;
  try {
    const info = await slack.conversations.info({ channel });
    const kind = info.channel as { is_private?: boolean; is_im?: boolean; is_mpim?: boolean } | undefined;
    return kind?.is_private === false && kind.is_im !== true && kind.is_mpim !== true;
  } catch {
    return false;
  }
}
