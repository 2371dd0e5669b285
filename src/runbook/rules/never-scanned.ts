import type { Check, Evidence } from '../evidence.js';
import { inconclusive, MATCH, NO_MATCH, need, type Rule, type RuleResult } from './rule.js';

/** The report says the scan was never attempted, and no Tenable.sc asset list holds the IP. */
export const notInAssetList: Rule = {
  category: 'not_in_asset_list',
  applies: (evidence) => neverScannedAndMissingFrom(evidence, evidence.assetLists),
};

/** The report says the scan was never attempted, and no Tenable.sc scan zone covers the IP. */
export const notInScanZone: Rule = {
  category: 'not_in_scan_zone',
  applies: (evidence) => neverScannedAndMissingFrom(evidence, evidence.scanZones),
};

function neverScannedAndMissingFrom(evidence: Evidence, holders: Check<readonly unknown[]>): RuleResult {
  if (!evidence.target.neverScanned) return NO_MATCH;
  const found = need(holders);
  if (!found.ok) return inconclusive(found.failed);
  return found.value.length === 0 ? MATCH : NO_MATCH;
}
