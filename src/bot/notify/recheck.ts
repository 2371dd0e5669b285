/** Re-checks and resolved targets, said in the investigation's thread. */
import type { WebClient } from '@slack/web-api';
import type { RecheckNotifier } from '../../app/notifier.js';
import { CATEGORY_LABELS } from '../../runbook/report/labels.js';
import { escapeInline, mrkdwn } from '../render/escape-mrkdwn.js';
import { issueLabel } from '../render/issue-label.js';
import { postMessage, updateMessage } from '../slack-post.js';
import { summaryOf } from './summary-of.js';

/** Changed findings listed in a re-check's reply, and resolved IPs named in a note. */
const LISTED = { changes: 30, resolved: 20 } as const;

export function slackRecheckNotifier(slack: WebClient): RecheckNotifier {
  return {
    async rechecked(record, { report, changes, checked, onlyIp, requestedBy }) {
      if (!record.channel || !record.threadTs) return;
      const who = requestedBy ? ` (asked by <@${requestedBy}>)` : '';
      const what = onlyIp ? escapeInline(onlyIp) : `${checked} IPs`;
      const text =
        changes.length === 0
          ? `:repeat: Re-checked ${what}${who}: nothing changed.`
          : `:repeat: Re-checked ${what}${who}: ${changes.length} changed.\n${changes
              .slice(0, LISTED.changes)
              .map(
                (c) =>
                  `• ${escapeInline(c.ip)}${c.hostname ? ` ${escapeInline(c.hostname, 80)}` : ''}: ${c.from ? CATEGORY_LABELS[c.from] : 'new'} → ${CATEGORY_LABELS[c.to]}`,
              )
              .join(
                '\n',
              )}${changes.length > LISTED.changes ? `\n…and ${changes.length - LISTED.changes} more` : ''}`;
      await postMessage(
        slack,
        record.channel,
        { text: text.slice(0, 3000), blocks: [{ type: 'section', text: mrkdwn(text) }] },
        record.threadTs,
      );
      if (record.summaryTs) {
        await updateMessage(
          slack,
          record.channel,
          record.summaryTs,
          summaryOf(record, { report, status: 'done' }),
        );
      }
    },
    async resolved(record, ips) {
      if (!record.channel || !record.threadTs) return;
      const names = ips.slice(0, LISTED.resolved).map((ip) => escapeInline(ip));
      const more = ips.length > LISTED.resolved ? ` and ${ips.length - LISTED.resolved} more` : '';
      const label = issueLabel({ repo: record.repo, number: record.issueNumber });
      const text = `:white_check_mark: Resolved: ${label} no longer lists ${ips.length === 1 ? 'this IP' : `these ${ips.length} IPs`}: ${names.join(', ')}${more}.`;
      await postMessage(
        slack,
        record.channel,
        { text, blocks: [{ type: 'section', text: mrkdwn(text) }] },
        record.threadTs,
      );
    },
  };
}
