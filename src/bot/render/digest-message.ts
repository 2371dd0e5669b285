/** The weekly digest in Slack: its figures and recurring targets (the chart follows as an image). */
import type { Digest } from '../../runbook/digest/digest.js';
import { digestLines, recurringLines } from '../../runbook/digest/digest-markdown.js';
import type { SlackMessage } from './blocks.js';
import { escapeInline, mrkdwn, plain } from './escape-mrkdwn.js';
import { SLACK_LIMITS } from './limits.js';

const day = (at: Date) => at.toISOString().slice(0, 10);

export function digestTitle(digest: Digest): string {
  return `Nessus scan gaps: week of ${day(digest.weekStart)} to ${day(digest.weekEnd)}`;
}

export function digestMessage(digest: Digest): SlackMessage {
  const bullets = (lines: string[]) => lines.map((line) => `• ${escapeInline(line)}`).join('\n');
  const recurring = recurringLines(digest);
  return {
    text: `${digestTitle(digest)}: ${digest.unscanned.endTotal} unscanned`,
    blocks: [
      { type: 'header', text: plain(digestTitle(digest), { max: SLACK_LIMITS.headerText }) },
      { type: 'section', text: mrkdwn(bullets(digestLines(digest))) },
      {
        type: 'section',
        text: mrkdwn(
          recurring.length === 0
            ? '*Recurring targets*: none.'
            : `*Recurring targets* (unscanned in 3 or more investigations within 90 days)\n${bullets(recurring)}`,
        ),
      },
    ],
  };
}
