/**
 * The words people read for each category and action. These are our own constants, never untrusted
 * text, so renderers may put them where escaping is impossible (a mermaid label, an HTML `<summary>`);
 * a test keeps them free of quotes, angle brackets, ampersands and line breaks.
 */
import type { ActionName, Category } from '../model.js';

/** Short human name of each category. */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = Object.freeze({
  check_failed: 'Could not check',
  not_in_account: 'Not in our account',
  management_ip_unreachable: 'IPMI not answering',
  no_device: 'No device on the IP',
  pending_deletion: 'Pending deletion',
  powered_off_decommissioning: 'Powered off, being decommissioned',
  powered_off: 'Powered off',
  scanner_down: 'Scanner not ready',
  not_in_asset_list: 'Not in an asset list',
  not_in_scan_zone: 'No scan zone',
  stale_scan: 'Last scan over a year ago',
  vlan_mismatch: 'VLANs do not pair',
  interface_misconfigured: 'Interface misconfigured',
  unreachable: 'Unreachable',
  reachable: 'Reachable, not scanned yet',
});

/** One line: what to do about the category (the runbook's fix, shortened). */
export const CATEGORY_HINTS: Readonly<Record<Category, string>> = Object.freeze({
  check_failed: 're-check; the finding says which check failed and why',
  not_in_account: 'mark NOTALCHEMY in Inventory',
  management_ip_unreachable: 'IPMI ticket: refresh the switch configuration',
  no_device: 'confirm in the portal, then mark NOTALCHEMY',
  pending_deletion: 'request reclaim + mark PENDING-DELETION',
  powered_off_decommissioning: 'finish the cancellation + mark PENDING-DELETION',
  powered_off: 'power on, or decommission',
  scanner_down: 'reset nessusd on the scanner, else OS reload + SOS ticket',
  not_in_asset_list: 'debug the scan list generator (never edit asset lists by hand)',
  not_in_scan_zone: 'associate the VLAN with a scan zone + publish',
  stale_scan: 'SOS service request: scan tooling bug',
  vlan_mismatch: 'move the machine by ticket, or reprovision',
  interface_misconfigured: 'configure the interface on the host, or remove it by ticket',
  unreachable: 'owner opens the firewall for ping; reboot',
  reachable: 'launch a scan, or wait for the next cycle',
});

/** A Slack emoji shortcode per category (standard emoji only, no custom ones). */
export const CATEGORY_EMOJI: Readonly<Record<Category, string>> = Object.freeze({
  check_failed: ':warning:',
  not_in_account: ':no_entry:',
  management_ip_unreachable: ':electric_plug:',
  no_device: ':ghost:',
  pending_deletion: ':wastebasket:',
  powered_off_decommissioning: ':hourglass_flowing_sand:',
  powered_off: ':zzz:',
  scanner_down: ':satellite_antenna:',
  not_in_asset_list: ':clipboard:',
  not_in_scan_zone: ':world_map:',
  stale_scan: ':calendar:',
  vlan_mismatch: ':twisted_rightwards_arrows:',
  interface_misconfigured: ':wrench:',
  unreachable: ':x:',
  reachable: ':signal_strength:',
});

/** What was true of a target in the category, to follow its IP in a sentence ("10.1.2.3 was ..."). */
export const CATEGORY_FACTS: Readonly<Record<Category, string>> = Object.freeze({
  check_failed: 'could not be fully checked',
  not_in_account: 'was not in the IBM Cloud account',
  management_ip_unreachable: 'was an IPMI address that did not answer ping',
  no_device: 'was in an account subnet but on no device',
  pending_deletion: 'was pending deletion',
  powered_off_decommissioning: 'was powered off for decommissioning',
  powered_off: 'was powered off',
  scanner_down: 'had a scanner that was not ready',
  not_in_asset_list: 'was in no asset list',
  not_in_scan_zone: 'was in no scan zone',
  stale_scan: 'had not been scanned for over a year',
  vlan_mismatch: 'was on VLANs that do not pair',
  interface_misconfigured: 'had a misconfigured interface',
  unreachable: 'did not answer ping from its scanner',
  reachable: 'answered its scanner',
});

/**
 * What an action does to a finding, for its wording: the action itself, except `power_on` on an
 * unreachable machine, which is a reboot (DESIGN.md): the machine is on but does not answer, so
 * powering it on would do nothing. Every wording table has a row per verb.
 */
export type ActionVerb = ActionName | 'reboot';

export function verbOf(action: ActionName, category?: Category): ActionVerb {
  return action === 'power_on' && category === 'unreachable' ? 'reboot' : action;
}

/** The button text of an action on a finding of `category`. */
export function actionLabel(action: ActionName, category?: Category): string {
  return ACTION_LABELS[verbOf(action, category)];
}

/** Button text of each verb. */
export const ACTION_LABELS: Readonly<Record<ActionVerb, string>> = Object.freeze({
  mark_notalchemy: 'Mark NOTALCHEMY',
  mark_pending_deletion: 'Mark PENDING-DELETION',
  request_reclaim: 'Request reclaim',
  open_ipmi_ticket: 'Open IPMI ticket',
  power_on: 'Power on',
  reboot: 'Reboot',
  launch_scan: 'Launch scan',
  recheck: 'Re-check',
});

/**
 * Categories in which the investigation found no cause a button or a runbook step settles: a check
 * could not be made, the host does not answer for a reason only its owner can find, or nothing is
 * wrong at all. Headlines count these as "need a person"; every other category is a "cause found".
 */
export const NEEDS_A_PERSON: ReadonlySet<Category> = new Set<Category>([
  'check_failed',
  'unreachable',
  'reachable',
]);
