/** The re-check gate alone, with a store lease and a re-check that finishes when told to. */

import type { RecheckResult } from '../../../src/app/investigations/recheck.js';
import { createRecheckGate, type RecheckRequest } from '../../../src/app/investigations/recheck-gate.js';
import type { InvestigationRecord } from '../../../src/store/store.js';

function record(id: number): InvestigationRecord {
  return { id, repo: 'o/r', issueNumber: 10 + id, status: 'open' } as InvestigationRecord;
}

function setup(limits = {}) {
  let clock = Date.parse('2026-12-01T10:00:00Z');
  const leases = new Map<string, number>();
  const runs: { id: number; request: RecheckRequest; finish: () => void }[] = [];
  const gate = createRecheckGate({
    store: {
      tryLease: async (name, _owner, ttlMs, now = new Date(clock)) => {
        const until = leases.get(name);
        if (until !== undefined && until > now.getTime()) return false;
        leases.set(name, now.getTime() + ttlMs);
        return true;
      },
    },
    replica: 'r1',
    now: () => new Date(clock),
    run: (rec, request) =>
      new Promise<RecheckResult>((resolve) => {
        runs.push({
          id: rec.id,
          request,
          finish: () => resolve({ changes: [] } as unknown as RecheckResult),
        });
      }),
    limits,
  });
  return { gate, runs, advance: (ms: number) => (clock += ms) };
}

describe('the re-check gate', () => {
  it('runs one re-check per investigation at a time: a covered request joins it', async () => {
    const { gate, runs } = setup();
    const first = await gate.request(record(1), { requestedBy: 'U1' });
    const second = await gate.request(record(1), { requestedBy: 'U2' });
    const oneIp = await gate.request(record(1), { requestedBy: 'U3', onlyIp: '10.0.0.1' });
    expect([first.kind, second.kind, oneIp.kind]).toEqual(['started', 'joined', 'joined']);
    expect(second.kind === 'joined' && second.startedBy).toBe('U1');
    expect(runs).toHaveLength(1);
    runs[0]?.finish();
    await Promise.all([first, second, oneIp].map((o) => (o.kind === 'limited' ? null : o.done)));
  });

  it('starts an investigation at most once per 30 s, and says so privately', async () => {
    const { gate, runs, advance } = setup();
    const first = await gate.request(record(1), { requestedBy: 'U1' });
    runs[0]?.finish();
    if (first.kind !== 'limited') await first.done;
    const soon = await gate.request(record(1), { requestedBy: 'U2' });
    expect(soon).toEqual({
      kind: 'limited',
      message:
        'o/r#11 was re-checked less than 30 seconds ago: its result is in the thread. Press again in a moment if you still need it.',
    });
    advance(30_001);
    expect((await gate.request(record(1), { requestedBy: 'U2' })).kind).toBe('started');
    expect(runs).toHaveLength(2);
  });

  it('lets one person start at most 5 re-checks in 10 minutes', async () => {
    const { gate, runs, advance } = setup();
    const kinds: string[] = [];
    for (let i = 1; i <= 6; i++) kinds.push((await gate.request(record(i), { requestedBy: 'U1' })).kind);
    expect(kinds).toEqual(['started', 'started', 'started', 'started', 'started', 'limited']);
    const limited = await gate.request(record(7), { requestedBy: 'U1' });
    expect(limited.kind === 'limited' && limited.message).toMatch(
      /^You have asked for 5 re-checks in the last 10 minutes, the most I take from one person: try again in 10 minutes\./,
    );
    // Someone else may still ask; and the first person again once the window has passed.
    expect((await gate.request(record(8), { requestedBy: 'U2' })).kind).toBe('started');
    advance(10 * 60_000 + 1);
    expect((await gate.request(record(9), { requestedBy: 'U1' })).kind).toBe('started');
    expect(runs).toHaveLength(7);
    for (const run of runs) run.finish();
  });
});
