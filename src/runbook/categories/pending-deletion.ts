import { cancellationLine, dayOf, deviceLine, matchedLine } from '../evidence-lines.js';
import { inventorySearchLink } from '../links.js';
import { inconclusive, matchIf, needAccount } from '../rules/rule.js';
import { defineCategory } from './category.js';
import { portal } from './facts.js';

/**
 * "Machine is being deleted": the device has a cancellation pending. It comes before the IPMI rule:
 * the management IP of a machine being cancelled needs the reclaim, not a repair ticket.
 */
export const pendingDeletion = defineCategory({
  name: 'pending_deletion',
  rule(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    return matchIf(Boolean(account.value.device?.cancellation));
  },
  label: 'Pending deletion',
  emoji: ':wastebasket:',
  hint: 'request reclaim + mark PENDING-DELETION',
  fact: 'was pending deletion',
  section: 'beingDeleted',
  threadRank: 3,
  needsPerson: false,
  offers: ['request_reclaim', 'mark_pending_deletion'],
  guide(f) {
    const cancellation = f.device?.cancellation ?? null;
    const ticket =
      cancellation?.ticketId != null
        ? `cancellation ticket ${cancellation.ticketId}`
        : 'the cancellation ticket';
    const management = f.device?.matchedAs === 'management';
    return {
      summary: `Cancellation pending${
        cancellation?.date ? ` (billing ends ${dayOf(cancellation.date)})` : ''
      }: ask for immediate reclaim and mark PENDING-DELETION`,
      evidence: [
        ...(f.device && management ? [matchedLine(f.ip, f.device)] : []),
        ...(f.device ? [deviceLine(f.device)] : []),
        ...(cancellation ? [cancellationLine(cancellation)] : []),
      ],
      fixes: [
        ...(cancellation?.ticketId == null
          ? [
              `Find the cancellation ticket of ${f.device?.hostname ?? f.ip} in the IBM Infrastructure portal (none is attached to the device where the bot can see it).`,
            ]
          : []),
        `Update ${ticket} asking for the server to be reclaimed immediately${
          f.device?.kind === 'hardware'
            ? ': otherwise a bare metal stays in the account until its billing month ends'
            : ''
        }.`,
        `In the Inventory dashboard, search ${f.ip}, then set Update > Environment to PENDING-DELETION and Update > Application to Pending Deletion.`,
        'Leave a comment on the gap issue saying the machine is being deleted and was marked PENDING-DELETION.',
      ],
      links: [inventorySearchLink(f.context.links, f.ip), portal(f)],
    };
  },
});
