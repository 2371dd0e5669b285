/** One literal evidence per category: the smallest story that leads the rules to it. */

import type { Evidence } from '../../../src/runbook/evidence.js';
import { failed, ok } from '../../../src/runbook/evidence.js';
import type { Category } from '../../../src/runbook/model.js';
import {
  account,
  buildDevice,
  buildEvidence,
  buildPartialEvidence,
  buildSubnet,
  reach,
  scannerHealth,
  ticket,
} from './evidence-builder.js';

export const DECOM_TICKET = ticket();

export const CATEGORY_EXAMPLES: Readonly<Record<Category, Evidence>> = {
  check_failed: buildEvidence({ account: failed('account_devices', 'softlayer', 'HTTP 503 after 3 tries') }),
  not_in_account: buildEvidence({
    account: account({ device: null, subnet: null }),
    reachability: null,
    probeSkipped: 'the IP is outside the account',
  }),
  management_ip_unreachable: buildEvidence({
    target: { ip: '10.10.9.11', interface: 'management' },
    account: account({ device: buildDevice({ matchedAs: 'management' }) }),
    reachability: reach({ ping: false, tcp22: null }),
  }),
  no_device: buildEvidence({ account: account({ device: null, subnet: buildSubnet() }) }),
  pending_deletion: buildEvidence({
    account: account({
      device: buildDevice({ powerState: 'off', cancellation: { date: '2026-12-01', ticketId: 88004 } }),
    }),
  }),
  powered_off_decommissioning: buildEvidence({
    account: account({ device: buildDevice({ powerState: 'off' }) }),
    decommissionTickets: ok([DECOM_TICKET]),
  }),
  powered_off: buildEvidence({ account: account({ device: buildDevice({ powerState: 'off' }) }) }),
  scanner_down: buildEvidence({ scanner: scannerHealth({ ready: false, status: 'loading' }) }),
  not_in_asset_list: buildEvidence({ target: { neverScanned: true, lastScan: null }, assetLists: ok([]) }),
  not_in_scan_zone: buildEvidence({ target: { neverScanned: true, lastScan: null }, scanZones: ok([]) }),
  stale_scan: buildEvidence({
    target: { lastScan: '2024-03-02' },
    lastScan: ok({ lastAuthRun: null, lastUnauthRun: '2024-01-05T00:00:00Z' }),
  }),
  vlan_mismatch: buildPartialEvidence({ publicVlan: 'Prod/Carrier6', privateVlan: 'Prod/CSMG/B' }),
  interface_misconfigured: buildPartialEvidence({ publicVlan: 'Prod/CSMG/F', privateVlan: 'Prod/CSMG/B' }),
  unreachable: buildEvidence({ reachability: reach({ ping: false, tcp22: true }) }),
  reachable: buildEvidence(),
};
