/** The runbook as rules, in the order of the design's table: first match wins, and the order is tested. */
import { managementIpUnreachable } from './management-ip-unreachable.js';
import { notInAssetList, notInScanZone } from './never-scanned.js';
import { noDevice } from './no-device.js';
import { notInAccount } from './not-in-account.js';
import { interfaceMisconfigured, vlanMismatch } from './partial-interface.js';
import { pendingDeletion } from './pending-deletion.js';
import { poweredOff, poweredOffDecommissioning } from './powered-off.js';
import { reachable, unreachable } from './reachability.js';
import type { Rule } from './rule.js';
import { scannerDown } from './scanner-down.js';
import { staleScan } from './stale-scan.js';

/** `check_failed` is no rule of its own: it is what the first inconclusive rule makes of a target. */
export const RULES: readonly Rule[] = Object.freeze([
  notInAccount,
  managementIpUnreachable,
  noDevice,
  pendingDeletion,
  poweredOffDecommissioning,
  poweredOff,
  scannerDown,
  notInAssetList,
  notInScanZone,
  staleScan,
  vlanMismatch,
  interfaceMisconfigured,
  unreachable,
  reachable,
]);

export type { DiagnosedCategory, Rule, RuleContext, RuleResult } from './rule.js';
