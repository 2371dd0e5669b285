/**
 * Does a decommission ticket name this target? The runbook searches the Conductors team tickets by
 * hand; here the candidates' text is matched locally, so `app-05` never counts as `app-050`.
 */
import type { DecommissionTicket } from './evidence.js';

/** A candidate ticket with its searchable text (title, body and comments). */
export interface TicketWithText extends DecommissionTicket {
  text: string;
}

export interface TicketTerms {
  ip: string;
  hostname: string | null;
}

/** Open tickets whose text names the IP or the hostname as a whole word; in the order given. */
export function ticketsNaming(tickets: readonly TicketWithText[], terms: TicketTerms): DecommissionTicket[] {
  const patterns = [ipPattern(terms.ip), hostnamePattern(terms.hostname)].filter(
    (pattern): pattern is RegExp => pattern !== null,
  );
  if (patterns.length === 0) return [];
  return tickets
    .filter((ticket) => ticket.state === 'open' && patterns.some((pattern) => pattern.test(ticket.text)))
    .map(({ repo, number, title, url, state }) => ({ repo, number, title, url, state }));
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * `10.1.2.3` but not `110.1.2.3` nor `10.1.2.30` nor `10.1.2.3.4`; a sentence's full stop or a
 * CIDR suffix after it still counts.
 */
function ipPattern(ip: string): RegExp | null {
  const term = ip.trim();
  if (!term) return null;
  return new RegExp(`(?<![\\d.])${escapeRegExp(term)}(?!\\d|\\.\\d)`);
}

/**
 * Host names are made of letters, digits, `-`, `_` and `.`; a name inside a longer one does not
 * count (`app-05` in `app-050` or `old-app-05`), but the short name does count inside its FQDN
 * (`app-05.example.com`), and case does not matter.
 */
function hostnamePattern(hostname: string | null): RegExp | null {
  const term = hostname?.trim();
  if (!term) return null;
  return new RegExp(`(?<![\\w.-])${escapeRegExp(term)}(?![\\w-])`, 'i');
}
