import { inconclusive, MATCH, NO_MATCH, needAccount, needReachability, type Rule } from './rule.js';

/**
 * The IP is a device's management (IPMI) IP and does not answer ping: a broken IPMI. One that answers
 * is a healthy interface and goes on through the later rules with its device's state.
 */
export const managementIpUnreachable: Rule = {
  category: 'management_ip_unreachable',
  applies(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    if (account.value.device?.matchedAs !== 'management') return NO_MATCH;
    const reach = needReachability(evidence);
    if (!reach.ok) return inconclusive(reach.failed);
    return reach.value.ping ? NO_MATCH : MATCH;
  },
};
