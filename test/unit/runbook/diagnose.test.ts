import { categoryDescriptor } from '../../../src/runbook/categories/index.js';
import { diagnose } from '../../../src/runbook/diagnose.js';
import { ok } from '../../../src/runbook/evidence.js';
import { DEFAULT_LINKS, resolveLinks } from '../../../src/runbook/links.js';
import { type ActionName, type ActionVerb, CATEGORIES, type Category } from '../../../src/runbook/model.js';
import { CATEGORY_EXAMPLES } from './category-examples.js';
import { account, buildDevice, buildEvidence, CONTEXT, reach, tenableDown } from './evidence-builder.js';

/** The actions column of the design's rules table: what each category may offer. */
const DESIGN_ACTIONS: Record<Category, ActionVerb[]> = {
  check_failed: ['recheck'],
  not_in_account: ['mark_notalchemy'],
  management_ip_unreachable: ['open_ipmi_ticket'],
  no_device: ['mark_notalchemy'],
  pending_deletion: ['request_reclaim', 'mark_pending_deletion'],
  powered_off_decommissioning: ['mark_pending_deletion', 'request_reclaim'],
  powered_off: ['power_on'],
  scanner_down: ['recheck'],
  not_in_asset_list: ['recheck'],
  not_in_scan_zone: ['recheck'],
  stale_scan: ['recheck'],
  vlan_mismatch: ['recheck'],
  interface_misconfigured: ['recheck'],
  unreachable: ['reboot', 'recheck'],
  reachable: ['launch_scan', 'recheck'],
};

/**
 * What each category's example offers once the preconditions are checked: the decommissioning
 * example knows no cancellation ticket (no reclaim), the unreachable one answers SSH (no reboot).
 */
const EXAMPLE_ACTIONS: Record<Category, ActionName[]> = {
  ...(DESIGN_ACTIONS as Record<Category, ActionName[]>),
  powered_off_decommissioning: ['mark_pending_deletion'],
  unreachable: ['recheck'],
};

const findingOf = (category: Category) => diagnose(CATEGORY_EXAMPLES[category], CONTEXT);

describe('diagnose: every category', () => {
  it.each([...CATEGORIES])(
    '%s has a summary, evidence, fixes, the design actions and a runbook link',
    (category) => {
      const finding = findingOf(category);
      expect(finding.category).toBe(category);
      expect(finding.summary.trim()).not.toBe('');
      expect(finding.summary).not.toMatch(/\n|undefined|null|\[object/);
      expect(finding.evidence.length).toBeGreaterThan(0);
      expect(finding.fixes.length).toBeGreaterThan(0);
      for (const line of [...finding.evidence, ...finding.fixes]) {
        expect(line.trim()).not.toBe('');
        expect(line).not.toMatch(/undefined|\[object/);
      }
      expect(finding.actions).toEqual(EXAMPLE_ACTIONS[category]);
      expect(categoryDescriptor(category).offers).toEqual(DESIGN_ACTIONS[category]);
      expect(finding.links[0]?.url).toMatch(/^https:\/\/.*nessus_scan_gap_alert\.html#[a-z0-9-]+$/);
      for (const link of finding.links) expect(link.url).toMatch(/^https:\/\//);
    },
  );
});

describe('diagnose: the finding', () => {
  it('carries the target, the device and the scanner', () => {
    const finding = findingOf('powered_off');
    expect(finding).toMatchObject({
      ip: '10.10.1.11',
      hostname: 'prod-dal10-carrier4-worker-01',
      interface: 'private',
      environment: 'PROD-US-SOUTH',
      scanner: 'prod-dal09-infra-nessus-01',
      device: { kind: 'hardware', id: 123, hostname: 'prod-dal10-carrier4-worker-01' },
      failedChecks: [],
    });
    expect(finding.evidence).toContain(
      'bare metal prod-dal10-carrier4-worker-01 (id 123) of account ALC in dal10 is powered off',
    );
    expect(finding.links.map((l) => l.url)).toContain(`${DEFAULT_LINKS.runbook}#powered-off-machines`);
  });

  it('takes the hostname from the device and the interface from the account when the report lacks them', () => {
    const evidence = buildEvidence({
      target: { hostname: null, interface: 'unknown', environment: null },
      account: account({ device: buildDevice({ hostname: 'from-account', matchedAs: 'private' }) }),
      assignment: {
        environment: 'PROD-US-SOUTH',
        environmentSource: 'datacenter',
        scanners: ['prod-dal09-infra-nessus-01'],
        choice: 'only',
        overruled: [],
      },
    });
    const finding = diagnose(evidence, CONTEXT);
    expect(finding.hostname).toBe('from-account');
    expect(finding.interface).toBe('private');
    expect(finding.environment).toBe('PROD-US-SOUTH');
  });

  it('lists failed checks that did not matter on a diagnosed finding', () => {
    const evidence = buildEvidence({
      account: account({ device: buildDevice({ powerState: 'off' }) }),
      assetLists: tenableDown('asset_lists'),
    });
    const finding = diagnose(evidence, CONTEXT);
    expect(finding.category).toBe('powered_off');
    expect(finding.failedChecks).toEqual([
      { check: 'asset_lists', system: 'tenable', reason: 'timeout after 3 tries' },
    ]);
  });

  it('check_failed names the checks and the reasons', () => {
    const finding = findingOf('check_failed');
    expect(finding.summary).toContain('IBM Cloud infrastructure (account_devices)');
    expect(finding.evidence[0]).toBe(
      'Could not check IBM Cloud infrastructure (account_devices): HTTP 503 after 3 tries',
    );
    expect(finding.failedChecks).toEqual([
      { check: 'account_devices', system: 'softlayer', reason: 'HTTP 503 after 3 tries' },
    ]);
    expect(finding.device).toBeNull();
  });

  it('check_failed for a skipped probe says why and how to give the bot a scanner', () => {
    const evidence = buildEvidence({
      target: { environment: null },
      assignment: { environment: null, environmentSource: null, scanners: [], choice: null, overruled: [] },
      scanner: null,
      reachability: null,
      probeSkipped: 'no scanner is known for this environment',
    });
    const finding = diagnose(evidence, CONTEXT);
    expect(finding.category).toBe('check_failed');
    expect(finding.evidence).toContain(
      'Could not check reachability (ping): no scanner is known for this environment',
    );
    expect(finding.fixes.join('\n')).toMatch(/`environments`/);
    expect(finding.scanner).toBeNull();
  });
});

describe('diagnose: evidence and fixes in plain words', () => {
  it('pending_deletion states the cancellation', () => {
    expect(findingOf('pending_deletion').evidence).toContain(
      'cancellation pending: billing ends 2026-12-01, cancellation ticket 88004',
    );
    expect(findingOf('pending_deletion').fixes.join('\n')).toMatch(/cancellation ticket 88004/);
  });

  it('powered_off_decommissioning names the ticket and links it', () => {
    const finding = findingOf('powered_off_decommissioning');
    expect(finding.evidence).toContain(
      'ticket alchemy-conductors/team#812 (open): Decommission prod-dal10-carrier4-worker-01: a decommission record (it says decommission)',
    );
    expect(finding.links.map((l) => l.url)).toContain(
      'https://github.ibm.com/alchemy-conductors/team/issues/812',
    );
  });

  it('vlan_mismatch states both VLANs', () => {
    const finding = findingOf('vlan_mismatch');
    expect(finding.evidence.join('\n')).toContain('VLAN Prod/Carrier6 (public) vs Prod/CSMG/B (private)');
    expect(finding.summary).toContain('Prod/Carrier6');
    expect(finding.evidence.join('\n')).toContain('169.60.1.11');
  });

  it('unreachable gives ping and nc with the real IP and the right scanner', () => {
    const finding = findingOf('unreachable');
    expect(finding.evidence).toContain(
      '10.10.1.11 from prod-dal09-infra-nessus-01: no answer to ping, TCP 22 open',
    );
    // "Ping should work correctly, if it doesn't work then contact the appropriate machine owner to
    // ensure that the firewall is open for ping": SSH answers, so the host is up.
    expect(finding.summary).toMatch(/Answers SSH but not ping/);
    const fixes = finding.fixes.join('\n');
    expect(fixes).toContain('open the firewall for ping');
    expect(fixes).toContain('`nc -zv 10.10.1.11 22`');
    expect(fixes).toMatch(/do not reboot it/);
    expect(fixes).toContain('prod-dal09-infra-nessus-01');
    expect(finding.links.map((l) => l.url)).toEqual(
      expect.arrayContaining([DEFAULT_LINKS.kvmAccess, DEFAULT_LINKS.netintRequest]),
    );
  });

  it('unreachable with an unnamed VLAN says the VLAN pair could not be judged', () => {
    const evidence = buildEvidence({
      account: account({
        device: buildDevice({ publicIp: '169.60.1.11', publicVlan: { id: 1, number: 901, name: null } }),
      }),
      reachability: reach({ ping: false, tcp22: null }),
      sibling: { ip: '169.60.1.11', interface: 'public', listed: false },
    });
    const finding = diagnose(evidence, CONTEXT);
    expect(finding.category).toBe('unreachable');
    expect(finding.fixes.join('\n')).toContain('`ping 10.10.1.11`');
    expect(finding.evidence.join('\n')).toMatch(/unnamed VLAN 901 \(public\) vs Prod\/Carrier4 \(private\)/);
  });

  it('scanner_down gives the nessusd commands, port and logs', () => {
    const fixes = findingOf('scanner_down').fixes.join('\n');
    for (const text of [
      'service nessusd stop',
      '/opt/nessus/sbin/nessuscli fix --reset-all',
      'service nessusd start',
      '/opt/nessus/var/nessus/logs',
      '8834',
      'prod-dal09-infra-nessus-01',
    ]) {
      expect(fixes).toContain(text);
    }
  });

  it('stale_scan says when and that it is over a year ago', () => {
    const finding = findingOf('stale_scan');
    expect(finding.evidence).toContain('last scan 2024-03-02, over a year ago');
    expect(finding.evidence.join('\n')).toContain('unauthenticated run: 2024-01-05');
  });

  it('not_in_account links the inventory with the IP searched', () => {
    const urls = findingOf('not_in_account').links.map((l) => l.url);
    expect(urls).toContain(`${DEFAULT_LINKS.inventoryDashboard}&search=10.10.1.11`);
    expect(urls).toContain(`${DEFAULT_LINKS.runbook}#does-the-machine-exist-in-our-accounts`);
  });

  it('keeps untrusted text as-is (escaping is the renderers job)', () => {
    const evidence = buildEvidence({
      target: { hostname: '<!channel> *evil*' },
      account: account({ device: buildDevice({ hostname: '<!channel> *evil*', powerState: 'off' }) }),
    });
    expect(diagnose(evidence, CONTEXT).evidence[0]).toContain('<!channel> *evil*');
  });

  it('uses overridden links', () => {
    const links = resolveLinks({
      runbook: 'https://runbooks.example/gap.html',
      inventoryDashboard: 'https://inv.example/s',
    });
    const finding = diagnose(CATEGORY_EXAMPLES.no_device, { ...CONTEXT, links });
    const urls = finding.links.map((l) => l.url);
    expect(urls).toContain('https://runbooks.example/gap.html#ip-exists-but-no-machine-when-querying-netmax');
    expect(urls).toContain('https://inv.example/s?search=10.10.1.11');
  });

  it('reachable shows the coverage it found', () => {
    const finding = diagnose(buildEvidence({ scanZones: ok([{ id: '9', name: 'zone nine' }]) }), CONTEXT);
    expect(finding.category).toBe('reachable');
    expect(finding.evidence).toContain('scan zones covering 10.10.1.11: zone nine');
  });
});
