/**
 * The whole investigation through the real HTTP adapters against the sandbox emulators: the example
 * world gives the expected category for every target, and a generated world of any size too.
 */
import { generateWorld } from '../../../sandbox/generate-world.js';
import { startSandbox } from '../../../sandbox/index.js';
import { main } from '../../../src/cli/main.js';
import { type InvestigateConfig, loadConfig } from '../../../src/config/index.js';
import { createIntegrations } from '../../../src/integrations/create-integrations.js';
import { investigationDeps } from '../../../src/investigation/deps-from-config.js';
import { investigateIssue } from '../../../src/investigation/investigate.js';
import { silentLogger } from '../../../src/logger.js';
import { capturedStream } from '../../helpers/captured-stream.js';

describe('nessus-gap investigate --scenario', () => {
  it('diagnoses every target of the all-categories world as the runbook would', async () => {
    const stdout = capturedStream();
    const stderr = capturedStream();
    const code = await main(
      ['investigate', '--scenario', 'examples/scenarios/all-categories.yaml', '--format', 'json'],
      {
        stdout,
        stderr,
        env: {},
        interactive: false,
      },
    );
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout.text());
    const byIp = Object.fromEntries(
      report.findings.map((f: { ip: string; category: string }) => [f.ip, f.category]),
    );
    expect(byIp).toEqual({
      '10.10.1.11': 'not_in_account',
      '10.10.2.5': 'management_ip_unreachable',
      '10.10.3.40': 'no_device',
      '10.10.4.20': 'pending_deletion',
      '10.10.5.30': 'powered_off_decommissioning',
      '10.10.5.31': 'powered_off',
      '10.20.1.15': 'scanner_down',
      '10.10.6.7': 'not_in_asset_list',
      '10.10.7.8': 'not_in_scan_zone',
      '10.10.8.9': 'stale_scan',
      '169.60.10.20': 'vlan_mismatch',
      '169.60.10.21': 'interface_misconfigured',
      '10.10.10.30': 'unreachable',
      '10.10.10.31': 'reachable',
      '10.10.2.6': 'reachable',
    });
    expect(report.issue).toEqual({
      repo: 'alchemy-conductors/alcatraz',
      number: 4711,
      title: 'GAP ALERT - unscanned machines require investigation',
    });
    expect(Object.keys(report)).toEqual(['issue', 'findings', 'counts', 'scanners']);
    // "Checking the state of the Scanner nodes": every scanner the targets need, whatever their causes.
    expect(report.scanners).toEqual([
      {
        name: 'prod-dal09-infra-nessus-01',
        nessus: 'ready',
        tenable: 'working',
        tenableStatus: 'Working',
        verdict: 'ready',
        targets: 14,
      },
      {
        name: 'stage-dal09-infra-nessus-01',
        nessus: 'loading (40%)',
        tenable: 'busy',
        tenableStatus: 'Reloading Scanner',
        verdict: 'down',
        targets: 1,
      },
    ]);
  });

  it('exits 2 naming the problem for a missing scenario or a bad option', async () => {
    for (const argv of [
      ['investigate', '--scenario', 'does/not/exist.yaml'],
      ['investigate', '--scenario', 'examples/scenarios/demo.yaml', '--format', 'xml'],
      ['investigate'],
      ['investigate', '--scenario', 'examples/scenarios/demo.yaml', '--faults', '2'],
    ]) {
      const stderr = capturedStream();
      const code = await main(argv, { stdout: capturedStream(), stderr, env: {}, interactive: false });
      expect(code).toBe(2);
      expect(stderr.text()).toMatch(/^nessus-gap: .+/);
    }
  });
});

async function runGenerated(n: number, deadShare = 0) {
  const world = generateWorld(n, { deadShare });
  // Short waits for a silent host, so that dead ones cost something without slowing the suite.
  const sandbox = await startSandbox(world.scenario, { probeSilentWaitMs: { pingMs: 20, tcp22Ms: 30 } });
  try {
    const config = loadConfig({ ...sandbox.env }, { mode: 'investigate' }) as InvestigateConfig;
    const logger = silentLogger();
    const integrations = createIntegrations(config, logger, { fast: true });
    const { report } = await investigateIssue(
      world.scenario.github.gapIssue ?? 0,
      investigationDeps(config, integrations, logger),
    );
    integrations.close();
    return { world, report, calls: integrations.counter.snapshot() };
  } finally {
    await sandbox.close();
  }
}

describe('a generated world', () => {
  it('gets the planned category for every one of 500 targets', async () => {
    const { world, report } = await runGenerated(500);
    expect(report.findings).toHaveLength(500);
    const wrong = report.findings
      .filter((f) => world.expected.get(f.ip) !== f.category)
      .map((f) => `${f.ip}: ${f.category} (expected ${world.expected.get(f.ip)})`);
    expect(wrong).toEqual([]);
  });

  it('gets the planned category for every target when 40 % of the probed IPs are dead hosts', async () => {
    const { world, report } = await runGenerated(500, 0.4);
    // 35 cycles of 14 targets probe 13 of them and 2 siblings (525), then 9 of the 10 left: 534.
    expect(world.probed).toEqual({ ips: 534, dead: 214 });
    const wrong = report.findings
      .filter((f) => world.expected.get(f.ip) !== f.category)
      .map((f) => `${f.ip}: ${f.category} (expected ${world.expected.get(f.ip)})`);
    expect(wrong).toEqual([]);
    // Past the targets silent by their category (4 of 14), more become unreachable ones.
    const count = (map: ReadonlyMap<string, string>, category: string) =>
      [...map.values()].filter((c) => c === category).length;
    expect(count(world.expected, 'unreachable')).toBeGreaterThan(
      count(generateWorld(500).expected, 'unreachable'),
    );
    // The dead IPs are those left silent (not refusing) among the probed ones.
    const silentLeft = [...world.expected.keys()].filter((ip) => {
      const entry = world.scenario.network[ip];
      return world.expected.get(ip) !== 'not_in_account' && (!entry || (!entry.ping && !entry.refused));
    });
    expect(silentLeft).toHaveLength(214);
  });

  it('makes the same upstream calls for 20 and for 500 targets, but for paging and bare-metal power states', async () => {
    const small = await runGenerated(20);
    const large = await runGenerated(500);
    const bareMetal = (w: ReturnType<typeof generateWorld>) => w.scenario.softlayer.hardware.length;
    const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));
    // SoftLayer: hardware and guests listed 100 a page; one getServerPowerState per bare-metal target.
    const softlayerExtra =
      pages(bareMetal(large.world), 100) -
      pages(bareMetal(small.world), 100) +
      pages(large.world.scenario.softlayer.virtualGuests.length, 100) -
      pages(small.world.scenario.softlayer.virtualGuests.length, 100) +
      (bareMetal(large.world) - bareMetal(small.world));
    expect((large.calls.softlayer ?? 0) - (small.calls.softlayer ?? 0)).toBe(softlayerExtra);
    // Tenable.sc: one sumip page of 1000 holds every target here; zones, lists and details are per world, not per target.
    expect(large.calls.tenable).toBe(small.calls.tenable);
    // GitHub: the issue, its comments and one listing page of decommission tickets per 100.
    const tickets = (w: ReturnType<typeof generateWorld>) =>
      w.scenario.github.issues.filter((i) => i.repo === 'alchemy-conductors/team').length;
    expect((large.calls.github ?? 0) - (small.calls.github ?? 0)).toBe(
      pages(tickets(large.world), 100) - pages(tickets(small.world), 100),
    );
    expect(large.calls.nessus).toBe(small.calls.nessus);
  });
});
