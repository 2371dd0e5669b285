/**
 * Each action's preconditions: where it may be offered and where it must not be. The same functions
 * are checked again on fresh evidence when a button is clicked (test/integration/bot/preconditions.test.ts).
 */
import { ACTION_DESCRIPTORS, type ActionVerb, actionDescriptor } from '../../../src/runbook/actions/index.js';
import { CATEGORY_DESCRIPTORS } from '../../../src/runbook/categories/index.js';
import { diagnose } from '../../../src/runbook/diagnose.js';
import { type Evidence, failed, ok } from '../../../src/runbook/evidence.js';
import {
  account,
  buildDevice,
  buildEvidence,
  CONTEXT,
  probeFrom,
  reach,
  scannerHealth,
  scannerViews,
  ticket,
} from './evidence-builder.js';

const holds = (verb: ActionVerb, evidence: Evidence) =>
  actionDescriptor(verb).precondition(evidence, CONTEXT);
const off = (overrides: Parameters<typeof buildDevice>[0] = {}) =>
  account({ device: buildDevice({ powerState: 'off', ...overrides }) });
const silent = reach({ ping: false, tcp22: false });

describe('the action registry', () => {
  it('has one descriptor per verb, and every verb a category offers exists', () => {
    const verbs = ACTION_DESCRIPTORS.map((d) => d.verb);
    for (const category of CATEGORY_DESCRIPTORS) {
      for (const verb of category.offers) expect(verbs).toContain(verb);
    }
    // Reboot is the power_on action on an unreachable machine: its own verb, the same stable name.
    expect(actionDescriptor('reboot').name).toBe('power_on');
    expect(ACTION_DESCRIPTORS.filter((d) => !d.changes).map((d) => d.verb)).toEqual(['recheck']);
  });
});

describe('preconditions', () => {
  // "If the machine is gone then you will need to change the Environment of the machine to NOTALCHEMY"
  it('mark_notalchemy: only when no device of any account uses the IP, and every account was read', () => {
    expect(
      holds('mark_notalchemy', buildEvidence({ account: account({ device: null, subnet: null }) })),
    ).toEqual({
      ok: true,
    });
    expect(holds('mark_notalchemy', buildEvidence({ account: account({ device: null }) })).ok).toBe(true);
    expect(holds('mark_notalchemy', buildEvidence())).toEqual({
      ok: false,
      reason: 'prod-dal10-carrier4-worker-01 (id 123) of account ALC uses 10.10.1.11',
    });
    const unread = failed<never>(
      'account_devices',
      'softlayer',
      'account ALC_FR2 could not be read: HTTP 500',
    );
    expect(holds('mark_notalchemy', buildEvidence({ account: unread })).ok).toBe(false);
  });

  // "Mark the machines as pending deletion so that they are removed from the report."
  it('mark_pending_deletion: only with a cancellation or a decommission record', () => {
    expect(
      holds(
        'mark_pending_deletion',
        buildEvidence({ account: off({ cancellation: { date: null, ticketId: null } }) }),
      ).ok,
    ).toBe(true);
    expect(
      holds('mark_pending_deletion', buildEvidence({ account: off(), decommissionTickets: ok([ticket()]) }))
        .ok,
    ).toBe(true);
    const repair = ticket({ title: 'kernel panic', decommissionWords: [] });
    expect(
      holds('mark_pending_deletion', buildEvidence({ account: off(), decommissionTickets: ok([repair]) })),
    ).toEqual({
      ok: false,
      reason: 'prod-dal10-carrier4-worker-01 has no cancellation pending and no decommission record',
    });
    expect(holds('mark_pending_deletion', buildEvidence({ account: account({ device: null }) })).ok).toBe(
      false,
    );
  });

  // "update the server cancellation ticket associated with the device and request that the server is
  // immediately reclaimed": hardware and virtual servers alike, only with that ticket.
  it('request_reclaim: only with a known cancellation ticket', () => {
    const withTicket = (kind: 'hardware' | 'virtual') =>
      buildEvidence({ account: off({ kind, cancellation: { date: '2026-12-31', ticketId: 88004 } }) });
    expect(holds('request_reclaim', withTicket('hardware')).ok).toBe(true);
    expect(holds('request_reclaim', withTicket('virtual')).ok).toBe(true);
    const noTicket = buildEvidence({
      account: off({ cancellation: { date: '2026-12-31', ticketId: null } }),
    });
    expect(holds('request_reclaim', noTicket)).toEqual({
      ok: false,
      reason: 'no cancellation ticket of prod-dal10-carrier4-worker-01 is known',
    });
    expect(
      holds('request_reclaim', buildEvidence({ account: off(), decommissionTickets: ok([ticket()]) })).ok,
    ).toBe(false);
  });

  // "raise a IBM Infrastructure ticket ... explaining that the Management IP is not pingable"
  it('open_ipmi_ticket: a silent management IP of a machine that is not being cancelled', () => {
    const management = (overrides: Parameters<typeof buildDevice>[0] = {}) =>
      account({ device: buildDevice({ matchedAs: 'management', ...overrides }) });
    expect(holds('open_ipmi_ticket', buildEvidence({ account: management(), reachability: silent })).ok).toBe(
      true,
    );
    expect(holds('open_ipmi_ticket', buildEvidence({ account: management() })).ok).toBe(false);
    expect(
      holds(
        'open_ipmi_ticket',
        buildEvidence({
          account: management({ cancellation: { date: null, ticketId: 9 } }),
          reachability: silent,
        }),
      ).ok,
    ).toBe(false);
    expect(holds('open_ipmi_ticket', buildEvidence({ reachability: silent })).ok).toBe(false);
  });

  // "If there is no record of it being powered off ready for cancellation, then work to get the machine
  // turned back on."
  it('power_on: a machine SoftLayer says is off, with no decommission record and no cancellation', () => {
    expect(holds('power_on', buildEvidence({ account: off() })).ok).toBe(true);
    expect(holds('power_on', buildEvidence({ account: off(), decommissionTickets: ok([ticket()]) }))).toEqual(
      {
        ok: false,
        reason: 'alchemy-conductors/team#812 records it for decommissioning',
      },
    );
    const closedRecently = ticket({ state: 'closed', closedAt: '2026-11-10T00:00:00Z' });
    expect(
      holds('power_on', buildEvidence({ account: off(), decommissionTickets: ok([closedRecently]) })).ok,
    ).toBe(false);
    expect(
      holds('power_on', buildEvidence({ account: off({ cancellation: { date: null, ticketId: 1 } }) })).ok,
    ).toBe(false);
    expect(holds('power_on', buildEvidence()).ok).toBe(false);
    const ticketsDown = failed<never>('decommission_tickets', 'github', 'rate limit');
    expect(holds('power_on', buildEvidence({ account: off(), decommissionTickets: ticketsDown })).ok).toBe(
      false,
    );
  });

  // "If the machine does not respond then the first course of action should be to reboot the machine"
  it('reboot: SoftLayer says on, neither ping nor SSH answers from the scanner, the scanner works', () => {
    expect(holds('reboot', buildEvidence({ reachability: silent })).ok).toBe(true);
    expect(holds('reboot', buildEvidence({ reachability: reach({ ping: false, tcp22: true }) }))).toEqual({
      ok: false,
      reason: '10.10.1.11 answers SSH (TCP 22): it is up',
    });
    expect(holds('reboot', buildEvidence({ reachability: reach({ ping: false, tcp22: null }) })).ok).toBe(
      false,
    );
    expect(holds('reboot', buildEvidence()).ok).toBe(false);
    expect(holds('reboot', buildEvidence({ account: off(), reachability: silent })).ok).toBe(false);
    // A machine being decommissioned is not restarted: its record is shown, its cancellation pushed.
    expect(
      holds('reboot', buildEvidence({ reachability: silent, decommissionTickets: ok([ticket()]) })),
    ).toEqual({
      ok: false,
      reason: 'alchemy-conductors/team#812 records it for decommissioning',
    });
    const unknown = account({ device: buildDevice({ powerState: 'unknown' }) });
    expect(holds('reboot', buildEvidence({ account: unknown, reachability: silent })).ok).toBe(false);
    // Probed from the bot's own host, not from the scanner the runbook names: not enough to reboot.
    expect(holds('reboot', buildEvidence({ probes: [probeFrom(silent, undefined, 'bot')] })).ok).toBe(false);
    // A scanner whose API is silent while Tenable.sc says it works: the views disagree.
    const conflict = scannerViews(failed('scanner_health', 'nessus', 'ECONNRESET'));
    expect(holds('reboot', buildEvidence({ reachability: silent, scanners: [conflict] })).ok).toBe(false);
  });

  it('launch_scan: the target answers its scanner, and the scanner is known to be ready', () => {
    expect(holds('launch_scan', buildEvidence()).ok).toBe(true);
    expect(holds('launch_scan', buildEvidence({ reachability: silent })).ok).toBe(false);
    expect(holds('launch_scan', buildEvidence({ scanner: scannerHealth({ ready: false }) })).ok).toBe(false);
    const conflict = scannerViews(failed('scanner_health', 'nessus', 'ECONNRESET'));
    expect(holds('launch_scan', buildEvidence({ scanners: [conflict] }))).toEqual({
      ok: false,
      reason: 'its scanner does not answer while Tenable.sc says it works: the two disagree',
    });
  });

  it('recheck: always', () => {
    expect(
      holds('recheck', buildEvidence({ account: failed('account_devices', 'softlayer', 'down') })).ok,
    ).toBe(true);
  });

  it('a finding offers exactly its category actions whose preconditions hold', () => {
    const unreachableUp = diagnose(
      buildEvidence({ reachability: reach({ ping: false, tcp22: true }) }),
      CONTEXT,
    );
    expect(unreachableUp).toMatchObject({ category: 'unreachable', actions: ['recheck'] });
    const unreachableDown = diagnose(buildEvidence({ reachability: silent }), CONTEXT);
    expect(unreachableDown).toMatchObject({ category: 'unreachable', actions: ['power_on', 'recheck'] });
  });
});
