import fc from 'fast-check';
import { indexTickets, type TicketWithText, ticketsNaming } from '../../../src/runbook/decommission-match.js';

function ticket(number: number, text: string, state: 'open' | 'closed' = 'open'): TicketWithText {
  return {
    repo: 'o/team',
    number,
    title: `t${number}`,
    url: `https://example/${number}`,
    state,
    closedAt: null,
    text,
    labels: [],
  };
}

// Few characters, so that random texts often hold the terms with every kind of neighbour.
const piece = fc.constantFrom('1', '0', '10', '.', 'a', 'A', 'b', '-', '_', ' ', '\n', ',', 'é', 'ſ', '+');
const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
const term = fc.array(piece, { maxLength: 6 }).map((parts) => parts.join(''));
const tickets = fc
  .array(fc.tuple(text, fc.boolean()), { maxLength: 8 })
  .map((list) => list.map(([body, open], i) => ticket(i + 1, body, open ? 'open' : 'closed')));

describe('indexTickets', () => {
  it('finds exactly what ticketsNaming finds, in the same order', () => {
    fc.assert(
      fc.property(tickets, term, fc.option(term), (all, ip, hostname) => {
        const terms = { ip, hostname };
        expect(indexTickets(all).naming(terms)).toEqual(ticketsNaming(all, terms));
      }),
      { numRuns: 3000, seed: 6 },
    );
  });

  it('keeps the whole-word rules for IPs and host names', () => {
    const all = [
      ticket(1, 'Decommission app-050 and 10.1.2.30'),
      ticket(2, 'Please cancel APP-05 (10.1.2.3.) today'),
      ticket(3, 'Hosts: app-05.alchemy.ibm.com, 110.1.2.3'),
      ticket(4, 'cancel app-05 at 10.1.2.3', 'closed'),
      ticket(5, 'net 10.1.2.3/24'),
    ];
    const index = indexTickets(all);
    const numbers = (terms: { ip: string; hostname: string | null }) =>
      index.naming(terms).map((t) => t.number);
    expect(numbers({ ip: '10.1.2.3', hostname: null })).toEqual([2, 4, 5]);
    expect(numbers({ ip: '10.9.9.9', hostname: 'app-05' })).toEqual([2, 3, 4]);
    expect(numbers({ ip: '10.9.9.9', hostname: 'a+b(c)' })).toEqual([]);
  });
});
