/**
 * The rules in the registry's order, each alone and where two could claim a target. The order is the
 * design's revised table; every case quotes the runbook sentence that decides it.
 */

import { CATEGORY_DESCRIPTORS, categoryDescriptor } from '../../../src/runbook/categories/index.js';
import type { DiagnosisContext } from '../../../src/runbook/context.js';
import { classify } from '../../../src/runbook/diagnose.js';
import { type Evidence, failed, ok } from '../../../src/runbook/evidence.js';
import { CATEGORIES, type Category } from '../../../src/runbook/model.js';
import { CATEGORY_EXAMPLES, DECOM_TICKET } from './category-examples.js';
import {
  account,
  buildDevice,
  buildEvidence,
  buildPartialEvidence,
  CONTEXT,
  probeFrom,
  reach,
  SCANNER,
  scannerHealth,
  scannerViews,
  tenableDown,
  ticket,
} from './evidence-builder.js';

const match = { kind: 'match' };
const noMatch = { kind: 'no_match' };

function rule(category: Category) {
  const applies = categoryDescriptor(category).rule;
  if (!applies) throw new Error(`${category} has no rule`);
  return (evidence: Evidence, context: DiagnosisContext = CONTEXT) => applies(evidence, context);
}

describe('the rules table', () => {
  it('tries the rules in the order of the design (check_failed is what an inconclusive rule yields)', () => {
    expect(CATEGORIES).toEqual([
      'check_failed',
      'not_in_account',
      'pending_deletion',
      'management_ip_unreachable',
      'no_device',
      'powered_off_decommissioning',
      'powered_off',
      'scanner_down',
      'not_in_asset_list',
      'not_in_scan_zone',
      'vlan_mismatch',
      'interface_misconfigured',
      'unreachable',
      'stale_scan',
      'reachable',
    ]);
    expect(CATEGORY_DESCRIPTORS.filter((d) => d.rule === null).map((d) => d.name)).toEqual(['check_failed']);
  });

  it.each(Object.entries(CATEGORY_EXAMPLES))('classifies the %s example as itself', (category, evidence) => {
    expect(classify(evidence, CONTEXT).category).toBe(category);
  });

  // Evidence that fits two rules: the earlier one in the table wins.
  const overlaps: [Category, Category, string, Evidence][] = [
    [
      'pending_deletion',
      'management_ip_unreachable',
      'update the server cancellation ticket associated with the device and request that the server is immediately reclaimed',
      buildEvidence({
        target: { ip: '10.10.9.11', interface: 'management' },
        account: account({
          device: buildDevice({ matchedAs: 'management', cancellation: { date: null, ticketId: 9 } }),
        }),
        reachability: reach({ ping: false, tcp22: false }),
      }),
    ],
    [
      'management_ip_unreachable',
      'powered_off',
      'If it does then the problem is likely to be a broken IPMI instance',
      buildEvidence({
        target: { ip: '10.10.9.11', interface: 'management' },
        account: account({ device: buildDevice({ matchedAs: 'management', powerState: 'off' }) }),
        reachability: reach({ ping: false }),
      }),
    ],
    [
      'pending_deletion',
      'powered_off_decommissioning',
      'Machines that are powered off and pending deletion ... will show up in the compliance list',
      buildEvidence({
        account: account({
          device: buildDevice({ powerState: 'off', cancellation: { date: null, ticketId: 9 } }),
        }),
        decommissionTickets: ok([DECOM_TICKET]),
      }),
    ],
    [
      'powered_off',
      'scanner_down',
      'Some machines are powered off, this will prevent them from being scanned',
      buildEvidence({
        account: account({ device: buildDevice({ powerState: 'off' }) }),
        scanner: scannerHealth({ ready: false, status: 'loading' }),
      }),
    ],
    [
      'scanner_down',
      'unreachable',
      'Scanner is down/unreachable?',
      buildEvidence({ scanner: scannerHealth({ ready: false }), reachability: reach({ ping: false }) }),
    ],
    [
      'not_in_asset_list',
      'not_in_scan_zone',
      'Step 1: Verify the asset list is correct',
      buildEvidence({ target: { neverScanned: true }, assetLists: ok([]), scanZones: ok([]) }),
    ],
    [
      'vlan_mismatch',
      'unreachable',
      "Only one of public/private IP address for the machine doesn't work",
      buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' }),
    ],
    [
      'unreachable',
      'stale_scan',
      'Machines need to be pingable to be able to be scanned',
      buildEvidence({
        target: { lastScan: '2023-01-01' },
        lastScan: ok(null),
        reachability: reach({ ping: false }),
      }),
    ],
  ];

  it.each(overlaps)('prefers %s over %s ("%s")', (earlier, later, _runbook, evidence) => {
    expect(rule(earlier)(evidence)).toEqual(match);
    expect(rule(later)(evidence)).toEqual(match);
    expect(classify(evidence, CONTEXT).category).toBe(earlier);
  });
});

describe('check_failed', () => {
  it('still finds what does not need the failed system: Tenable.sc down + powered off => powered_off', () => {
    const evidence = buildEvidence({
      account: account({ device: buildDevice({ powerState: 'off' }) }),
      assetLists: tenableDown('asset_lists'),
      scanZones: tenableDown('scan_zones'),
      lastScan: tenableDown('last_scan'),
    });
    expect(classify(evidence, CONTEXT)).toEqual({ category: 'powered_off', blocking: [] });
  });

  it('names the account check when the account look-up failed', () => {
    const evidence = buildEvidence({ account: failed('account_devices', 'softlayer', 'HTTP 503') });
    expect(classify(evidence, CONTEXT)).toEqual({
      category: 'check_failed',
      blocking: [{ check: 'account_devices', system: 'softlayer', reason: 'HTTP 503' }],
    });
  });

  it('needs Tenable.sc only when a rule does: a never-scanned target with Tenable.sc down', () => {
    const evidence = buildEvidence({
      target: { neverScanned: true },
      assetLists: tenableDown('asset_lists'),
    });
    expect(classify(evidence, CONTEXT)).toEqual({
      category: 'check_failed',
      blocking: [{ check: 'asset_lists', system: 'tenable', reason: 'timeout after 3 tries' }],
    });
    // Scanned before, recent date in the report: Tenable.sc is not needed at all.
    const scanned = buildEvidence({
      assetLists: tenableDown('asset_lists'),
      scanZones: tenableDown('scan_zones'),
      lastScan: tenableDown('last_scan'),
    });
    expect(classify(scanned, CONTEXT).category).toBe('reachable');
  });

  it('reports a skipped probe as a failed ping check with the reason', () => {
    const evidence = buildEvidence({
      assignment: { environment: null, environmentSource: null, scanners: [], choice: null, overruled: [] },
      scanner: null,
      reachability: null,
      probeSkipped: 'no scanner is known for this environment',
    });
    expect(classify(evidence, CONTEXT)).toEqual({
      category: 'check_failed',
      blocking: [{ check: 'ping', system: 'probe', reason: 'no scanner is known for this environment' }],
    });
  });

  it('a scanner whose state is unknown blocks only targets that get that far', () => {
    const silent = failed<never>('scanner_health', 'nessus', 'connection refused');
    const unknown = scannerViews(silent, ok(null));
    expect(classify(buildEvidence({ scanners: [unknown] }), CONTEXT)).toMatchObject({
      category: 'check_failed',
      blocking: [{ check: 'scanner_health', system: 'nessus' }],
    });
    const off = buildEvidence({
      scanners: [unknown],
      account: account({ device: buildDevice({ powerState: 'off' }) }),
    });
    expect(classify(off, CONTEXT).category).toBe('powered_off');
  });

  it('a failed decommission ticket search blocks only powered-off devices', () => {
    const ticketsDown = failed<never>('decommission_tickets', 'github', 'secondary rate limit');
    expect(classify(buildEvidence({ decommissionTickets: ticketsDown }), CONTEXT).category).toBe('reachable');
    const off = buildEvidence({
      decommissionTickets: ticketsDown,
      account: account({ device: buildDevice({ powerState: 'off' }) }),
    });
    expect(classify(off, CONTEXT)).toEqual({
      category: 'check_failed',
      blocking: [{ check: 'decommission_tickets', system: 'github', reason: 'secondary rate limit' }],
    });
  });
});

describe('each rule alone', () => {
  it('not_in_account: neither device nor subnet in any account', () => {
    const notInAccount = rule('not_in_account');
    expect(notInAccount(buildEvidence({ account: account({ device: null, subnet: null }) }))).toEqual(match);
    expect(notInAccount(buildEvidence({ account: account({ device: null }) }))).toEqual(noMatch);
    expect(notInAccount(buildEvidence({ account: account({ subnet: null }) }))).toEqual(noMatch);
  });

  it('management_ip_unreachable: management IP without ping; with ping it goes on', () => {
    const managementIpUnreachable = rule('management_ip_unreachable');
    const management = account({ device: buildDevice({ matchedAs: 'management' }) });
    const silent = buildEvidence({ account: management, reachability: reach({ ping: false }) });
    expect(managementIpUnreachable(silent)).toEqual(match);
    const answers = buildEvidence({ account: management });
    expect(managementIpUnreachable(answers)).toEqual(noMatch);
    expect(classify(answers, CONTEXT).category).toBe('reachable');
    const offAnswering = buildEvidence({
      account: account({ device: buildDevice({ matchedAs: 'management', powerState: 'off' }) }),
    });
    expect(classify(offAnswering, CONTEXT).category).toBe('powered_off');
    // A data IP that does not answer is not this rule's business.
    expect(managementIpUnreachable(buildEvidence({ reachability: reach({ ping: false }) }))).toEqual(noMatch);
    const skipped = buildEvidence({ account: management, reachability: null, probeSkipped: 'no scanner' });
    expect(managementIpUnreachable(skipped)).toEqual({
      kind: 'inconclusive',
      failed: [{ check: 'ping', system: 'probe', reason: 'no scanner' }],
    });
  });

  it('no_device: a subnet holds it, no device uses it', () => {
    const noDevice = rule('no_device');
    expect(noDevice(buildEvidence({ account: account({ device: null }) }))).toEqual(match);
    expect(noDevice(buildEvidence())).toEqual(noMatch);
    expect(noDevice(buildEvidence({ account: account({ device: null, subnet: null }) }))).toEqual(noMatch);
  });

  it('pending_deletion: any pending cancellation, on a data or a management IP', () => {
    const pendingDeletion = rule('pending_deletion');
    const pending = buildDevice({ cancellation: { date: null, ticketId: null } });
    expect(pendingDeletion(buildEvidence({ account: account({ device: pending }) }))).toEqual(match);
    const management = { ...pending, matchedAs: 'management' as const };
    expect(pendingDeletion(buildEvidence({ account: account({ device: management }) }))).toEqual(match);
    expect(pendingDeletion(buildEvidence())).toEqual(noMatch);
  });

  // "If **Off** check if the machine is being decommisioned - search Conductors team tickets. If there
  // is no record of it being powered off ready for cancellation, then work to get the machine turned
  // back on."
  it('powered_off_decommissioning and powered_off split on a decommission record', () => {
    const decommissioning = rule('powered_off_decommissioning');
    const poweredOff = rule('powered_off');
    const off = account({ device: buildDevice({ powerState: 'off' }) });
    const cases: [string, ReturnType<typeof ticket>[], 'record' | 'none'][] = [
      ['an open decommission ticket', [ticket()], 'record'],
      ['one closed 20 days ago', [ticket({ state: 'closed', closedAt: '2026-11-06T00:00:00Z' })], 'record'],
      ['one closed 200 days ago', [ticket({ state: 'closed', closedAt: '2026-05-10T00:00:00Z' })], 'none'],
      ['one closed with no date', [ticket({ state: 'closed' })], 'none'],
      [
        'an open repair ticket',
        [ticket({ title: 'Kernel panic on worker-01', decommissionWords: [] })],
        'none',
      ],
      ['no ticket', [], 'none'],
    ];
    for (const [, tickets, expected] of cases) {
      const evidence = buildEvidence({ account: off, decommissionTickets: ok(tickets) });
      expect(decommissioning(evidence)).toEqual(expected === 'record' ? match : noMatch);
      expect(poweredOff(evidence)).toEqual(expected === 'record' ? noMatch : match);
    }
    // The window is a setting.
    const oldRecord = buildEvidence({
      account: off,
      decommissionTickets: ok([ticket({ state: 'closed', closedAt: '2026-05-10T00:00:00Z' })]),
    });
    expect(decommissioning(oldRecord, { ...CONTEXT, decommissionWindowDays: 365 })).toEqual(match);
    const unknownPower = buildEvidence({
      account: account({ device: buildDevice({ powerState: 'unknown' }) }),
    });
    expect(poweredOff(unknownPower)).toEqual(noMatch);
  });

  // "Checking the state of the Scanner nodes" / "Scanner is down/unreachable?"
  it('scanner_down: Nessus not ready, or Tenable.sc cannot use it; a silent API alone is not enough', () => {
    const scannerDown = rule('scanner_down');
    const working = ok({ condition: 'working' as const, status: 'Working' });
    const inError = ok({ condition: 'error' as const, status: 'Connection Error' });
    const silent = failed<never>('scanner_health', 'nessus', 'ECONNRESET');
    const with_ = (...scanners: ReturnType<typeof scannerViews>[]) =>
      scannerDown(buildEvidence({ scanners }));
    expect(with_(scannerViews(scannerHealth({ ready: false, status: 'loading' }), working))).toEqual(match);
    expect(with_(scannerViews(scannerHealth(), inError))).toEqual(match);
    expect(with_(scannerViews(silent, inError))).toEqual(match);
    expect(with_(scannerViews(silent, working))).toEqual(noMatch);
    expect(with_(scannerViews(scannerHealth(), working))).toEqual(noMatch);
    expect(with_(scannerViews(null, working))).toEqual(noMatch);
    expect(
      with_(scannerViews(null, ok({ condition: 'disabled' as const, status: 'Scanner disabled by user' }))),
    ).toEqual(match);
    expect(with_(scannerViews(silent, ok(null)))).toMatchObject({ kind: 'inconclusive' });
    // Asked from two scanners because the location did not tell: one that works is enough.
    const other = 'prestage-mon01-infra-nessus-01';
    expect(
      with_(
        scannerViews(scannerHealth({ ready: false }), working),
        scannerViews(scannerHealth(), working, other),
      ),
    ).toEqual(noMatch);
    expect(scannerDown(buildEvidence({ scanner: null }))).toEqual(noMatch);
  });

  it('not_in_asset_list / not_in_scan_zone: only for never-scanned targets', () => {
    const notInAssetList = rule('not_in_asset_list');
    const notInScanZone = rule('not_in_scan_zone');
    const neverInNothing = buildEvidence({
      target: { neverScanned: true },
      assetLists: ok([]),
      scanZones: ok([]),
    });
    expect(notInAssetList(neverInNothing)).toEqual(match);
    expect(notInScanZone(neverInNothing)).toEqual(match);
    const scannedInNothing = buildEvidence({ assetLists: ok([]), scanZones: ok([]) });
    expect(notInAssetList(scannedInNothing)).toEqual(noMatch);
    expect(notInScanZone(scannedInNothing)).toEqual(noMatch);
    const neverButListed = buildEvidence({ target: { neverScanned: true } });
    expect(notInAssetList(neverButListed)).toEqual(noMatch);
    expect(notInScanZone(neverButListed)).toEqual(noMatch);
  });

  // "check that the public and private IP addresses are on a matching name pair of VLANS, the prefix
  // or entire name of the VLAN should match on both sides"
  it('vlan_mismatch / interface_misconfigured: one side silent, the other answering', () => {
    const vlanMismatch = rule('vlan_mismatch');
    const interfaceMisconfigured = rule('interface_misconfigured');
    const mismatch = buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' });
    const paired = buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/Carrier6' });
    const prefixed = buildPartialEvidence({
      publicVlan: 'prod-wdc04-carrier3-pub01',
      privateVlan: 'prod-wdc04-carrier3-priv01',
    });
    expect(vlanMismatch(mismatch)).toEqual(match);
    expect(interfaceMisconfigured(mismatch)).toEqual(noMatch);
    expect(vlanMismatch(paired)).toEqual(noMatch);
    expect(interfaceMisconfigured(paired)).toEqual(match);
    expect(interfaceMisconfigured(prefixed)).toEqual(match);
  });

  it('the other interface is probed listed or not; neither answering is unreachable', () => {
    const vlans = { publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' };
    const listedAnswering = buildPartialEvidence(vlans, {
      sibling: { ip: '169.60.1.11', interface: 'public', listed: true },
    });
    expect(classify(listedAnswering, CONTEXT).category).toBe('vlan_mismatch');
    const otherSilent = buildPartialEvidence(vlans, {
      sibling: {
        ip: '169.60.1.11',
        interface: 'public',
        listed: false,
        probes: [probeFrom(reach({ ping: false, tcp22: false }))],
      },
    });
    expect(classify(otherSilent, CONTEXT).category).toBe('unreachable');
    const answers = buildPartialEvidence(vlans, { reachability: reach({ ping: true }) });
    expect(rule('vlan_mismatch')(answers)).toEqual(noMatch);
    const oneIp = buildPartialEvidence(vlans, {
      account: account({ device: buildDevice({ publicIp: null }) }),
      sibling: null,
    });
    expect(rule('vlan_mismatch')(oneIp)).toEqual(noMatch);
  });

  it('an unknown VLAN name claims neither partial rule: the target goes on to unreachable', () => {
    const unnamed = buildPartialEvidence({ publicVlan: null, privateVlan: 'Prod/CSMG/B' });
    expect(rule('vlan_mismatch')(unnamed)).toEqual(noMatch);
    expect(rule('interface_misconfigured')(unnamed)).toEqual(noMatch);
    expect(classify(unnamed, CONTEXT).category).toBe('unreachable');
  });

  it('a partial case whose probe was skipped is check_failed on ping', () => {
    const skipped = buildPartialEvidence(
      { publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' },
      { reachability: null, probeSkipped: 'no scanner is known for this environment' },
    );
    expect(rule('vlan_mismatch')(skipped)).toMatchObject({ kind: 'inconclusive' });
  });

  it('unreachable / reachable split on ping from any scanner asked; a failed probe is inconclusive', () => {
    const unreachable = rule('unreachable');
    expect(unreachable(buildEvidence({ reachability: reach({ ping: false }) }))).toEqual(match);
    expect(unreachable(buildEvidence())).toEqual(noMatch);
    const probeFailed = buildEvidence({ reachability: failed('ping', 'probe', 'ssh to scanner timed out') });
    expect(unreachable(probeFailed)).toEqual({
      kind: 'inconclusive',
      failed: [{ check: 'ping', system: 'probe', reason: 'ssh to scanner timed out' }],
    });
    const eitherScanner = buildEvidence({
      probes: [
        probeFrom(reach({ ping: false, tcp22: false }), SCANNER),
        probeFrom(reach({ ping: true }), 'prestage-mon01-infra-nessus-01'),
      ],
    });
    expect(unreachable(eitherScanner)).toEqual(noMatch);
    expect(rule('reachable')(buildEvidence())).toEqual(match);
  });
});
