/**
 * "Machine is reported as `Scan attempted: never`": step 1, the asset list; step 2, the VLAN's scan
 * zone. Each rule needs only its own Tenable.sc check.
 */
import type { Check, Evidence } from '../evidence.js';
import { coverageLine, neverScannedLine, subnetOf, vlanText } from '../evidence-lines.js';
import { inconclusive, MATCH, NO_MATCH, need, type RuleResult } from '../rules/rule.js';
import { defineCategory } from './category.js';
import type { Facts } from './facts.js';

function neverScannedAndMissingFrom(evidence: Evidence, holders: Check<readonly unknown[]>): RuleResult {
  if (!evidence.target.neverScanned) return NO_MATCH;
  const found = need(holders);
  if (!found.ok) return inconclusive(found.failed);
  return found.value.length === 0 ? MATCH : NO_MATCH;
}

export const notInAssetList = defineCategory({
  name: 'not_in_asset_list',
  rule: (evidence) => neverScannedAndMissingFrom(evidence, evidence.assetLists),
  label: 'Not in an asset list',
  emoji: ':clipboard:',
  hint: 'debug the scan list generator (never edit asset lists by hand)',
  fact: 'was in no asset list',
  section: 'assetList',
  threadRank: 10,
  needsPerson: false,
  offers: ['recheck'],
  guide: (f) => ({
    summary: 'Never scanned: the IP is in no Tenable.sc asset list, so the scan list generator missed it',
    evidence: [
      neverScannedLine(f.ip),
      coverageLine(f.ip, f.evidence.assetLists, 'asset list'),
      coverageLine(f.ip, f.evidence.scanZones, 'scan zone'),
    ],
    fixes: [
      'Do not add the IP to an asset list by hand: the lists are generated, and a manual edit would be overwritten.',
      `Follow the scan list generator runbook to find out why ${f.ip} (${f.host}) was left out, and fix the generator.`,
      'Press Re-check after the next generation run to see the IP in a list.',
    ],
    links: [{ label: 'Scan list generator runbook', url: f.context.links.scanListGeneratorRunbook }],
  }),
});

export const notInScanZone = defineCategory({
  name: 'not_in_scan_zone',
  rule: (evidence) => neverScannedAndMissingFrom(evidence, evidence.scanZones),
  label: 'No scan zone',
  emoji: ':world_map:',
  hint: 'associate the VLAN with a scan zone + publish',
  fact: 'was in no scan zone',
  section: 'scanZone',
  threadRank: 9,
  needsPerson: false,
  offers: ['recheck'],
  guide(f) {
    const vlan = vlanOfTarget(f);
    return {
      summary: 'Never scanned: no scan zone covers the IP, so its VLAN needs a scan zone in SOS',
      evidence: [
        neverScannedLine(f.ip),
        coverageLine(f.ip, f.evidence.scanZones, 'scan zone'),
        ...(vlan ? [`${f.ip} is on VLAN ${vlan}`] : []),
      ],
      fixes: [
        `In the SOS portal (c_code ALC, or ALC_FR2 if needed), open Inventory > Network > VLANs by scanzone and find ${vlan ? `VLAN ${vlan}` : `the VLAN of ${f.ip}`}.`,
        'A red circle in the scan subnet column means no scan zone: edit the VLAN record and associate it with the right zone. A yellow triangle means associated but not yet published. Green means the VLAN is fine: look at the other causes.',
        'Then publish: on the Security center tab open the zone record and press "publish to security center"; the next scheduled scan picks the machine up.',
      ],
      links: [
        { label: 'SOS portal: VLANs by scan zone', url: f.context.links.sosPortal },
        { label: 'VLAN scan zone classifier runbook', url: f.context.links.vlanScanZoneClassifierRunbook },
        { label: 'Security Center', url: f.context.links.securityCenter },
      ],
    };
  },
});

/** The VLAN the target IP sits on: its interface's VLAN on the device, else the subnet's. */
function vlanOfTarget(f: Facts): string | null {
  const device = f.device;
  if (device?.matchedAs === 'public' && device.publicVlan) return vlanText(device.publicVlan);
  if (device?.matchedAs === 'private' && device.privateVlan) return vlanText(device.privateVlan);
  const subnet = subnetOf(f.evidence);
  return subnet?.vlan ? vlanText(subnet.vlan) : null;
}
