/**
 * Which tickets naming a target are decommission records. The runbook: "If **Off** check if the
 * machine is being decommisioned - search Conductors team tickets", and "If there is no record of it
 * being powered off ready for cancellation, then work to get the machine turned back on." A record
 * speaks of decommissioning, cancelling or reclaiming the machine, and is open or was closed
 * recently (a machine drained for cancellation often outlives its closed ticket). A ticket that
 * names the host for another reason (a repair, an incident) is no record: it is shown, not counted.
 */
import type { DecommissionTicket, Evidence } from './evidence.js';

export const DEFAULT_DECOMMISSION_WINDOW_DAYS = 180;
const DAY_MS = 86_400_000;

export interface RecordContext {
  now: Date;
  /** A closed ticket counts for this many days after it was closed. */
  decommissionWindowDays: number;
}

export type TicketVerdict =
  | { record: true }
  | { record: false; why: 'not about decommissioning' | 'closed too long ago' | 'closed, date unknown' };

export function ticketVerdict(ticket: DecommissionTicket, context: RecordContext): TicketVerdict {
  if (ticket.decommissionWords.length === 0) return { record: false, why: 'not about decommissioning' };
  if (ticket.state === 'open') return { record: true };
  const closed = ticket.closedAt ? Date.parse(ticket.closedAt) : Number.NaN;
  if (Number.isNaN(closed)) return { record: false, why: 'closed, date unknown' };
  const age = context.now.getTime() - closed;
  return age <= context.decommissionWindowDays * DAY_MS
    ? { record: true }
    : { record: false, why: 'closed too long ago' };
}

export interface SortedTickets {
  records: DecommissionTicket[];
  others: { ticket: DecommissionTicket; why: string }[];
}

/** The tickets naming the target, split into records and the rest (null when the check failed). */
export function sortTickets(evidence: Evidence, context: RecordContext): SortedTickets | null {
  if (evidence.decommissionTickets.status !== 'ok') return null;
  const sorted: SortedTickets = { records: [], others: [] };
  for (const ticket of evidence.decommissionTickets.value) {
    const verdict = ticketVerdict(ticket, context);
    if (verdict.record) sorted.records.push(ticket);
    else sorted.others.push({ ticket, why: verdict.why });
  }
  return sorted;
}
