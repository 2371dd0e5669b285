import { escapeRegExp, type TicketWithText, ticketsNaming } from '../../../src/runbook/decommission-match.js';

function ticket(number: number, text: string, state: 'open' | 'closed' = 'open'): TicketWithText {
  return {
    repo: 'alchemy-conductors/team',
    number,
    title: `ticket ${number}`,
    url: `https://github.ibm.com/alchemy-conductors/team/issues/${number}`,
    state,
    text,
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

  it('counts open tickets only and strips the text', () => {
    const tickets = [ticket(1, 'app-05', 'closed'), ticket(2, 'app-05')];
    const found = ticketsNaming(tickets, { ip: '10.1.2.3', hostname: 'app-05' });
    expect(found).toEqual([
      {
        repo: 'alchemy-conductors/team',
        number: 2,
        title: 'ticket 2',
        url: 'https://github.ibm.com/alchemy-conductors/team/issues/2',
        state: 'open',
      },
    ]);
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
