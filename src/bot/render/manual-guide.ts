/**
 * The guide of guided manual mode (no inventory API): a modal with the dashboard's steps and a search
 * link per IP. Its private metadata brings back, on "Done", what was asked and where.
 */
import type { View } from '@slack/types';
import { z } from 'zod';
import type { Finding } from '../../runbook/finding.js';
import type { LinkSettings } from '../../runbook/links.js';
import { inventorySearchLink } from '../../runbook/links.js';
import { escapeInline, mrkdwn, mrkdwnLink, plain } from './escape-mrkdwn.js';

export const MANUAL_DONE_CALLBACK = 'manual_action_done';

/** How many IPs one guide lists (Slack's modal and metadata limits). */
const MAX_IPS = 40;

export const guideMetadataSchema = z.object({
  i: z.number().int(),
  a: z.enum(['mark_notalchemy', 'mark_pending_deletion']),
  ips: z.array(z.string()).min(1).max(200),
  c: z.string(),
  ts: z.string(),
  id: z.string(),
});

export type GuideMetadata = z.infer<typeof guideMetadataSchema>;

const STEPS = {
  mark_notalchemy: [
    'Right-click the server, choose *Update*, then *Environment*.',
    'Pick *NOTALCHEMY* in the list and press OK.',
  ],
  mark_pending_deletion: [
    'Right-click the server, choose *Update*, then *Environment*; pick *PENDING-DELETION* and press OK.',
    'Do the same for *Application* and pick *Pending Deletion*.',
  ],
} as const;

export function renderManualGuide(input: {
  action: 'mark_notalchemy' | 'mark_pending_deletion';
  investigationId: number;
  findings: readonly Finding[];
  links: LinkSettings;
  channel: string;
  messageTs: string;
  actionId: string;
}): View {
  const listed = input.findings.slice(0, MAX_IPS);
  const links = listed
    .map(
      (f) =>
        `• ${mrkdwnLink(inventorySearchLink(input.links, f.ip).url, f.ip)}${f.hostname ? ` ${escapeInline(f.hostname, 80)}` : ''}`,
    )
    .join('\n');
  const metadata: GuideMetadata = {
    i: input.investigationId,
    a: input.action,
    ips: listed.map((f) => f.ip),
    c: input.channel,
    ts: input.messageTs,
    id: input.actionId,
  };
  return {
    type: 'modal',
    callback_id: MANUAL_DONE_CALLBACK,
    private_metadata: JSON.stringify(metadata).slice(0, 3000),
    title: plain(input.action === 'mark_notalchemy' ? 'Mark NOTALCHEMY' : 'Mark PENDING-DELETION', {
      max: 24,
    }),
    submit: plain('Done', { max: 24 }),
    close: plain('Cancel', { max: 24 }),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          'No inventory API is configured, so this is done in the Inventory dashboard. For each IP below:\n1. Open its search link (the dashboard searches the IP).',
        ),
      },
      { type: 'section', text: mrkdwn(links || 'no IP') },
      {
        type: 'section',
        text: mrkdwn(STEPS[input.action].map((step, i) => `${i + 2}. ${step}`).join('\n')),
      },
      {
        type: 'context',
        elements: [
          mrkdwn('Press Done when every IP is updated: I will note it on the issue and in the audit log.'),
        ],
      },
    ],
  } as View;
}

/** The key a guide's clicked message is kept under while the guide is open. */
export const guideKey = (channel: string, messageTs: string) => `${channel}:${messageTs}`;
