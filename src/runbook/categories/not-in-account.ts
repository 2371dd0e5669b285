import { notInAccountsLine, probeLines } from '../evidence-lines.js';
import { inventorySearchLink } from '../links.js';
import { inconclusive, matchIf, needAccount } from '../rules/rule.js';
import { defineCategory } from './category.js';
import { portal } from './facts.js';

/**
 * "Does the machine exist in our accounts?": no device and no subnet of any of our accounts holds
 * the IP. An account that could not be read makes the look-up fail, so nothing is called "not ours"
 * on the word of the accounts that answered.
 */
export const notInAccount = defineCategory({
  name: 'not_in_account',
  rule(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    return matchIf(account.value.device === null && account.value.subnet === null);
  },
  label: 'Not in our account',
  emoji: ':no_entry:',
  hint: 'mark NOTALCHEMY in Inventory',
  fact: 'was not in our IBM Cloud accounts',
  section: 'notInAccount',
  threadRank: 1,
  needsPerson: false,
  offers: ['mark_notalchemy'],
  guide(f) {
    const lookup = f.evidence.account.status === 'ok' ? f.evidence.account.value : null;
    return {
      summary: 'Not in our IBM Cloud accounts: no device or subnet of them holds this IP',
      evidence: [
        ...(lookup ? [notInAccountsLine(f.ip, lookup)] : []),
        // Why the bot sent it no packet: it probes only our accounts' IPs and the configured CIDRs.
        ...(f.evidence.probes.length === 0 && f.evidence.probeSkipped ? probeLines(f.ip, f.evidence) : []),
      ],
      fixes: [
        `Double-check ${f.ip} in the IBM Infrastructure portal: machines carrying a wrong code (often KUBE ones) are reported under ALC by mistake.`,
        `In the Inventory dashboard, search ${f.ip}, right-click the server, choose Update > Environment and pick NOTALCHEMY, so it leaves our compliance report.`,
        'Leave a comment on the gap issue saying the machine is not in our accounts and was set to NOTALCHEMY.',
      ],
      links: [inventorySearchLink(f.context.links, f.ip), portal(f)],
    };
  },
});
