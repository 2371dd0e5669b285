import { deviceLine, matchedLine, probeLines } from '../evidence-lines.js';
import { inconclusive, MATCH, NO_MATCH, needAccount, needReachability } from '../rules/rule.js';
import { defineCategory } from './category.js';
import { deviceName, portal } from './facts.js';

/**
 * "IP exists but no machine when querying netmax": the IP is a device's management (IPMI) IP and
 * does not answer ping. One that answers is a healthy interface and goes on through the later rules.
 */
export const managementIpUnreachable = defineCategory({
  name: 'management_ip_unreachable',
  rule(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    if (account.value.device?.matchedAs !== 'management') return NO_MATCH;
    const reach = needReachability(evidence);
    if (!reach.ok) return inconclusive(reach.failed);
    return reach.value.ping ? NO_MATCH : MATCH;
  },
  label: 'IPMI not answering',
  emoji: ':electric_plug:',
  hint: 'IPMI ticket: refresh the switch configuration',
  fact: 'was an IPMI address that did not answer ping',
  section: 'noMachine',
  threadRank: 6,
  needsPerson: false,
  offers: ['open_ipmi_ticket'],
  guide: (f) => ({
    summary: 'Management (IPMI) IP does not answer ping: the IPMI needs a switch configuration refresh',
    evidence: [
      ...(f.device ? [matchedLine(f.ip, f.device), deviceLine(f.device)] : []),
      ...probeLines(f.ip, f.evidence),
    ],
    fixes: [
      `Confirm from ${f.scanner} that \`ping ${f.ip}\` gets no answer.`,
      `Open an IBM Infrastructure ticket for ${deviceName(f)}: its management IP ${f.ip} does not answer ping; ask them to refresh the switch configuration of the IPMI and to confirm the IPMI answers afterwards.`,
      'Press Re-check once the ticket is resolved: scanning of the IP should then work again.',
    ],
    links: [portal(f)],
  }),
});
