/**
 * The evidence for a set of targets, gathered in batches: every account's devices and subnets, the
 * scan coverage and last scans, the tickets, both views of every scanner, then the probes (each IP
 * and each of its siblings once per scanner, in bounded batches per scanner). Nothing here is done
 * per target against an API that can batch; the diagnosis of the evidence is the runbook's
 * (src/runbook/diagnose.ts).
 */

import { indexAccount, siblingOf } from '../runbook/account-lookup.js';
import { indexCoverage } from '../runbook/coverage-match.js';
import { indexTickets } from '../runbook/decommission-match.js';
import type {
  AccountLookup,
  AccountSubnet,
  Check,
  Evidence,
  LastScan,
  Probe,
  Reachability,
  ScannerEvidence,
  ScannerHealth,
  TenableScannerView,
} from '../runbook/evidence.js';
import { failed, ok } from '../runbook/evidence.js';
import { parseIpList, rangesContain } from '../runbook/ip.js';
import type { Target } from '../runbook/model.js';
import { assignScanner } from '../runbook/scanner-map.js';
import type { InvestigateOptions, InvestigationDeps } from './investigate.js';
import type { AccountDevice, ScannerStatusApi, TenableScannerRecord } from './ports.js';
import { planBatches, runBatches } from './probe-batches.js';
import { mapCheck, settle } from './settle.js';
import { mapInTurns, yieldToLoop } from './yield-to-loop.js';

export interface GatheredEvidence {
  evidence: Evidence[];
  /** Every upstream check by system, to tell which systems were down altogether. */
  checks: SystemCheck[];
}

export type SystemCheck = [system: string, check: Check<unknown> | null];

type PartialEvidence = Omit<Evidence, 'probes' | 'probeSkipped' | 'sibling'> & {
  sibling: Omit<NonNullable<Evidence['sibling']>, 'probes'> | null;
};

export async function gatherEvidence(
  targets: readonly Target[],
  listed: readonly Target[],
  deps: InvestigationDeps,
  options: InvestigateOptions = {},
): Promise<GatheredEvidence> {
  const { settings } = deps;
  const total = targets.length;
  const ips = targets.map((t) => t.ip);
  options.onProgress?.({ phase: 'lookups', done: 0, total });

  const terms = [...new Set(targets.flatMap((t) => (t.hostname ? [t.ip, t.hostname] : [t.ip])))];
  const scannerNames = new Set<string>(deps.scanners.configured());
  for (const value of Object.values(settings.environments)) {
    for (const name of typeof value === 'string' ? [value] : value) scannerNames.add(name);
  }
  const accounts = deps.infra.accounts;
  const power = { powerStateForIps: new Set(ips) };

  const [devices, subnets, zones, assets, tickets, lastScans, nessus, tenableScanners] = await Promise.all([
    Promise.all(
      accounts.map((a) => settle('account_devices', 'softlayer', () => deps.infra.listDevices(a, power))),
    ),
    Promise.all(accounts.map((a) => settle('account_subnets', 'softlayer', () => deps.infra.listSubnets(a)))),
    settle('scan_zones', 'tenable', () => deps.coverage.listScanZones()),
    settle('asset_lists', 'tenable', () => deps.coverage.listAssetLists()),
    settle('decommission_tickets', 'github', () => deps.issues.searchTickets(settings.decomRepo, terms)),
    settle('last_scan', 'tenable', () => deps.coverage.lastScans(ips)),
    checkScanners([...scannerNames], deps.scanners),
    settle('scanner_health', 'tenable', () => deps.coverage.listScanners()),
  ]);
  deps.logger.debug({ zones: zones.status, assets: assets.status }, 'lookups done');

  const lookup = accountLookup(accounts, devices, subnets);
  const coverage = indexCoverage(
    zones.status === 'ok' ? zones.value : [],
    assets.status === 'ok' ? assets.value : [],
  );
  const ticketIndex = mapCheck(tickets, indexTickets);
  const listedIps = new Set(listed.map((t) => t.ip));
  const scannerViews = (name: string): ScannerEvidence => ({
    name,
    nessus: nessus.get(name) ?? null,
    tenable: mapCheck(tenableScanners, (records) => tenableView(records, name)),
  });

  await yieldToLoop();
  const partial = await mapInTurns(targets, (target): PartialEvidence => {
    const found = lookup(target.ip);
    const device = found.status === 'ok' ? found.value.device : null;
    const subnet = found.status === 'ok' ? found.value.subnet : null;
    const assignment = assignScanner(
      target,
      {
        hostname: target.hostname ?? device?.hostname ?? null,
        datacenter: device?.datacenter ?? subnet?.datacenter ?? null,
      },
      settings,
    );
    return {
      target,
      account: found,
      decommissionTickets: mapCheck(ticketIndex, (index) =>
        index.naming({ ip: target.ip, hostname: target.hostname ?? device?.hostname ?? null }),
      ),
      assetLists: mapCheck(assets, () => coverage.assetListsHolding(target.ip)),
      scanZones: mapCheck(zones, () => coverage.zonesCovering(target.ip)),
      lastScan: mapCheck(lastScans, (map): LastScan | null => map.get(target.ip) ?? null),
      assignment,
      scanners: assignment.scanners.map(scannerViews),
      sibling: device ? siblingOf(device, listedIps) : null,
    };
  });

  const evidence = await probeAll(partial, deps, options);
  return {
    evidence,
    checks: [
      ...devices.map((check): SystemCheck => ['softlayer', check]),
      ...subnets.map((check): SystemCheck => ['softlayer', check]),
      ['tenable', zones],
      ['tenable', assets],
      ['tenable', lastScans],
      ['github', tickets],
      ...[...nessus.values()].map((check): SystemCheck => ['nessus', check]),
      ...evidence.flatMap((e) => e.probes.map((probe): SystemCheck => ['probe', probe.result])),
    ],
  };
}

/**
 * The look-up of an IP over every account. A device or subnet found in an account that answered
 * settles it; finding nothing proves "not ours" only when every account answered.
 */
function accountLookup(
  accounts: readonly string[],
  devices: readonly Check<AccountDevice[]>[],
  subnets: readonly Check<AccountSubnet[]>[],
): (ip: string) => Check<AccountLookup> {
  const read: string[] = [];
  const unread: string[] = [];
  const found: { devices: AccountDevice[]; subnets: AccountSubnet[] } = { devices: [], subnets: [] };
  accounts.forEach((account, index) => {
    const deviceCheck = devices[index];
    const subnetCheck = subnets[index];
    if (deviceCheck?.status === 'ok') found.devices.push(...deviceCheck.value);
    if (subnetCheck?.status === 'ok') found.subnets.push(...subnetCheck.value);
    const failure = [deviceCheck, subnetCheck].find((check) => check?.status === 'failed');
    if (failure?.status === 'failed') unread.push(`account ${account} could not be read: ${failure.reason}`);
    else read.push(account);
  });
  const index = indexAccount(found.devices, found.subnets, read);
  const firstFailure = [...devices, ...subnets].find((check) => check.status === 'failed');
  return (ip) => {
    const result = index.lookup(ip);
    if (result.device || result.subnet || unread.length === 0) return ok(result);
    const check = firstFailure?.status === 'failed' ? firstFailure.check : 'account_devices';
    return failed(check, 'softlayer', unread.join('; '));
  };
}

/**
 * Each target's IP and its sibling's, once per scanner, sent in batches per scanner
 * (src/investigation/probe-batches.ts) within `probeBatchesPerScanner` and `probeConcurrency`.
 */
async function probeAll(
  partial: readonly PartialEvidence[],
  deps: InvestigationDeps,
  options: InvestigateOptions,
): Promise<Evidence[]> {
  const allowed = parseIpList(deps.settings.allowedCidrs.join(','));
  const skips = partial.map((item) => probeSkipReason(item, allowed));
  const jobs = new Map<string, { ip: string; scanner: string; targets: number[] }>();
  const remaining = partial.map(() => 0);
  const addJob = (ip: string, scanner: string, target: number) => {
    const key = `${ip}|${scanner}`;
    const job = jobs.get(key) ?? { ip, scanner, targets: [] };
    if (!job.targets.includes(target)) {
      job.targets.push(target);
      remaining[target] = (remaining[target] ?? 0) + 1;
    }
    jobs.set(key, job);
  };
  partial.forEach((item, index) => {
    if (skips[index] !== null) return;
    for (const scanner of item.assignment.scanners) {
      addJob(item.target.ip, scanner, index);
      if (item.sibling) addJob(item.sibling.ip, scanner, index);
    }
  });

  const total = partial.length;
  let done = skips.filter((skip) => skip !== null).length;
  options.onProgress?.({ phase: 'probes', done, total });
  const results = new Map<string, Check<Reachability>>();
  const { probeBatchSize, probeBatchesPerScanner, probeConcurrency } = deps.settings;
  const batches = planBatches([...jobs.values()], probeBatchSize);
  await runBatches(
    batches,
    { total: probeConcurrency, perScanner: probeBatchesPerScanner },
    async (batch) => {
      const answer = await settle('ping', 'probe', () => deps.probe.probeMany(batch.ips, batch.scanner));
      for (const ip of batch.ips) {
        const key = `${ip}|${batch.scanner}`;
        results.set(
          key,
          answer.status === 'failed'
            ? answer
            : (answer.value.get(ip) ?? failed('ping', 'probe', `the probe batch did not answer for ${ip}`)),
        );
        for (const target of jobs.get(key)?.targets ?? []) {
          remaining[target] = (remaining[target] ?? 1) - 1;
          if (remaining[target] === 0) {
            done += 1;
            options.onProgress?.({ phase: 'probes', done, total });
          }
        }
      }
    },
  );

  const origin = deps.probe.origin;
  const probesOf = (ip: string, scanners: readonly string[]): Probe[] =>
    scanners.map((scanner) => ({
      scanner,
      origin,
      result: results.get(`${ip}|${scanner}`) ?? failed('ping', 'probe', 'the probe was not made'),
    }));
  return partial.map((item, index): Evidence => {
    const skipped = skips[index] ?? null;
    const scanners = skipped === null ? item.assignment.scanners : [];
    return {
      ...item,
      probes: probesOf(item.target.ip, scanners),
      probeSkipped: skipped,
      sibling: item.sibling ? { ...item.sibling, probes: probesOf(item.sibling.ip, scanners) } : null,
    };
  });
}

/**
 * The bot probes only IPs of the issue that belong to our accounts or to configured CIDRs, from a
 * known scanner; anything else is left alone and the finding says why.
 */
function probeSkipReason(item: PartialEvidence, allowed: ReturnType<typeof parseIpList>): string | null {
  if (item.assignment.scanners.length === 0) {
    return item.assignment.environment
      ? `no scanner is configured for environment ${item.assignment.environment}`
      : 'the environment is unknown (not in the report, no datacenter mapping), so there is no scanner to probe from';
  }
  const inAccount =
    item.account.status === 'ok' &&
    (item.account.value.device !== null || item.account.value.subnet !== null);
  if (inAccount || rangesContain(allowed, item.target.ip)) return null;
  if (item.account.status === 'failed') return 'account membership could not be checked';
  return 'the IP is neither in our IBM Cloud accounts nor in a configured CIDR';
}

/** Nessus's own view of each scanner it can reach; a scanner with no API configured is absent. */
async function checkScanners(
  names: string[],
  api: ScannerStatusApi,
): Promise<Map<string, Check<ScannerHealth>>> {
  const configured = new Set(api.configured());
  const asked = names.filter((name) => configured.has(name));
  const results = await Promise.all(
    asked.map((name) => settle('scanner_health', 'nessus', () => api.status(name))),
  );
  return new Map(asked.map((name, i) => [name, results[i] as Check<ScannerHealth>]));
}

/**
 * Tenable.sc's view of a scanner, matched by name (case aside; a Tenable.sc name may be the FQDN
 * of our short name). Null when it lists none.
 */
function tenableView(records: readonly TenableScannerRecord[], name: string): TenableScannerView | null {
  const wanted = name.toLowerCase();
  const record = records.find((r) => {
    const theirs = r.name.trim().toLowerCase();
    return theirs === wanted || theirs.startsWith(`${wanted}.`);
  });
  return record ? { condition: record.condition, status: record.status } : null;
}
