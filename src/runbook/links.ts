/**
 * Where a person goes next: the runbook section a finding comes from and the portals its fix uses.
 * Base URLs default to the runbook's own links; the configuration may override any of them.
 */
import type { Link } from './finding.js';

export interface LinkSettings {
  /** The runbook page; sections are reached by anchor. */
  runbook: string;
  /** Inventory dashboard servers view; the search term is appended as `search=`. */
  inventoryDashboard: string;
  infrastructurePortal: string;
  /** IBM Cloud classic devices list (OS reload of a scanner). */
  classicDevices: string;
  conductorsTickets: string;
  /** IBM Cloud Employee Service Portal: service requests to the SOS team. */
  sosServiceRequest: string;
  /** SOS support ticket form (re-initialise a reloaded scanner). */
  sosSupportTicket: string;
  /** SOS portal inventory: VLANs by scan zone. */
  sosPortal: string;
  securityCenter: string;
  netintRequest: string;
  kvmAccess: string;
  scanListGeneratorRunbook: string;
  vlanScanZoneClassifierRunbook: string;
}

const RUNBOOKS = 'https://pages.github.ibm.com/alchemy-conductors/documentation-pages/docs/runbooks';

export const DEFAULT_LINKS: LinkSettings = Object.freeze({
  runbook: `${RUNBOOKS}/nessus_scan_gap_alert.html`,
  inventoryDashboard: 'https://w3.sos.ibm.com/inventory.nsf/servers.xsp?c_code=alc',
  infrastructurePortal: 'https://control.softlayer.com/',
  classicDevices: 'https://cloud.ibm.com/classic/devices',
  conductorsTickets: 'https://github.ibm.com/alchemy-conductors/team/issues',
  sosServiceRequest: 'https://watson.service-now.com/ess_portal',
  sosSupportTicket:
    'https://ibm.service-now.com/nav_to.do?uri=%2Fcom.glideapp.servicecatalog_cat_item_view.do%3Fv%3D1%26sysparm_id%3D45ef56a7db7c4c10c717e9ec0b96193a%26sysparm_link_parent%3D109f0438c6112276003ae8ac13e7009d%26sysparm_catalog%3De0d08b13c3330100c8b837659bba8fb4%26sysparm_catalog_view%3Dcatalog_default%26sysparm_view%3Dcatalog_default',
  sosPortal: 'https://w3.sos.ibm.com/inventory.nsf/index.xsp?c_code=alc',
  securityCenter: 'https://w3.sos.ibm.com/sccv/',
  netintRequest: 'https://github.ibm.com/alchemy-netint/firewall-requests/issues/new',
  kvmAccess: `${RUNBOOKS}/kvm_access.html`,
  scanListGeneratorRunbook: `${RUNBOOKS}/compliance_nessus_scan_ip_list_generator.html`,
  vlanScanZoneClassifierRunbook: `${RUNBOOKS}/compliance_sos_vlan_scan_zone_classifier.html`,
});

/** Defaults with the given overrides on top (undefined overrides keep the default). */
export function resolveLinks(overrides: Partial<LinkSettings> = {}): LinkSettings {
  const resolved: LinkSettings = { ...DEFAULT_LINKS };
  for (const key of Object.keys(resolved) as (keyof LinkSettings)[]) {
    const value = overrides[key];
    if (value) resolved[key] = value;
  }
  return resolved;
}

/** Section titles of the runbook as written there, markup removed (their anchors derive from them). */
export const RUNBOOK_SECTIONS = {
  tracking: 'Tracking down the problems in the raised GHE issue',
  poweredOff: 'Powered off machines',
  notInAccount: 'Does the machine exist in our accounts?',
  noMachine: 'IP exists but no machine when querying netmax',
  neverScanned: 'Machine is reported as Scan attempted: never',
  assetList: 'Step 1: Verify the asset list is correct',
  scanZone: 'Step 2: Verify VLANs in SOS are associated with a scan zone',
  staleScan: 'Machine reports scan date > 1 year',
  onlyOneInterface: "Only one of public/private IP address for the machine doesn't work",
  beingDeleted: 'Machine is being deleted',
  uncontactable: 'Other Uncontactable machines',
  ownerSaysPings: 'What if the machine owner says that the machine does respond to ping',
  scannerState: 'Checking the state of the Scanner nodes',
  scannerDown: 'Scanner is down/unreachable?',
  sosHelp: 'Obtaining help from the SOS Team',
} as const;

export type RunbookSection = keyof typeof RUNBOOK_SECTIONS;

/** The header id the runbook's Jekyll (kramdown) build gives a section title. */
export function runbookAnchor(title: string): string {
  return title
    .replace(/^[^a-zA-Z]+/, '')
    .replace(/[^a-zA-Z0-9 -]/g, '')
    .replace(/ /g, '-')
    .toLowerCase();
}

export function runbookLink(links: LinkSettings, section: RunbookSection): Link {
  const title = RUNBOOK_SECTIONS[section];
  return { label: `Runbook: ${title}`, url: `${links.runbook}#${runbookAnchor(title)}` };
}

/** The inventory dashboard with the IP (or name) already searched. */
export function inventorySearchLink(links: LinkSettings, term: string): Link {
  return { label: `Inventory: search ${term}`, url: withQuery(links.inventoryDashboard, 'search', term) };
}

/** Open and closed Conductors team tickets mentioning the term. */
export function conductorsSearchLink(links: LinkSettings, term: string): Link {
  return {
    label: `Conductors team tickets: search ${term}`,
    url: withQuery(links.conductorsTickets, 'q', `is:issue ${term}`),
  };
}

export function withQuery(base: string, key: string, value: string): string {
  const separator = base.includes('?') ? (/[?&]$/.test(base) ? '' : '&') : '?';
  return `${base}${separator}${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
}
