/**
 * The order of the categories in Slack (the summary's lines and the thread's replies). Unlike the
 * rules' order (`CATEGORIES`, first match wins), it puts first what a person can settle now:
 * 1. inventory corrections, one click each (not ours, no device, being deleted);
 * 2. machines that need power or an infrastructure ticket;
 * 3. hosts whose owners must act (unreachable);
 * 4. scan tooling work (scanner, scan zone, asset list, VLANs, interface, stale scans);
 * 5. checks that could not be made (re-check once the system is back);
 * 6. reachable targets, where nothing is wrong and the next scan cycle settles it.
 */
import type { Category } from '../../runbook/model.js';

export const THREAD_ORDER: readonly Category[] = Object.freeze([
  'not_in_account',
  'no_device',
  'pending_deletion',
  'powered_off_decommissioning',
  'powered_off',
  'management_ip_unreachable',
  'unreachable',
  'scanner_down',
  'not_in_scan_zone',
  'not_in_asset_list',
  'vlan_mismatch',
  'interface_misconfigured',
  'stale_scan',
  'check_failed',
  'reachable',
] satisfies Category[]);

/** Sorts anything with a category into `THREAD_ORDER`. */
export function inThreadOrder<T extends { category: Category }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => THREAD_ORDER.indexOf(a.category) - THREAD_ORDER.indexOf(b.category));
}
