import { classify, RULES } from '../../../src/runbook/diagnose.js';
import { failed, ok } from '../../../src/runbook/evidence.js';
import { CATEGORIES, type Category } from '../../../src/runbook/model.js';
import { managementIpUnreachable } from '../../../src/runbook/rules/management-ip-unreachable.js';
import { notInAssetList, notInScanZone } from '../../../src/runbook/rules/never-scanned.js';
import { noDevice } from '../../../src/runbook/rules/no-device.js';
import { notInAccount } from '../../../src/runbook/rules/not-in-account.js';
import { interfaceMisconfigured, vlanMismatch } from '../../../src/runbook/rules/partial-interface.js';
import { pendingDeletion } from '../../../src/runbook/rules/pending-deletion.js';
import { poweredOff, poweredOffDecommissioning } from '../../../src/runbook/rules/powered-off.js';
import { reachable, unreachable } from '../../../src/runbook/rules/reachability.js';
import { scannerDown } from '../../../src/runbook/rules/scanner-down.js';
import { CATEGORY_EXAMPLES, DECOM_TICKET } from './category-examples.js';
import {
  account,
  buildDevice,
  buildEvidence,
  buildPartialEvidence,
  CONTEXT,
  reach,
  scannerHealth,
  tenableDown,
} from './evidence-builder.js';

const match = { kind: 'match' };
const noMatch = { kind: 'no_match' };

describe('the rules table', () => {
  it('tries the rules in the order of CATEGORIES (check_failed is what an inconclusive rule yields)', () => {
    expect(RULES.map((rule) => rule.category)).toEqual(CATEGORIES.filter((c) => c !== 'check_failed'));
  });

  it.each(Object.entries(CATEGORY_EXAMPLES))('classifies the %s example as itself', (category, evidence) => {
    expect(classify(evidence, CONTEXT).category).toBe(category);
  });

  // Evidence that fits two rules: the earlier one in the table wins.
  const overlaps: [Category, Category, ReturnType<typeof buildEvidence>][] = [
    [
      'management_ip_unreachable',
      'powered_off',
      buildEvidence({
        target: { ip: '10.10.9.11', interface: 'management' },
        account: account({ device: buildDevice({ matchedAs: 'management', powerState: 'off' }) }),
        reachability: reach({ ping: false }),
      }),
    ],
    [
      'pending_deletion',
      'powered_off_decommissioning',
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
      buildEvidence({
        account: account({ device: buildDevice({ powerState: 'off' }) }),
        scanner: scannerHealth({ ready: false, status: 'loading' }),
      }),
    ],
    [
      'scanner_down',
      'unreachable',
      buildEvidence({ scanner: scannerHealth({ ready: false }), reachability: reach({ ping: false }) }),
    ],
    [
      'not_in_asset_list',
      'not_in_scan_zone',
      buildEvidence({ target: { neverScanned: true }, assetLists: ok([]), scanZones: ok([]) }),
    ],
    [
      'not_in_scan_zone',
      'stale_scan',
      buildEvidence({
        target: { neverScanned: true, lastScan: '2023-01-01' },
        scanZones: ok([]),
        lastScan: ok(null),
      }),
    ],
    [
      'stale_scan',
      'unreachable',
      buildEvidence({
        target: { lastScan: '2023-01-01' },
        lastScan: ok(null),
        reachability: reach({ ping: false }),
      }),
    ],
    [
      'vlan_mismatch',
      'unreachable',
      buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' }),
    ],
  ];

  it.each(overlaps)('prefers %s over %s', (earlier, later, evidence) => {
    const byCategory = new Map(RULES.map((rule) => [rule.category, rule]));
    expect(byCategory.get(earlier as never)?.applies(evidence, CONTEXT)).toEqual(match);
    expect(byCategory.get(later as never)?.applies(evidence, CONTEXT)).toEqual(match);
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
      assignment: { environment: null, environmentSource: null, scanner: null },
      scanner: null,
      reachability: null,
      probeSkipped: 'no scanner is known for this environment',
    });
    expect(classify(evidence, CONTEXT)).toEqual({
      category: 'check_failed',
      blocking: [{ check: 'ping', system: 'probe', reason: 'no scanner is known for this environment' }],
    });
  });

  it('makes a failed scanner health check block only targets that get that far', () => {
    const down = failed<never>('scanner_health', 'nessus', 'connection refused');
    expect(classify(buildEvidence({ scanner: down }), CONTEXT).category).toBe('check_failed');
    const off = buildEvidence({
      scanner: down,
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
  it('not_in_account: neither device nor subnet', () => {
    expect(
      notInAccount.applies(buildEvidence({ account: account({ device: null, subnet: null }) }), CONTEXT),
    ).toEqual(match);
    expect(notInAccount.applies(buildEvidence({ account: account({ device: null }) }), CONTEXT)).toEqual(
      noMatch,
    );
    expect(notInAccount.applies(buildEvidence({ account: account({ subnet: null }) }), CONTEXT)).toEqual(
      noMatch,
    );
  });

  it('management_ip_unreachable: management IP without ping; with ping it goes on', () => {
    const management = account({ device: buildDevice({ matchedAs: 'management' }) });
    const silent = buildEvidence({ account: management, reachability: reach({ ping: false }) });
    expect(managementIpUnreachable.applies(silent, CONTEXT)).toEqual(match);
    const answers = buildEvidence({ account: management });
    expect(managementIpUnreachable.applies(answers, CONTEXT)).toEqual(noMatch);
    expect(classify(answers, CONTEXT).category).toBe('reachable');
    const offAnswering = buildEvidence({
      account: account({ device: buildDevice({ matchedAs: 'management', powerState: 'off' }) }),
    });
    expect(classify(offAnswering, CONTEXT).category).toBe('powered_off');
    // A data IP that does not answer is not this rule's business.
    expect(
      managementIpUnreachable.applies(buildEvidence({ reachability: reach({ ping: false }) }), CONTEXT),
    ).toEqual(noMatch);
    const skipped = buildEvidence({ account: management, reachability: null, probeSkipped: 'no scanner' });
    expect(managementIpUnreachable.applies(skipped, CONTEXT)).toEqual({
      kind: 'inconclusive',
      failed: [{ check: 'ping', system: 'probe', reason: 'no scanner' }],
    });
  });

  it('no_device: a subnet holds it, no device uses it', () => {
    expect(noDevice.applies(buildEvidence({ account: account({ device: null }) }), CONTEXT)).toEqual(match);
    expect(noDevice.applies(buildEvidence(), CONTEXT)).toEqual(noMatch);
    expect(
      noDevice.applies(buildEvidence({ account: account({ device: null, subnet: null }) }), CONTEXT),
    ).toEqual(noMatch);
  });

  it('pending_deletion: any pending cancellation', () => {
    const pending = account({ device: buildDevice({ cancellation: { date: null, ticketId: null } }) });
    expect(pendingDeletion.applies(buildEvidence({ account: pending }), CONTEXT)).toEqual(match);
    expect(pendingDeletion.applies(buildEvidence(), CONTEXT)).toEqual(noMatch);
  });

  it('powered_off_decommissioning and powered_off split on an open ticket', () => {
    const off = account({ device: buildDevice({ powerState: 'off' }) });
    const withTicket = buildEvidence({ account: off, decommissionTickets: ok([DECOM_TICKET]) });
    const closedTicket = buildEvidence({
      account: off,
      decommissionTickets: ok([{ ...DECOM_TICKET, state: 'closed' as const }]),
    });
    const noTicket = buildEvidence({ account: off });
    expect(poweredOffDecommissioning.applies(withTicket, CONTEXT)).toEqual(match);
    expect(poweredOff.applies(withTicket, CONTEXT)).toEqual(noMatch);
    expect(poweredOffDecommissioning.applies(closedTicket, CONTEXT)).toEqual(noMatch);
    expect(poweredOff.applies(closedTicket, CONTEXT)).toEqual(match);
    expect(poweredOff.applies(noTicket, CONTEXT)).toEqual(match);
    const unknownPower = buildEvidence({
      account: account({ device: buildDevice({ powerState: 'unknown' }) }),
    });
    expect(poweredOff.applies(unknownPower, CONTEXT)).toEqual(noMatch);
  });

  it('scanner_down: health known and not ready; no scanner, no rule', () => {
    expect(scannerDown.applies(buildEvidence({ scanner: scannerHealth({ ready: false }) }), CONTEXT)).toEqual(
      match,
    );
    expect(scannerDown.applies(buildEvidence(), CONTEXT)).toEqual(noMatch);
    expect(scannerDown.applies(buildEvidence({ scanner: null }), CONTEXT)).toEqual(noMatch);
  });

  it('not_in_asset_list / not_in_scan_zone: only for never-scanned targets', () => {
    const neverInNothing = buildEvidence({
      target: { neverScanned: true },
      assetLists: ok([]),
      scanZones: ok([]),
    });
    expect(notInAssetList.applies(neverInNothing, CONTEXT)).toEqual(match);
    expect(notInScanZone.applies(neverInNothing, CONTEXT)).toEqual(match);
    const scannedInNothing = buildEvidence({ assetLists: ok([]), scanZones: ok([]) });
    expect(notInAssetList.applies(scannedInNothing, CONTEXT)).toEqual(noMatch);
    expect(notInScanZone.applies(scannedInNothing, CONTEXT)).toEqual(noMatch);
    const neverButListed = buildEvidence({ target: { neverScanned: true } });
    expect(notInAssetList.applies(neverButListed, CONTEXT)).toEqual(noMatch);
    expect(notInScanZone.applies(neverButListed, CONTEXT)).toEqual(noMatch);
  });

  it('vlan_mismatch / interface_misconfigured: one side silent, the other unlisted', () => {
    const mismatch = buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' });
    const paired = buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/Carrier6' });
    expect(vlanMismatch.applies(mismatch, CONTEXT)).toEqual(match);
    expect(interfaceMisconfigured.applies(mismatch, CONTEXT)).toEqual(noMatch);
    expect(vlanMismatch.applies(paired, CONTEXT)).toEqual(noMatch);
    expect(interfaceMisconfigured.applies(paired, CONTEXT)).toEqual(match);
  });

  it('no partial case when both interfaces are listed, the target answers, or the device has one IP', () => {
    const vlans = { publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' };
    const bothListed = buildPartialEvidence(vlans, {
      sibling: { ip: '169.60.1.11', interface: 'public', listed: true },
    });
    expect(vlanMismatch.applies(bothListed, CONTEXT)).toEqual(noMatch);
    expect(classify(bothListed, CONTEXT).category).toBe('unreachable');
    const answers = buildPartialEvidence(vlans, { reachability: reach({ ping: true }) });
    expect(vlanMismatch.applies(answers, CONTEXT)).toEqual(noMatch);
    const oneIp = buildPartialEvidence(vlans, {
      account: account({ device: buildDevice({ publicIp: null }) }),
      sibling: null,
    });
    expect(vlanMismatch.applies(oneIp, CONTEXT)).toEqual(noMatch);
  });

  it('an unknown VLAN name claims neither partial rule: the target goes on to unreachable', () => {
    const unnamed = buildPartialEvidence({ publicVlan: null, privateVlan: 'Prod/CSMG/B' });
    expect(vlanMismatch.applies(unnamed, CONTEXT)).toEqual(noMatch);
    expect(interfaceMisconfigured.applies(unnamed, CONTEXT)).toEqual(noMatch);
    expect(classify(unnamed, CONTEXT).category).toBe('unreachable');
  });

  it('a partial case whose probe was skipped is check_failed on ping', () => {
    const skipped = buildPartialEvidence(
      { publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' },
      { reachability: null, probeSkipped: 'no scanner is known for this environment' },
    );
    expect(vlanMismatch.applies(skipped, CONTEXT)).toMatchObject({ kind: 'inconclusive' });
  });

  it('unreachable / reachable split on ping; a failed probe is inconclusive', () => {
    expect(unreachable.applies(buildEvidence({ reachability: reach({ ping: false }) }), CONTEXT)).toEqual(
      match,
    );
    expect(unreachable.applies(buildEvidence(), CONTEXT)).toEqual(noMatch);
    const probeFailed = buildEvidence({ reachability: failed('ping', 'probe', 'ssh to scanner timed out') });
    expect(unreachable.applies(probeFailed, CONTEXT)).toEqual({
      kind: 'inconclusive',
      failed: [{ check: 'ping', system: 'probe', reason: 'ssh to scanner timed out' }],
    });
    expect(reachable.applies(buildEvidence(), CONTEXT)).toEqual(match);
  });
});
