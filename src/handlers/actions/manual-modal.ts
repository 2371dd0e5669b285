/**
 * Guided manual mode (no INVENTORY_API_URL): the click opens a modal with the exact dashboard steps
 * and a search link per IP; "Done" documents the change on the issue and in the audit log, as the
 * API mode does.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { performAction } from '../../bot/actions/perform-action.js';
import type { Authorizer } from '../../bot/authorize.js';
import { escapeInline, mrkdwn, mrkdwnLink, plain } from '../../bot/render/escape-mrkdwn.js';
import { renderRefusal } from '../../bot/render/outcome.js';
import type { BotServices } from '../../bot/services.js';
import { errorMessage } from '../../errors.js';
import type { Finding } from '../../runbook/finding.js';
import { inventorySearchLink } from '../../runbook/links.js';
import type { InvestigationRecord } from '../../store/store.js';
import { showResults } from './button-click.js';

export const MANUAL_DONE_CALLBACK = 'manual_action_done';

const metadataSchema = z.object({
  i: z.number().int(),
  a: z.enum(['mark_notalchemy', 'mark_pending_deletion']),
  ips: z.array(z.string()).min(1).max(200),
  c: z.string(),
  ts: z.string(),
  id: z.string(),
});

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

export async function openManualModal(
  services: BotServices,
  input: {
    triggerId: string;
    action: 'mark_notalchemy' | 'mark_pending_deletion';
    record: InvestigationRecord;
    findings: Finding[];
    channel: string;
    messageTs: string;
    threadTs: string | null;
    blocks: Record<string, unknown>[];
    actionId: string;
  },
): Promise<void> {
  // The clicked message's blocks, kept in the store while the modal is open so "Done" can update it
  // in place (a submission carries no message), whichever replica answers it.
  await services.store.saveGuide({
    key: `${input.channel}:${input.messageTs}`,
    blocks: input.blocks,
    threadTs: input.threadTs,
    at: new Date(),
  });
  const links = input.findings
    .slice(0, 40)
    .map(
      (f) =>
        `• ${mrkdwnLink(inventorySearchLink(services.config.links, f.ip).url, f.ip)}${f.hostname ? ` ${escapeInline(f.hostname, 80)}` : ''}`,
    )
    .join('\n');
  const metadata = JSON.stringify({
    i: input.record.id,
    a: input.action,
    ips: input.findings.slice(0, 40).map((f) => f.ip),
    c: input.channel,
    ts: input.messageTs,
    id: input.actionId,
  });
  await services.slack.views.open({
    trigger_id: input.triggerId,
    view: {
      type: 'modal',
      callback_id: MANUAL_DONE_CALLBACK,
      private_metadata: metadata.slice(0, 3000),
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
    },
  });
}

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

export function handleManualDone(services: BotServices, authorizer: Authorizer) {
  return async ({ ack, view, body }: ViewArgs): Promise<void> => {
    await ack();
    let meta: z.infer<typeof metadataSchema>;
    try {
      meta = metadataSchema.parse(JSON.parse(view.private_metadata));
    } catch (error) {
      services.logger.warn({ err: errorMessage(error) }, 'malformed manual-mode submission dropped');
      return;
    }
    // The guide opens only for an authorised click; "Done" is checked again, as every action is.
    if (!(await authorizer.isAuthorized(body.user.id))) {
      services.logger.warn({ user: body.user.id, action: meta.a }, 'manual-mode submission refused');
      await services.slack.chat
        .postEphemeral({
          channel: meta.c,
          user: body.user.id,
          text: renderRefusal({ allowedUsergroupIds: services.config.slack.authorizedUsergroups }).text,
        })
        .catch(() => {});
      return;
    }
    const record = await services.store.getInvestigation(meta.i);
    if (!record) return;
    const findings = (await services.store.listFindings(record.id))
      .filter((f) => f.resolvedAt === null)
      .map((f) => f.finding)
      .filter((f) => meta.ips.includes(f.ip) && f.actions.includes(meta.a));
    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    const at = services.now();
    const results = [];
    for (const finding of findings) {
      results.push({
        finding,
        result: await performAction(services, {
          verb: meta.a,
          investigation: record,
          finding,
          user,
          at,
          doneByHand: true,
        }),
      });
    }
    const guide = await services.store.takeGuide(`${meta.c}:${meta.ts}`, new Date());
    const whisper = (text: string) =>
      services.slack.chat.postEphemeral({ channel: meta.c, user: user.id, text }).catch(() => {});
    await showResults(
      services,
      {
        channel: { id: meta.c },
        message: {
          ts: meta.ts,
          blocks: guide?.blocks ?? [],
          ...(guide?.threadTs ? { thread_ts: guide.threadTs } : {}),
        },
      },
      record,
      meta.a,
      meta.id,
      results,
      user,
      at,
      whisper,
      true,
    );
  };
}
