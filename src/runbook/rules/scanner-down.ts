import { inconclusive, MATCH, NO_MATCH, need, type Rule } from './rule.js';

/**
 * The environment's scanner answers its health check but is not ready. Without an assigned scanner
 * there is nothing to check, and the rule does not apply.
 */
export const scannerDown: Rule = {
  category: 'scanner_down',
  applies(evidence) {
    if (evidence.scanner === null) return NO_MATCH;
    const health = need(evidence.scanner);
    if (!health.ok) return inconclusive(health.failed);
    return health.value.ready ? NO_MATCH : MATCH;
  },
};
