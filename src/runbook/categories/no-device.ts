import { subnetLine, subnetOf } from '../evidence-lines.js';
import { inventorySearchLink } from '../links.js';
import { inconclusive, matchIf, needAccount } from '../rules/rule.js';
import { defineCategory } from './category.js';
import { portal } from './facts.js';

/**
 * An account subnet holds the IP but no device uses it, not even as a management IP (the look-up
 * checks management IPs too): the machine is gone.
 */
export const noDevice = defineCategory({
  name: 'no_device',
  rule(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    return matchIf(account.value.device === null && account.value.subnet !== null);
  },
  label: 'No device on the IP',
  emoji: ':ghost:',
  hint: 'confirm in the portal, then mark NOTALCHEMY',
  fact: 'was in an account subnet but on no device',
  section: 'noMachine',
  threadRank: 2,
  needsPerson: false,
  offers: ['mark_notalchemy'],
  guide(f) {
    const subnet = subnetOf(f.evidence);
    return {
      summary: 'No machine uses this IP any more: an account subnet holds it, but no device',
      evidence: [
        ...(subnet ? [subnetLine(f.ip, subnet)] : []),
        `no device of our accounts uses ${f.ip}, not even as a management (IPMI) IP`,
      ],
      fixes: [
        `Look ${f.ip} up in the IBM Infrastructure portal to be sure no machine, nor any machine's management interface, uses it.`,
        `If nothing does, the machine is gone: in the Inventory dashboard search ${f.ip}, then Update > Environment > NOTALCHEMY.`,
        'Leave a comment on the gap issue saying the machine no longer exists and was set to NOTALCHEMY.',
      ],
      links: [inventorySearchLink(f.context.links, f.ip), portal(f)],
    };
  },
});
