import { inconclusive, MATCH, NO_MATCH, needAccount, type Rule } from './rule.js';

/** The device has a cancellation pending (a bare metal stays in the account until its billing month ends). */
export const pendingDeletion: Rule = {
  category: 'pending_deletion',
  applies(evidence) {
    const account = needAccount(evidence);
    if (!account.ok) return inconclusive(account.failed);
    return account.value.device?.cancellation ? MATCH : NO_MATCH;
  },
};
