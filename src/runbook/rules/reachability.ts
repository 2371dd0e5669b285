import { inconclusive, MATCH, NO_MATCH, needReachability, type Rule } from './rule.js';

/** No answer to ping from the environment's scanner. */
export const unreachable: Rule = {
  category: 'unreachable',
  applies(evidence) {
    const reach = needReachability(evidence);
    if (!reach.ok) return inconclusive(reach.failed);
    return reach.value.ping ? NO_MATCH : MATCH;
  },
};

/**
 * Everything else: the last rule always matches. In the table's order every earlier rule has been
 * passed, `unreachable` included, so the target answered ping and every check that mattered was made.
 */
export const reachable: Rule = {
  category: 'reachable',
  applies: () => MATCH,
};
