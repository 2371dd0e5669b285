/**
 * The categories in the order their rules are tried (first match wins; the order is tested against
 * the design). Everything else about categories is derived from this list: the JSON names, the
 * thread's order, the labels.
 */
import { checkFailed } from './check-failed.js';
import { managementIpUnreachable } from './management-ip-unreachable.js';
import { notInAssetList, notInScanZone } from './never-scanned.js';
import { noDevice } from './no-device.js';
import { notInAccount } from './not-in-account.js';
import { interfaceMisconfigured, vlanMismatch } from './partial-interface.js';
import { pendingDeletion } from './pending-deletion.js';
import { poweredOff, poweredOffDecommissioning } from './powered-off.js';
import { reachable } from './reachable.js';
import { scannerDown } from './scanner-down.js';
import { staleScan } from './stale-scan.js';
import { unreachable } from './unreachable.js';

export const CATEGORY_DESCRIPTORS = Object.freeze([
  checkFailed,
  notInAccount,
  pendingDeletion,
  managementIpUnreachable,
  noDevice,
  poweredOffDecommissioning,
  poweredOff,
  scannerDown,
  notInAssetList,
  notInScanZone,
  vlanMismatch,
  interfaceMisconfigured,
  unreachable,
  staleScan,
  reachable,
] as const);

type Descriptor = (typeof CATEGORY_DESCRIPTORS)[number];
export type Category = Descriptor['name'];

/** The JSON names, in the rules' order. */
export const CATEGORIES: readonly Category[] = Object.freeze(CATEGORY_DESCRIPTORS.map((d) => d.name));

const BY_NAME: ReadonlyMap<string, Descriptor> = new Map(CATEGORY_DESCRIPTORS.map((d) => [d.name, d]));

export function categoryDescriptor(name: Category): Descriptor {
  return BY_NAME.get(name) as Descriptor;
}

export function isCategory(value: string): value is Category {
  return BY_NAME.has(value);
}

/** The order of categories in Slack: what a person can settle now first (`threadRank`). */
export const THREAD_ORDER: readonly Category[] = Object.freeze(
  [...CATEGORY_DESCRIPTORS].sort((a, b) => a.threadRank - b.threadRank).map((d) => d.name),
);

export type { CategoryDescriptor, Guide } from './category.js';
