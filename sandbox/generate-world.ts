/**
 * A generated sandbox world of N unscanned targets that mixes every diagnosis category (except
 * check_failed, which faults produce), for the scale tests and the benchmark. Deterministic: the
 * same N gives the same world. Category k of target i is `i % 14`, in the order of the rules table.
 *
 * Dead hosts: `deadShare` of the IPs the bot probes (targets in our accounts, and the private
 * siblings of the public ones) are silent and left to their wait (the network emulator charges it).
 * The targets that are silent by their category (unreachable, a management card, a misrouted
 * public interface) come first; past their share, other probed targets, evenly spread, become
 * `unreachable` ones (their expected category says so); below it, the silent ones not picked
 * refuse at once and cost nothing, so `deadShare: 0` is the world as before.
 */
import { type ScenarioInput, validateScenario } from './scenario.js';

export const GENERATED_CATEGORIES = [
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

export type GeneratedCategory = (typeof GENERATED_CATEGORIES)[number];

export interface GeneratedWorld {
  scenario: ReturnType<typeof validateScenario>;
  /** The category each target should get, by IP. */
  expected: Map<string, GeneratedCategory>;
  /** IPs the bot probes, and how many of them are dead (silent, costing their wait). */
  probed: { ips: number; dead: number };
}

/** Categories whose target answers nothing by nature. */
const SILENT: ReadonlySet<GeneratedCategory> = new Set([
  'management_ip_unreachable',
  'vlan_mismatch',
  'interface_misconfigured',
  'unreachable',
]);
/** Categories the bot does not probe (the IP is not ours). */
const UNPROBED: ReadonlySet<GeneratedCategory> = new Set(['not_in_account']);
/** Categories with a second, answering, IP that is probed too (the private sibling). */
const WITH_SIBLING: ReadonlySet<GeneratedCategory> = new Set(['vlan_mismatch', 'interface_misconfigured']);
/** The largest dead share a generated world can have (every probed IP but the siblings). */
export const MAX_DEAD_SHARE = 0.85;

/** Picks `count` of `eligible` items spread evenly: is the k-th (0-based) one picked? */
const spread = (count: number, eligible: number) => (k: number) =>
  eligible > 0 && Math.floor(((k + 1) * count) / eligible) > Math.floor((k * count) / eligible);

const GAP_REPO = 'alchemy-conductors/alcatraz';
const DECOM_REPO = 'alchemy-conductors/team';
const ISSUE = 9001;
const RECENT = '1789000000'; // 2026-09-09: an authenticated run inside the last year
const DAY = '2026-10-02';

/** IPs by block: each block is a /16 whose coverage by zones and asset lists is fixed. */
function ip(block: number, i: number): string {
  return `10.${block}.${(i >> 8) & 255}.${i & 255}`;
}

export interface GenerateOptions {
  /** The gap issue is also filed under the next `copies - 1` numbers (9002, 9003, ...): several investigations at once. */
  copies?: number;
  /** Share (0..MAX_DEAD_SHARE) of probed IPs that are dead; default 0, the world as it always was. */
  deadShare?: number;
}

/** How many dead IPs the share asks for, and which targets give them. */
function deadPlan(n: number, share: number) {
  if (!(share >= 0 && share <= MAX_DEAD_SHARE))
    throw new Error(`deadShare must be between 0 and ${MAX_DEAD_SHARE} (got ${share})`);
  let probed = 0;
  let silent = 0;
  for (let i = 0; i < n; i++) {
    const category = GENERATED_CATEGORIES[i % GENERATED_CATEGORIES.length] as GeneratedCategory;
    if (UNPROBED.has(category)) continue;
    probed += WITH_SIBLING.has(category) ? 2 : 1;
    if (SILENT.has(category)) silent++;
  }
  const dead = Math.round(share * probed);
  const convertible = n - silent - Math.ceil(n / GENERATED_CATEGORIES.length);
  return {
    probed,
    dead,
    silentDead: spread(Math.min(dead, silent), silent),
    converted: spread(Math.max(0, dead - silent), convertible),
  };
}

export function generateWorld(n: number, options: GenerateOptions = {}): GeneratedWorld {
  const dead = deadPlan(n, options.deadShare ?? 0);
  let silentSeen = 0;
  let convertibleSeen = 0;
  const rows: string[] = [];
  const hardware: Record<string, unknown>[] = [];
  const virtualGuests: Record<string, unknown>[] = [];
  const issues: NonNullable<NonNullable<ScenarioInput['github']>['issues']> = [];
  const ipSummary: Record<string, unknown>[] = [];
  const servers: { id: string; hostname: string; ip: string; environment: string; application: string }[] =
    [];
  const network: Record<string, { ping: boolean; tcp22: boolean; refused?: boolean }> = {};
  const expected = new Map<string, GeneratedCategory>();

  const vsi = (id: number, host: string, privateIp: string, extra: Record<string, unknown> = {}) => {
    virtualGuests.push({
      id,
      hostname: host,
      domain: 'alchemy.ibm.com',
      fullyQualifiedDomainName: `${host}.alchemy.ibm.com`,
      primaryBackendIpAddress: privateIp,
      datacenter: { name: 'dal10' },
      powerState: { keyName: 'RUNNING', name: 'Running' },
      status: { keyName: 'ACTIVE', name: 'Active' },
      networkVlans: [{ id: 3100, vlanNumber: 1100, name: 'Prod/Carrier4', networkSpace: 'PRIVATE' }],
      billingItem: { id: 500000 + id, cancellationDate: null },
      activeTickets: [],
      ...extra,
    });
  };

  for (let i = 0; i < n; i++) {
    let category = GENERATED_CATEGORIES[i % GENERATED_CATEGORIES.length] as GeneratedCategory;
    let refused = false;
    if (SILENT.has(category)) refused = !dead.silentDead(silentSeen++);
    else if (!UNPROBED.has(category) && dead.converted(convertibleSeen++)) category = 'unreachable';
    const host = `prod-dal10-gen-${category.replaceAll('_', '-')}-${i}`;
    let target = ip(100, i);
    let env = 'PROD-US-SOUTH';
    let iface = 'private';
    let attempted = 'yes';
    let lastScan = DAY;
    let ping = true;
    const id = 100000 + i;
    switch (category) {
      case 'not_in_account':
        target = ip(250, i);
        break;
      case 'management_ip_unreachable':
        iface = 'IPMI';
        ping = false;
        hardware.push({
          id,
          hostname: host,
          domain: 'alchemy.ibm.com',
          fullyQualifiedDomainName: `${host}.alchemy.ibm.com`,
          primaryBackendIpAddress: ip(101, i),
          networkManagementIpAddress: target,
          datacenter: { name: 'dal10' },
          hardwareStatus: { id: 5, status: 'ACTIVE' },
          networkVlans: [{ id: 3100, vlanNumber: 1100, name: 'Prod/Carrier4', networkSpace: 'PRIVATE' }],
          billingItem: { id: 500000 + id, cancellationDate: null },
          activeTickets: [],
          serverPowerState: 'on',
        });
        break;
      case 'no_device':
        break;
      case 'pending_deletion':
        vsi(id, host, target, {
          billingItem: { id: 500000 + id, cancellationDate: '2099-12-01T00:00:00-06:00' },
          // SoftLayer's own ticket of the cancellation: where a reclaim can be asked.
          activeTickets: [
            {
              id: 800000 + i,
              title: 'Virtual Server Cancellation - 11/20/26',
              status: { id: 1001, name: 'Open' },
            },
          ],
        });
        break;
      case 'powered_off_decommissioning':
        vsi(id, host, target, { powerState: { keyName: 'HALTED', name: 'Halted' } });
        issues.push({
          repo: DECOM_REPO,
          number: 10000 + i,
          title: `Decommission ${host}`,
          state: 'open',
          body: `Powered off ${host} (${target}) ahead of its cancellation.`,
        });
        break;
      case 'powered_off':
        vsi(id, host, target, { powerState: { keyName: 'HALTED', name: 'Halted' } });
        break;
      case 'scanner_down':
        target = ip(20, i);
        env = 'STAGE';
        vsi(id, host, target);
        break;
      case 'not_in_asset_list':
        target = ip(252, i);
        attempted = 'never';
        lastScan = '';
        vsi(id, host, target);
        break;
      case 'not_in_scan_zone':
        target = ip(251, i);
        attempted = 'never';
        lastScan = '';
        vsi(id, host, target);
        break;
      case 'stale_scan':
        lastScan = '2024-06-01';
        vsi(id, host, target);
        break;
      case 'vlan_mismatch':
      case 'interface_misconfigured': {
        const privateIp = target;
        target = `169.60.${(i >> 8) & 255}.${i & 255}`;
        iface = 'public';
        ping = false;
        vsi(id, host, privateIp, {
          primaryIpAddress: target,
          networkVlans: [
            {
              id: 3201,
              vlanNumber: 1201,
              name: category === 'vlan_mismatch' ? 'Prod/Carrier6' : 'Prod/CSMG/F',
              networkSpace: 'PUBLIC',
            },
            { id: 3202, vlanNumber: 1202, name: 'Prod/CSMG/B', networkSpace: 'PRIVATE' },
          ],
        });
        network[privateIp] = { ping: true, tcp22: true };
        ipSummary.push({
          ip: privateIp,
          dnsName: host,
          lastAuthRun: RECENT,
          lastUnauthRun: '',
          repository: { id: '1', name: 'Main' },
        });
        break;
      }
      case 'unreachable':
        ping = false;
        vsi(id, host, target);
        break;
      case 'reachable':
        vsi(id, host, target);
        ipSummary.push({
          ip: target,
          dnsName: host,
          lastAuthRun: RECENT,
          lastUnauthRun: '',
          repository: { id: '1', name: 'Main' },
        });
        break;
    }
    if (ping) network[target] = { ping: true, tcp22: true };
    else if (refused) network[target] = { ping: false, tcp22: false, refused: true };
    rows.push(`| ${host} | ${target} | ${iface} | ${env} | ${attempted} | ${lastScan} |`);
    servers.push({ id: String(id), hostname: host, ip: target, environment: env, application: 'armada' });
    expected.set(target, category);
  }

  const subnets: Record<string, unknown>[] = [];
  for (const block of [100, 101, 20, 251, 252]) {
    subnets.push({
      id: 9000 + block,
      networkIdentifier: `10.${block}.0.0`,
      cidr: 16,
      subnetType: 'PRIMARY',
      addressSpace: 'PRIVATE',
      networkVlan: { id: 3100 + block, vlanNumber: 1100 + block, name: 'Prod/Carrier4' },
      datacenter: { name: 'dal10' },
    });
  }
  subnets.push({
    id: 9600,
    networkIdentifier: '169.60.0.0',
    cidr: 16,
    subnetType: 'PRIMARY',
    addressSpace: 'PUBLIC',
    networkVlan: { id: 3201, vlanNumber: 1201, name: 'Prod/Carrier6' },
    datacenter: { name: 'dal10' },
  });

  const body = [
    '## GAP ALERT - unscanned machines require investigation',
    '',
    `${n} machines of C_CODE ALC were not scanned in the last cycle.`,
    '',
    '| Host | IP Address | Interface | Environment | Scan attempted | Last scan |',
    '|------|------------|-----------|-------------|----------------|-----------|',
    ...rows,
  ].join('\n');
  const copies = Math.max(1, options.copies ?? 1);
  for (let copy = copies - 1; copy >= 0; copy--) {
    issues.unshift({
      repo: GAP_REPO,
      number: ISSUE + copy,
      title: 'GAP ALERT - unscanned machines require investigation',
      state: 'open',
      body,
    });
  }

  const scenario = validateScenario(
    {
      github: { gapRepo: GAP_REPO, decomRepo: DECOM_REPO, gapIssue: ISSUE, issues },
      softlayer: { hardware, virtualGuests, subnets, tickets: [] },
      tenable: {
        zones: [
          {
            id: '7',
            name: 'DAL10-private',
            ipList: '10.100.0.0/15,10.252.0.0/16',
            scanners: [{ id: '3', name: 'prod-dal09-infra-nessus-01' }],
          },
          {
            id: '8',
            name: 'DAL10-public',
            ipList: '169.60.0.0/16',
            scanners: [{ id: '3', name: 'prod-dal09-infra-nessus-01' }],
          },
          {
            id: '9',
            name: 'DAL09-stage',
            ipList: '10.20.0.0/16',
            scanners: [{ id: '4', name: 'stage-dal09-infra-nessus-01' }],
          },
        ],
        assets: [
          {
            id: '41',
            name: 'ALC DAL10 scan targets',
            type: 'static',
            typeFields: { definedIPs: '10.100.0.0/15,10.251.0.0/16,169.60.0.0/16' },
          },
          {
            id: '42',
            name: 'ALC DAL09 stage scan targets',
            type: 'static',
            typeFields: { definedIPs: '10.20.0.0/16' },
          },
        ],
        ipSummary,
        scanners: [
          { id: '3', name: 'prod-dal09-infra-nessus-01', status: '1', ip: '10.30.0.5' },
          { id: '4', name: 'stage-dal09-infra-nessus-01', status: '128', ip: '10.30.0.6' },
        ],
      },
      nessus: {
        'prod-dal09-infra-nessus-01': { status: 'ready' },
        'stage-dal09-infra-nessus-01': { status: 'loading', progress: 40 },
      },
      inventory: { servers },
      network,
      environments: { 'PROD-US-SOUTH': 'prod-dal09-infra-nessus-01', STAGE: 'stage-dal09-infra-nessus-01' },
    },
    `generated world of ${n}`,
  );
  return { scenario, expected, probed: { ips: dead.probed, dead: dead.dead } };
}
