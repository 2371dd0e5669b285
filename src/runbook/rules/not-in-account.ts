import { inconclusive, MATCH, NO_MATCH, needAccount, type Rule } from './rule.js';

/** Neither a device nor a subnet of the IBM Cloud account holds the IP: it is not ours. */
export const notInAccount: Rule = {
  category: 'not_in_account',
  applies(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    return account.value.device === null && account.value.subnet === null ? MATCH : NO_MATCH;
  },
};
