/** The schedule's posts: close-outs and reminders in their threads, scanner health in its channel. */
import type { WebClient } from '@slack/web-api';
import type { ScheduleNotifier } from '../../app/notifier.js';
import { digestMessage, digestTitle } from '../render/digest-message.js';
import { mrkdwn } from '../render/escape-mrkdwn.js';
import { closeOutText, healthText, reminderText } from '../render/schedule-texts.js';
import { postMessage, withSlackRetry } from '../slack-post.js';

/** A message whose first line is its notification text. */
const section = (text: string, notification = text) => ({
  text: notification,
  blocks: [{ type: 'section' as const, text: mrkdwn(text) }],
});
const firstLine = (text: string) => text.split('\n')[0] ?? text;

export function slackScheduleNotifier(
  slack: WebClient,
  channels: { health: string | null; digest: string | null },
): ScheduleNotifier {
  const healthChannel = channels.health;
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
    async digest(digest) {
      const channel = channels.digest;
      if (!channel) return null;
      const ts = await postMessage(slack, channel, digestMessage(digest));
      const weeks = digest.chart.weekEnds.length;
      // Loaded at the first digest only: the chart libraries weigh some 24 MB of a bot's memory.
      const { digestChartPng } = await import('../../chart/digest-chart.js');
      await withSlackRetry(() =>
        slack.filesUploadV2({
          channel_id: channel,
          file: digestChartPng(digest.chart, `Unscanned targets by cause, last ${weeks} weeks`),
          filename: `nessus-gap-digest-${digest.weekEnd.toISOString().slice(0, 10)}.png`,
          title: `${digestTitle(digest)}: unscanned targets by cause`,
        }),
      );
      return ts;
    },
  };
}
