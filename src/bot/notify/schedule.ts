/** The schedule's posts: close-outs and reminders in their threads, scanner health in its channel. */
import type { WebClient } from '@slack/web-api';
import type { ScheduleNotifier } from '../../app/notifier.js';
import { mrkdwn } from '../render/escape-mrkdwn.js';
import { closeOutText, healthText, reminderText } from '../render/schedule-texts.js';
import { postMessage } from '../slack-post.js';

/** A message whose first line is its notification text. */
const section = (text: string, notification = text) => ({
  text: notification,
  blocks: [{ type: 'section' as const, text: mrkdwn(text) }],
});
const firstLine = (text: string) => text.split('\n')[0] ?? text;

export function slackScheduleNotifier(slack: WebClient, healthChannel: string | null): ScheduleNotifier {
  return {
    async closedOut(record, facts) {
      if (!record.channel || !record.threadTs) return null;
      return postMessage(slack, record.channel, section(closeOutText(record, facts)), record.threadTs);
    },
    async remind(record, unresolved, now) {
      if (!record.channel || !record.threadTs) return null;
      const text = reminderText(record, unresolved, now);
      return postMessage(slack, record.channel, section(text, firstLine(text)), record.threadTs);
    },
    async scannersChanged(changes, now) {
      if (!healthChannel) return null;
      const text = healthText(changes, now);
      return postMessage(slack, healthChannel, section(text, firstLine(text)));
    },
  };
}
