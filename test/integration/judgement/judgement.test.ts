/**
 * The judgement corpus: small sandbox worlds (test/fixtures/judgement/), one or more per corner of the
 * runbook where a careful SRE disagreed with an earlier version of the bot. Each expected finding is
 * written from the runbook sentence that decides it, quoted with the case, and names the buttons that
 * must and must not be offered. The worlds run through the real HTTP adapters against the emulators.
 */
import { join } from 'node:path';
import { loadScenario, startSandbox } from '../../../sandbox/index.js';
import { loadConfig } from '../../../src/config/index.js';
import { createIntegrations } from '../../../src/integrations/create-integrations.js';
import { investigationDeps } from '../../../src/investigation/deps-from-config.js';
import { investigateIssue } from '../../../src/investigation/investigate.js';
import { silentLogger } from '../../../src/logger.js';
import type { Finding, InvestigationReport } from '../../../src/runbook/finding.js';
import type { ActionName, Category } from '../../../src/runbook/model.js';

const WORLDS = join(import.meta.dirname, '..', '..', 'fixtures', 'judgement');
/** The corpus's clock: ticket dates in the worlds are written relative to it. */
const NOW = new Date('2026-11-26T09:00:00Z');

interface Corner {
  world: string;
  ip: string;
  /** The runbook's words that decide the case. */
  runbook: string;
  category: Category;
  offers?: ActionName[];
  never?: ActionName[];
  /** Exactly these actions, when the case is about offering nothing that changes anything. */
  exactly?: ActionName[];
  /** Each must match some evidence line (or the summary, for `summary`). */
  evidence?: RegExp[];
  summary?: RegExp;
  fixes?: RegExp[];
  environment?: string;
}

const CORNERS: Corner[] = [
  {
    world: 'powered-off-repair.yaml',
    ip: '10.11.1.11',
    runbook:
      'If there is no record of it being powered off ready for cancellation, then work to get the machine turned back on.',
    category: 'powered_off',
    offers: ['power_on'],
    never: ['mark_pending_deletion', 'request_reclaim'],
    evidence: [/team#901.*is no decommission record/i],
  },
  {
    world: 'powered-off-drained.yaml',
    ip: '10.11.1.12',
    runbook:
      'If **Off** check if the machine is being decommisioned - search Conductors team tickets. ... If the machine is to be cancelled and you find a corresponding ticket for it in Conductors team tickets then review the status and work to cancel the server asap.',
    category: 'powered_off_decommissioning',
    offers: ['mark_pending_deletion'],
    never: ['power_on', 'request_reclaim'],
    evidence: [/team#902.*closed 2026-11-05/i],
  },
  {
    world: 'ssh-answers.yaml',
    ip: '10.11.2.21',
    runbook:
      "Ping should work correctly, if it doesn't work then contact the appropriate machine owner to ensure that the firewall is open for ping. ... Most machines will also allow SSH access so you can check with `nc -zv IP_ADDRESS 22`",
    category: 'unreachable',
    never: ['power_on'],
    summary: /answers SSH/i,
    fixes: [/firewall.*ping/i],
  },
  {
    world: 'ssh-answers.yaml',
    ip: '10.11.2.22',
    runbook:
      'If the machine does not respond then the first course of action should be to reboot the machine via the IBM Infrastructure portal and confirm it reboots',
    category: 'unreachable',
    offers: ['power_on'],
  },
  {
    world: 'ssh-answers.yaml',
    ip: '10.11.2.23',
    runbook:
      'First thing to check is if the machine is ON in the IBM Infrastructure portal. (A reboot is for a machine that is on; SoftLayer could not say.)',
    category: 'unreachable',
    never: ['power_on'],
    evidence: [/unknown power state/i],
  },
  {
    world: 'dev-prestage.yaml',
    ip: '10.14.3.31',
    runbook:
      'Look at the output in the GHE ticket and identify where the machine is located, this can then be used to map to the appropriate nessus scanner: ... DEV-PRESTAGE | dev-mon01-infra-nessus-01 / prestage-mon01-infra-nessus-01',
    category: 'reachable',
    offers: ['launch_scan'],
    never: ['power_on'],
    evidence: [/from prestage-mon01-infra-nessus-01/],
  },
  {
    world: 'dev-prestage.yaml',
    ip: '10.14.3.32',
    runbook:
      'DEV-PRESTAGE | dev-mon01-infra-nessus-01 / prestage-mon01-infra-nessus-01 (the host name does not say which: both are asked)',
    category: 'reachable',
    never: ['power_on'],
    evidence: [/dev-mon01-infra-nessus-01/, /prestage-mon01-infra-nessus-01/],
  },
  {
    world: 'duplicate-rows.yaml',
    ip: '10.11.4.41',
    runbook:
      'Look at the output in the GHE ticket and identify where the machine is located, this can then be used to map to the appropriate nessus scanner',
    category: 'reachable',
    environment: 'PROD-US-SOUTH',
    never: ['power_on'],
    evidence: [/PROD-EU-CENTRAL/, /from prod-dal09-infra-nessus-01/],
  },
  {
    world: 'ipmi-being-cancelled.yaml',
    ip: '10.11.6.61',
    runbook:
      'Machines that are powered off and pending deletion (and especially bare metal machines that will not be recovered until the next month) ... update the server cancellation ticket associated with the device and request that the server is immediately reclaimed.',
    category: 'pending_deletion',
    offers: ['request_reclaim', 'mark_pending_deletion'],
    never: ['open_ipmi_ticket'],
  },
  {
    world: 'scanners.yaml',
    ip: '10.21.1.71',
    runbook:
      'Scanner is down/unreachable? Sometimes, the easiest fix is to osreload the scanner and get it re-initialised as a nessus scanner.',
    category: 'scanner_down',
    exactly: ['recheck'],
    evidence: [/did not answer/i, /Connection Error/],
  },
  {
    world: 'scanners.yaml',
    ip: '10.11.7.72',
    runbook:
      'Some machines are powered off, this will prevent them from being scanned. (The loading scanner is still reported in the scanners section.)',
    category: 'powered_off',
    offers: ['power_on'],
  },
  {
    world: 'scanners.yaml',
    ip: '10.12.1.73',
    runbook:
      'There are cases where the scanner responds to ping, but `nessusd` service may be down or not able to serve requests. (Nessus silent, Tenable.sc says it works: the evidence conflicts, so nothing that changes anything is offered.)',
    category: 'reachable',
    exactly: ['recheck'],
    evidence: [/did not answer/i, /Tenable\.sc.*Working/],
  },
  {
    world: 'reclaim.yaml',
    ip: '10.11.8.81',
    runbook:
      'Find the server in the IBM Infrastructure portal and update the server cancellation ticket associated with the device and request that the server is immediately reclaimed. (No cancellation ticket is known.)',
    category: 'pending_deletion',
    offers: ['mark_pending_deletion'],
    never: ['request_reclaim', 'power_on'],
  },
  {
    world: 'reclaim.yaml',
    ip: '10.11.8.82',
    runbook:
      'update the server cancellation ticket associated with the device and request that the server is immediately reclaimed.',
    category: 'pending_deletion',
    offers: ['request_reclaim', 'mark_pending_deletion'],
    evidence: [/88082/],
  },
  {
    world: 'reclaim.yaml',
    ip: '10.11.8.83',
    runbook:
      'If a cancellation request has already been submitted and the server is a baremetal, then look at updating the IBM Infrastructure ticket requesting `immediate reclaim of the server` (none is submitted yet).',
    category: 'powered_off_decommissioning',
    offers: ['mark_pending_deletion'],
    never: ['request_reclaim', 'power_on'],
  },
  {
    world: 'other-interface.yaml',
    ip: '169.61.9.91',
    runbook:
      'check that the public and private IP addresses are on a matching name pair of VLANS, the prefix or entire name of the VLAN should match on both sides',
    category: 'interface_misconfigured',
    never: ['power_on'],
    evidence: [/10\.12\.9\.91.*answers/],
  },
  {
    world: 'other-interface.yaml',
    ip: '169.60.11.101',
    runbook:
      'If the report shows only one IP for the machine works ... (here neither works:) Machines need to be pingable to be able to be scanned, both on the public and private IP.',
    category: 'unreachable',
    offers: ['power_on'],
    evidence: [/10\.11\.10\.101.*does not answer/],
  },
  {
    world: 'unreachable-old-scan.yaml',
    ip: '10.11.11.111',
    runbook:
      'Machines need to be pingable to be able to be scanned (an old scan date on a host that answers nothing is the missing ping, not a tooling bug).',
    category: 'unreachable',
    offers: ['power_on'],
    evidence: [/2024-05-01/],
  },
  {
    world: 'two-accounts.yaml',
    ip: '10.13.1.121',
    runbook: 'Does the machine exist in our accounts?',
    category: 'reachable',
    never: ['mark_notalchemy'],
    evidence: [/account ALC_FR2/],
  },
  {
    world: 'two-accounts.yaml',
    ip: '10.13.1.122',
    runbook:
      'If the machine is gone then you will need to change the Environment of the machine to "NOTALCHEMY" so they are not longer reported against our compliance status.',
    category: 'not_in_account',
    offers: ['mark_notalchemy'],
    evidence: [/ALC, ALC_FR2/],
  },
  {
    world: 'account-down.yaml',
    ip: '10.13.1.123',
    runbook:
      'Does the machine exist in our accounts? ... If not then double-check in the IBM Infrastructure portal. (One account could not be read: it is not known to be gone.)',
    category: 'check_failed',
    exactly: ['recheck'],
    evidence: [/ALC_FR2/],
  },
  {
    world: 'account-down.yaml',
    ip: '10.11.12.124',
    runbook: 'Does the machine exist in our accounts? (It does, in the account that answered.)',
    category: 'reachable',
    offers: ['launch_scan'],
  },
];

const reports = new Map<string, Promise<InvestigationReport>>();

async function investigateWorld(world: string): Promise<InvestigationReport> {
  const scenario = loadScenario(join(WORLDS, world));
  const sandbox = await startSandbox(scenario);
  try {
    const config = loadConfig(sandbox.env, { mode: 'investigate' });
    const logger = silentLogger();
    const integrations = createIntegrations(config, logger, { fast: true });
    try {
      const deps = investigationDeps(config, integrations, logger, () => NOW);
      const { report } = await investigateIssue(scenario.github.gapIssue ?? 0, deps);
      return report;
    } finally {
      integrations.close();
    }
  } finally {
    await sandbox.close();
  }
}

function reportOf(world: string): Promise<InvestigationReport> {
  let report = reports.get(world);
  if (!report) {
    report = investigateWorld(world);
    reports.set(world, report);
  }
  return report;
}

async function findingOf(corner: Corner): Promise<Finding> {
  const report = await reportOf(corner.world);
  const finding = report.findings.find((f) => f.ip === corner.ip);
  if (!finding) throw new Error(`${corner.world} gave no finding for ${corner.ip}`);
  return finding;
}

describe('the judgement corpus: what a careful SRE reading the runbook concludes', () => {
  it.each(CORNERS.map((corner) => [`${corner.world} ${corner.ip} is ${corner.category}`, corner] as const))(
    '%s',
    async (_name, corner) => {
      const finding = await findingOf(corner);
      const seen = `${finding.category}: ${finding.summary}\n${finding.evidence.join('\n')}`;
      expect({ ip: corner.ip, category: finding.category, seen }).toMatchObject({
        ip: corner.ip,
        category: corner.category,
      });
      for (const action of corner.offers ?? []) expect(finding.actions).toContain(action);
      for (const action of corner.never ?? []) expect(finding.actions).not.toContain(action);
      if (corner.exactly) expect(finding.actions).toEqual(corner.exactly);
      for (const pattern of corner.evidence ?? []) {
        expect(finding.evidence.some((line) => pattern.test(line)) ? pattern : seen).toBe(pattern);
      }
      if (corner.summary) expect(finding.summary).toMatch(corner.summary);
      for (const pattern of corner.fixes ?? []) {
        expect(finding.fixes.some((line) => pattern.test(line)) ? pattern : finding.fixes).toBe(pattern);
      }
      if (corner.environment) expect(finding.environment).toBe(corner.environment);
      expect(corner.runbook.length).toBeGreaterThan(20);
    },
    30_000,
  );

  it('reports every scanner the targets need, whatever their own causes ("Checking the state of the Scanner nodes")', async () => {
    const report = await reportOf('scanners.yaml');
    const byName = Object.fromEntries(report.scanners.map((scanner) => [scanner.name, scanner]));
    expect(Object.keys(byName).sort()).toEqual([
      'prod-dal09-infra-nessus-01',
      'stage-dal09-infra-nessus-01',
      'sup-wdc04-infra-nessus-01',
    ]);
    expect(byName['prod-dal09-infra-nessus-01']).toMatchObject({
      nessus: expect.stringMatching(/^loading/),
      tenable: 'busy',
    });
    expect(byName['stage-dal09-infra-nessus-01']).toMatchObject({ nessus: 'no answer', tenable: 'error' });
    expect(byName['sup-wdc04-infra-nessus-01']).toMatchObject({ nessus: 'no answer', tenable: 'working' });
  }, 30_000);
});
