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

/** Finds the tickets naming a target among many without testing every ticket for every target. */
export interface TicketIndex {
  naming(terms: TicketTerms): DecommissionTicket[];
}

/**
 * The open tickets indexed by the words a match can start with, so that N targets against T tickets
 * cost N + T instead of N x T regular expression tests. Gives exactly what `ticketsNaming` gives:
 * a match starts where neither a digit nor `.` (IP) or a word character, `-` or `.` (host name)
 * comes before it, so it is the start of a run that the index holds; every candidate is then
 * confirmed with the same patterns. Terms that cannot be a whole run (odd characters) are tested
 * against every open ticket.
 */
export function indexTickets(tickets: readonly TicketWithText[]): TicketIndex {
  const open = tickets.flatMap((ticket, order) => (ticket.state === 'open' ? [{ ticket, order }] : []));
  const byNumberRun = new Map<string, number[]>();
  const byHostRun = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  for (const [at, { ticket }] of open.entries()) {
    for (const run of ticket.text.match(NUMBER_RUN) ?? []) add(byNumberRun, run, at);
    for (const run of ticket.text.match(HOST_RUN) ?? []) {
      const lower = run.toLowerCase();
      add(byHostRun, lower, at);
      for (let dot = lower.indexOf('.'); dot > 0; dot = lower.indexOf('.', dot + 1))
        add(byHostRun, lower.slice(0, dot), at);
    }
  }
  const everyOpen = open.map((_, at) => at);

  return {
    naming(terms) {
      const candidates = new Set<number>();
      const ipTerm = terms.ip.trim();
      const hostTerm = terms.hostname?.trim().toLowerCase() ?? '';
      const lookUp = (list: readonly number[] | undefined) => {
        for (const at of list ?? []) candidates.add(at);
      };
      if (ipTerm) lookUp(NUMBER_TERM.test(ipTerm) ? byNumberRun.get(ipTerm) : everyOpen);
      if (hostTerm) lookUp(HOST_TERM.test(hostTerm) ? byHostRun.get(hostTerm) : everyOpen);
      if (candidates.size === 0) return [];
      const ip = ipPattern(terms.ip);
      const host = hostnamePattern(terms.hostname);
      return [...candidates]
        .sort((a, b) => a - b)
        .map((at) => open[at]?.ticket as TicketWithText)
        .filter((ticket) => (ip?.test(ticket.text) ?? false) || (host?.test(ticket.text) ?? false))
        .map(({ repo, number, title, url, state }) => ({ repo, number, title, url, state }));
    },
  };
}

/** Runs of digits and dots where an IP match can start (`ipPattern`: no digit or `.` before it). */
const NUMBER_RUN = /(?<![\d.])\d+(?:\.\d+)*/g;
const NUMBER_TERM = /^\d+(?:\.\d+)*$/;
/** Runs of host name characters where a host name match can start (`hostnamePattern`). */
const HOST_RUN = /(?<![\w.-])[\w.-]+/g;
const HOST_TERM = /^[\w.-]+$/;

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
