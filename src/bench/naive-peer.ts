/**
 * The peer the bot is measured against (`bench --naive`): the same generated world walked the way a
 * script written from the runbook would walk it, one IP at a time, each look-up and probe in turn,
 * through the bot's own adapters against the same emulators, with no bot and no Slack. For each IP:
 * the SoftLayer accounts' devices and subnets (the adapters list them: a script has no cheaper
 * search through them), Tenable.sc's scan zones, asset lists and last scan of the IP, the
 * decommission tickets naming it, then from each of its scanners the scanner's health and a probe
 * (ping and TCP 22, a silent host costing its wait). Failures are noted and the walk goes on.
 *
 * A whole walk of 1000 IPs takes many minutes, so it stops after `budgetMs` and extrapolates from
 * the IPs it walked (the generated world spreads every kind of IP evenly, dead ones included); the
 * result says so.
 */
import { generateWorld } from '../../sandbox/generate-world.js';
import { startEmulatedWorld } from '../cli/world.js';
import { type InvestigateConfig, loadConfig } from '../config/index.js';
import { createIntegrations } from '../integrations/create-integrations.js';
import { investigationDeps } from '../investigation/deps-from-config.js';
import type { InvestigationDeps } from '../investigation/investigate.js';
import { listedTargets } from '../investigation/investigate.js';
import type { AccountDevice } from '../investigation/ports.js';
import { silentLogger } from '../logger.js';
import { indexAccount } from '../runbook/account-lookup.js';
import type { AccountSubnet } from '../runbook/evidence.js';
import type { Target } from '../runbook/model.js';
import { assignScanner } from '../runbook/scanner-map.js';

export interface NaiveOptions {
  targets: number;
  latencyMs: number;
  deadShare: number;
  seed?: number;
  /** The walk stops after this long and extrapolates (default DEFAULT_NAIVE_BUDGET_MS). */
  budgetMs?: number;
}

export const DEFAULT_NAIVE_BUDGET_MS = 60_000;

export interface NaiveResult {
  targets: number;
  latencyMs: number;
  deadShare: number;
  /** IPs walked before the budget ran out (all of them when it did not). */
  measuredIps: number;
  /** Time the walk took, from reading the issue to the last IP walked. */
  elapsedMs: number;
  /** True when the walk stopped before the last IP. */
  cutOff: boolean;
  /** The whole walk's time: measured when it was not cut off, else elapsed scaled to every IP. */
  totalMs: number;
  /** Upstream calls the walk made, by system. */
  calls: Record<string, number>;
  /** Look-ups and probes that failed (none in a world without faults), and the first reasons. */
  failures: number;
  failureReasons: string[];
}

export async function runNaive(options: NaiveOptions): Promise<NaiveResult> {
  const budgetMs = options.budgetMs ?? DEFAULT_NAIVE_BUDGET_MS;
  const { scenario } = generateWorld(options.targets, { deadShare: options.deadShare });
  const world = await startEmulatedWorld(scenario, {
    realProbeWaits: true,
    latencyMs: options.latencyMs,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const logger = silentLogger();
  const config = loadConfig(world.env, { mode: 'investigate' }) as InvestigateConfig;
  const integrations = createIntegrations(config, logger);
  try {
    const deps = investigationDeps(config, integrations, logger);
    const started = Date.now();
    const issue = await deps.issues.getIssue(deps.settings.gapRepo, scenario.github.gapIssue ?? 0);
    const targets = listedTargets(issue);
    let measuredIps = 0;
    const failed: string[] = [];
    for (const target of targets) {
      if (Date.now() - started >= budgetMs) break;
      await walkOne(target, deps, failed);
      measuredIps++;
    }
    const elapsedMs = Date.now() - started;
    const cutOff = measuredIps < targets.length;
    return {
      targets: targets.length,
      latencyMs: options.latencyMs,
      deadShare: options.deadShare,
      measuredIps,
      elapsedMs,
      cutOff,
      totalMs: cutOff ? Math.round((elapsedMs / Math.max(1, measuredIps)) * targets.length) : elapsedMs,
      calls: integrations.counter.snapshot(),
      failures: failed.length,
      failureReasons: failed.slice(0, 5),
    };
  } finally {
    integrations.close();
    await world.close();
  }
}

/** One IP as a person would check it with the runbook open; the reasons of failed steps go to `failed`. */
async function walkOne(target: Target, deps: InvestigationDeps, failed: string[]): Promise<void> {
  const step = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (error) {
      failed.push(`${target.ip}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  const devices: AccountDevice[] = [];
  const subnets: AccountSubnet[] = [];
  for (const account of deps.infra.accounts) {
    const powerStateForIps = new Set([target.ip]);
    devices.push(...((await step(() => deps.infra.listDevices(account, { powerStateForIps }))) ?? []));
    subnets.push(...((await step(() => deps.infra.listSubnets(account))) ?? []));
  }
  const found = indexAccount(devices, subnets, deps.infra.accounts).lookup(target.ip);
  await step(() => deps.coverage.listScanZones());
  await step(() => deps.coverage.listAssetLists());
  await step(() => deps.coverage.lastScans([target.ip]));
  const hostname = target.hostname ?? found.device?.hostname ?? null;
  const terms = hostname ? [target.ip, hostname] : [target.ip];
  await step(() => deps.issues.searchTickets(deps.settings.decomRepo, terms));
  const assignment = assignScanner(
    target,
    { hostname, datacenter: found.device?.datacenter ?? found.subnet?.datacenter ?? null },
    deps.settings,
  );
  const configured = new Set(deps.scanners.configured());
  for (const scanner of assignment.scanners) {
    if (configured.has(scanner)) await step(() => deps.scanners.status(scanner));
    if (found.device || found.subnet) await step(() => deps.probe.probe(target.ip, scanner));
  }
}
