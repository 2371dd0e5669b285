import {
  decommissionWords,
  escapeRegExp,
  type TicketWithText,
  ticketsNaming,
} from '../../../src/runbook/decommission-match.js';

function ticket(number: number, text: string, state: 'open' | 'closed' = 'open'): TicketWithText {
  return {
    repo: 'alchemy-conductors/team',
    number,
    title: `ticket ${number}`,
    url: `https://github.ibm.com/alchemy-conductors/team/issues/${number}`,
    state,
    closedAt: state === 'closed' ? '2026-11-01T00:00:00Z' : null,
    text,
    labels: [],
  };
}

const numbers = (tickets: { number: number }[]) => tickets.map((t) => t.number);

describe('ticketsNaming', () => {
  it('matches a hostname as a whole word, case-insensitively', () => {
    const tickets = [
      ticket(1, 'Decommission app-050 and app-051'),
      ticket(2, 'Please cancel APP-05 today'),
      ticket(3, 'old-app-05 is retired'),
      ticket(4, 'app-05-b is retired'),
      ticket(5, 'Hosts: app-05.alchemy.ibm.com, app-06'),
      ticket(6, 'cancel app-05.'),
      ticket(7, 'server_app-05 gone'),
    ];
    expect(numbers(ticketsNaming(tickets, { ip: '10.9.9.9', hostname: 'app-05' }))).toEqual([2, 5, 6]);
  });

  it('matches an IP as a whole address', () => {
    const tickets = [
      ticket(1, 'remove 10.1.2.30'),
      ticket(2, 'remove 110.1.2.3'),
      ticket(3, 'remove 10.1.2.3.'),
      ticket(4, 'ips: 10.1.2.3,10.1.2.4'),
      ticket(5, 'remove 10.1.2.3.4'),
      ticket(6, 'remove 10x1x2x3'),
      ticket(7, 'subnet 10.1.2.3/26'),
    ];
    expect(numbers(ticketsNaming(tickets, { ip: '10.1.2.3', hostname: null }))).toEqual([3, 4, 7]);
  });

  // Closed tickets are kept too: a machine drained for cancellation often outlives its closed ticket;
  // which ones count as records is the rules' decision (decommission-record.ts).
  it('keeps open and closed tickets, with the words that speak of decommissioning, and strips the text', () => {
    const tickets = [ticket(1, 'Decommission app-05', 'closed'), ticket(2, 'app-05 kernel panic')];
    const found = ticketsNaming(tickets, { ip: '10.1.2.3', hostname: 'app-05' });
    expect(found).toEqual([
      {
        repo: 'alchemy-conductors/team',
        number: 1,
        title: 'ticket 1',
        url: 'https://github.ibm.com/alchemy-conductors/team/issues/1',
        state: 'closed',
        closedAt: '2026-11-01T00:00:00Z',
        decommissionWords: ['decommission'],
      },
      {
        repo: 'alchemy-conductors/team',
        number: 2,
        title: 'ticket 2',
        url: 'https://github.ibm.com/alchemy-conductors/team/issues/2',
        state: 'open',
        closedAt: null,
        decommissionWords: [],
      },
    ]);
  });

  // "If **Off** check if the machine is being decommisioned" / "ready for cancellation" / "immediate reclaim"
  it('finds the words of decommissioning however they are spelt, in the text or the labels', () => {
    const words = (text: string, labels: string[] = []) => decommissionWords({ text, labels });
    expect(words('Decommisioning app-05')).toEqual(['decommisioning']);
    expect(words('decom app-05 next week')).toEqual(['decom']);
    expect(words('Powered off, ready for cancellation')).toEqual(['cancellation']);
    expect(words('Cancelled in the portal; asked for reclaim')).toEqual(['cancelled', 'reclaim']);
    expect(words('app-05', ['Decommission'])).toEqual(['decommission']);
    expect(words('Kernel panic. Powered off for investigation; it needs to go back into service.')).toEqual(
      [],
    );
    expect(words('decompress the logs, cancellable job')).toEqual([]);
    // A word that is denied asks for nothing.
    expect(words('Closed long ago; a closed ticket is no decommission.')).toEqual([]);
    expect(words('Do not cancel app-05: it is being repaired')).toEqual([]);
    expect(words('Not to be decommissioned. Cancel the old one instead')).toEqual(['cancel']);
  });

  it('treats regex characters in terms literally', () => {
    const tickets = [ticket(1, 'host a+b(c) is gone'), ticket(2, 'host aab(c) is gone')];
    expect(numbers(ticketsNaming(tickets, { ip: '10.1.2.3', hostname: 'a+b(c)' }))).toEqual([1]);
    expect(new RegExp(escapeRegExp('a.b*c?')).test('a.b*c?')).toBe(true);
    expect(new RegExp(escapeRegExp('a.b')).test('axb')).toBe(false);
  });

  it('matches nothing without terms', () => {
    expect(ticketsNaming([ticket(1, 'anything')], { ip: '', hostname: '  ' })).toEqual([]);
  });
});
