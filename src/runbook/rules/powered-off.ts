import type { DecommissionTicket, Evidence } from '../evidence.js';
import {
  inconclusive,
  MATCH,
  type Needed,
  NO_MATCH,
  need,
  needAccount,
  type Rule,
  type RuleResult,
} from './rule.js';

/** Powered off, and an open decommission ticket names the host or the IP. */
export const poweredOffDecommissioning: Rule = {
  category: 'powered_off_decommissioning',
  applies: (evidence) => whenPoweredOff(evidence, (tickets) => tickets.length > 0),
};

/** Powered off, and no open decommission ticket names it. */
export const poweredOff: Rule = {
  category: 'powered_off',
  applies: (evidence) => whenPoweredOff(evidence, (tickets) => tickets.length === 0),
};

/** The open decommission tickets that name the target (the check already matched them by name). */
export function openDecommissionTickets(evidence: Evidence): Needed<DecommissionTicket[]> {
  const tickets = need(evidence.decommissionTickets);
  if (!tickets.ok) return tickets;
  return { ok: true, value: tickets.value.filter((ticket) => ticket.state === 'open') };
}

function whenPoweredOff(
  evidence: Evidence,
  matches: (openTickets: DecommissionTicket[]) => boolean,
): RuleResult {
  const account = needAccount(evidence);
  if (!account.ok) return inconclusive(account.failed);
  if (account.value.device?.powerState !== 'off') return NO_MATCH;
  const tickets = openDecommissionTickets(evidence);
  if (!tickets.ok) return inconclusive(tickets.failed);
  return matches(tickets.value) ? MATCH : NO_MATCH;
}
