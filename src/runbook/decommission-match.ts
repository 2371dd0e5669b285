/**
 * Does a ticket of the decommission repository name this target? The runbook searches the Conductors
 * team tickets by hand; here the candidates' text is matched locally, so `app-05` never counts as
 * `app-050`. Every ticket naming the target is kept, open or closed, with the words that make it a
 * decommission record if any: the rules decide which count (src/runbook/decommission-record.ts).
 */
import type { DecommissionTicket } from './evidence.js';

/** A candidate ticket with its searchable text (title, body and comments) and its labels. */
export interface TicketWithText extends Omit<DecommissionTicket, 'decommissionWords'> {
  text: string;
  labels: readonly string[];
}

export interface TicketTerms {
  ip: string;
  hostname: string | null;
}

/** Tickets whose text names the IP or the hostname as a whole word; in the order given. */
export function ticketsNaming(tickets: readonly TicketWithText[], terms: TicketTerms): DecommissionTicket[] {
  const patterns = [ipPattern(terms.ip), hostnamePattern(terms.hostname)].filter(
    (pattern): pattern is RegExp => pattern !== null,
  );
  if (patterns.length === 0) return [];
  return tickets
    .filter((ticket) => patterns.some((pattern) => pattern.test(ticket.text)))
    .map(toDecommissionTicket);
}

/**
 * The words that say a ticket is about taking the machine away (the runbook's "being
 * decommisioned", "ready for cancellation", "immediate reclaim"), spelt as people spell them.
 */
const DECOMMISSION_WORDS =
  /\b(?:decomm?iss?ion(?:ed|ing|s)?|decomm?(?:ed|ing)?|cancel(?:l?ed|l?ing|lations?|s)?|reclaim(?:ed|ing|s)?)\b/gi;

/** "no decommission", "do not cancel", "not to be reclaimed": the word is denied, not asked for. */
const NEGATED = /\b(?:no|not|never|without|don't|dont|do not|isn't|is not|won't)\W+(?:\w+\W+){0,2}$/i;

export function decommissionWords(ticket: Pick<TicketWithText, 'text' | 'labels'>): string[] {
  const found = new Set<string>();
  for (const source of [ticket.text, ...ticket.labels]) {
    for (const match of source.matchAll(DECOMMISSION_WORDS)) {
      const before = source.slice(Math.max(0, match.index - 40), match.index);
      if (!NEGATED.test(before)) found.add(match[0].toLowerCase());
    }
  }
  return [...found];
}

function toDecommissionTicket(ticket: TicketWithText): DecommissionTicket {
  const { repo, number, title, url, state, closedAt } = ticket;
  return { repo, number, title, url, state, closedAt, decommissionWords: decommissionWords(ticket) };
}

/** Finds the tickets naming a target among many without testing every ticket for every target. */
export interface TicketIndex {
  naming(terms: TicketTerms): DecommissionTicket[];
}

/**
 * The tickets indexed by the words a match can start with, so that N targets against T tickets
 * cost N + T instead of N x T regular expression tests. Gives exactly what `ticketsNaming` gives:
 * a match starts where neither a digit nor `.` (IP) or a word character, `-` or `.` (host name)
 * comes before it, so it is the start of a run that the index holds; every candidate is then
 * confirmed with the same patterns. Terms that cannot be a whole run (odd characters) are tested
 * against every ticket.
 */
export function indexTickets(tickets: readonly TicketWithText[]): TicketIndex {
  const all = tickets.map((ticket, order) => ({ ticket, order }));
  const byNumberRun = new Map<string, number[]>();
  const byHostRun = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, key: string, at: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [at]);
    else if (list[list.length - 1] !== at) list.push(at);
  };
  for (const [at, { ticket }] of all.entries()) {
    for (const run of ticket.text.match(NUMBER_RUN) ?? []) add(byNumberRun, run, at);
    for (const run of ticket.text.match(HOST_RUN) ?? []) {
      const lower = run.toLowerCase();
      add(byHostRun, lower, at);
      for (let dot = lower.indexOf('.'); dot > 0; dot = lower.indexOf('.', dot + 1))
        add(byHostRun, lower.slice(0, dot), at);
    }
  }
  const every = all.map((_, at) => at);

  return {
    naming(terms) {
      const candidates = new Set<number>();
      const ipTerm = terms.ip.trim();
      const hostTerm = terms.hostname?.trim().toLowerCase() ?? '';
      const lookUp = (list: readonly number[] | undefined) => {
        for (const at of list ?? []) candidates.add(at);
      };
      if (ipTerm) lookUp(NUMBER_TERM.test(ipTerm) ? byNumberRun.get(ipTerm) : every);
      if (hostTerm) lookUp(HOST_TERM.test(hostTerm) ? byHostRun.get(hostTerm) : every);
      if (candidates.size === 0) return [];
      const ip = ipPattern(terms.ip);
      const host = hostnamePattern(terms.hostname);
      return [...candidates]
        .sort((a, b) => a - b)
        .map((at) => all[at]?.ticket as TicketWithText)
        .filter((ticket) => (ip?.test(ticket.text) ?? false) || (host?.test(ticket.text) ?? false))
        .map(toDecommissionTicket);
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
