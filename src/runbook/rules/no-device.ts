import { inconclusive, MATCH, NO_MATCH, needAccount, type Rule } from './rule.js';

/**
 * An account subnet holds the IP but no device uses it, not even as a management IP (the look-up
 * checks management IPs too): the machine is gone.
 */
export const noDevice: Rule = {
  category: 'no_device',
  applies(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    return account.value.device === null && account.value.subnet !== null ? MATCH : NO_MATCH;
  },
};
