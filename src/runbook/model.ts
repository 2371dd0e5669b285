/**
 * The vocabulary of the runbook, shared by every layer. The string values are part of the stable
 * JSON contract (CONTRACT.md sections 3, 4 and 8): never rename them.
 */

/** Diagnosis categories, in the order the rules are tried (first match wins). */
export const CATEGORIES = [
  'check_failed',
  'not_in_account',
  'management_ip_unreachable',
  'no_device',
  'pending_deletion',
  'powered_off_decommissioning',
  'powered_off',
  'scanner_down',
  'not_in_asset_list',
  'not_in_scan_zone',
  'stale_scan',
  'vlan_mismatch',
  'interface_misconfigured',
  'unreachable',
  'reachable',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** What a person can do about a finding; button `action_id`s start with these names. */
export const ACTIONS = [
  'mark_notalchemy',
  'mark_pending_deletion',
  'request_reclaim',
  'open_ipmi_ticket',
  'power_on',
  'launch_scan',
  'recheck',
] as const;
export type ActionName = (typeof ACTIONS)[number];

export type InterfaceKind = 'public' | 'private' | 'management' | 'unknown';

/** One unscanned IP as the gap report lists it (CONTRACT.md section 3). */
export interface Target {
  ip: string;
  interface: InterfaceKind;
  hostname: string | null;
  environment: string | null;
  /** The report says the scan was never attempted on this interface. */
  neverScanned: boolean;
  /** Last scan date from the report, `YYYY-MM-DD`. */
  lastScan: string | null;
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function isActionName(value: string): value is ActionName {
  return (ACTIONS as readonly string[]).includes(value);
}
