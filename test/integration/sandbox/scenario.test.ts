import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, parseScenario, ScenarioError } from '../../../sandbox/scenario.js';

const FIXTURES = new URL('../../fixtures/scenarios/', import.meta.url).pathname;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ScenarioError) return error.problems;
    throw error;
  }
  throw new Error('expected a ScenarioError');
}

describe('loadScenario', () => {
  it('reads a YAML world with every section', () => {
    const scenario = loadScenario(join(FIXTURES, 'sandbox-small.yaml'));
    expect(scenario.github.gapIssue).toBe(4711);
    expect(scenario.github.issues[0]?.comments[0]?.user.login).toBe('someone');
    expect(scenario.github.issues[1]?.comments).toEqual([]);
    expect(scenario.nessus['stage-dal09-infra-nessus-01']).toEqual({ status: 'loading', progress: 50 });
    expect(scenario.inventory.servers[0]?.ip).toBe('10.1.2.3');
    expect(scenario.network['10.1.2.4']?.from?.['stage-dal09-infra-nessus-01']).toEqual({
      ping: true,
      tcp22: true,
    });
    expect(scenario.environments?.['DEV-PRESTAGE']).toEqual([
      'dev-mon01-infra-nessus-01',
      'prestage-mon01-infra-nessus-01',
    ]);
  });

  it('treats missing sections as an empty system', () => {
    const scenario = parseScenario('{}', 'empty.json');
    expect(scenario.github).toEqual({
      gapRepo: 'alchemy-conductors/alcatraz',
      decomRepo: 'alchemy-conductors/team',
      issues: [],
    });
    expect(scenario.softlayer).toEqual({ hardware: [], virtualGuests: [], subnets: [], tickets: [] });
    expect(scenario.tenable).toEqual({ zones: [], assets: [], ipSummary: [], scanners: [] });
    expect(scenario.nessus).toEqual({});
    expect(scenario.inventory.servers).toEqual([]);
    expect(scenario.network).toEqual({});
    expect(scenario.environments).toBeUndefined();
  });

  it('keeps vendor records as they are (the emulators read their fields)', () => {
    const scenario = parseScenario(
      JSON.stringify({
        softlayer: { hardware: [{ id: 7, primaryBackendIpAddress: '10.1.2.3', serverPowerState: 'off' }] },
      }),
      'x.json',
    );
    expect(scenario.softlayer.hardware[0]).toEqual({
      id: 7,
      primaryBackendIpAddress: '10.1.2.3',
      serverPowerState: 'off',
    });
  });

  it('names the file and the path of a bad field', () => {
    const file = join(FIXTURES, 'sandbox-bad.yaml');
    const problems = problemsOf(() => loadScenario(file));
    expect(problems).toEqual([`scenario ${file}: github.issues.0.number: expected number, received string`]);
  });

  it.each([
    [
      '{"github":{"issues":[{"repo":"nope","number":1,"title":"t"}]}}',
      'github.issues.0.repo: expected owner/name',
    ],
    [
      '{"inventory":{"servers":[{"id":"1","hostname":"h","ip":"10.1.2","environment":"E","application":"A"}]}}',
      'inventory.servers.0.ip: expected a dotted IPv4 address',
    ],
    ['{"network":{"10.1.2.3":{"ping":"yes"}}}', 'network.10.1.2.3.ping: expected boolean'],
    ['{"network":{"host-1":{"ping":true}}}', 'network.host-1: expected a dotted IPv4 address'],
    [
      '{"nessus":{"scanner-1":{}}}',
      'nessus.scanner-1.status: expected the status the scanner reports (ready, loading, ...); only a scanner with silent: true has none',
    ],
    ['{"nessus":{"scanner-1":{"silent":false}}}', 'nessus.scanner-1.status: expected the status'],
    ['{"nessus":{"scanner-1":{"silent":"yes"}}}', 'nessus.scanner-1.silent: expected boolean'],
    [
      '{"softlayer":{"accounts":{"1FR":{}}}}',
      'softlayer.accounts.1FR: expected an account name (a letter, then letters, digits and "_", e.g. ALC_FR2)',
    ],
    ['{"softlayer":{"name":"ALC-1"}}', 'softlayer.name: expected an account name'],
    [
      '{"softlayer":{"accounts":{"alc":{}}}}',
      'softlayer.accounts.alc: account alc is named twice (names are compared in upper case; ALC is the top-level account, called by softlayer.name)',
    ],
    [
      '{"softlayer":{"name":"PRIMARY","accounts":{"FR2":{},"fr2":{}}}}',
      'softlayer.accounts.fr2: account fr2 is named twice (names are compared in upper case; FR2 is another account)',
    ],
    [
      '{"softlayer":{"hardware":[{"id":7}],"accounts":{"FR2":{"hardware":[{"id":8},{"id":7}]}}}}',
      'softlayer.accounts.FR2.hardware.1.id: hardware id 7 is also in account ALC (SoftLayer ids name one object of one account)',
    ],
    ['{"softlayer":{"accounts":{"FR2":{"down":"yes"}}}}', 'softlayer.accounts.FR2.down: expected boolean'],
    ['{"softlayer":{"accounts":{"FR2":{"subnets":{}}}}}', 'softlayer.accounts.FR2.subnets: expected array'],
    ['{"environments":{"PROD":["bad name"]}}', 'environments.PROD'],
    [
      '{"github":{"issues":[{"repo":"a/b","number":1,"title":"t"},{"repo":"A/b","number":1,"title":"u"}]}}',
      'github.issues.1.number: duplicate issue A/b#1',
    ],
    ['[1,2]', '(top level): expected object'],
  ])('rejects %s', (text, expected) => {
    const problems = problemsOf(() => parseScenario(text, 'w.json'));
    expect(problems.join('\n')).toContain(`scenario w.json: ${expected}`);
  });

  it('reads further SoftLayer accounts, each with its own lists', () => {
    const scenario = loadScenario(join(FIXTURES, 'two-accounts.yaml'));
    expect(scenario.softlayer.name).toBe('ALC');
    expect(scenario.softlayer.hardware.map((hw) => hw.id)).toEqual([3101]);
    const fr2 = scenario.softlayer.accounts?.ALC_FR2;
    expect(fr2?.hardware.map((hw) => hw.id)).toEqual([4101]);
    expect(fr2?.virtualGuests.map((guest) => guest.id)).toEqual([7101, 7102]);
    expect(fr2?.tickets.map((ticket) => ticket.id)).toEqual([98102]);
    expect(fr2?.down).toBeUndefined();

    const other = parseScenario(
      JSON.stringify({ softlayer: { accounts: { ALC_FR2: { down: true } } } }),
      'w.json',
    );
    expect(other.softlayer.accounts).toEqual({
      ALC_FR2: { hardware: [], virtualGuests: [], subnets: [], tickets: [], down: true },
    });
  });

  it('reads silent scanners, which need no status', () => {
    const other = parseScenario(
      JSON.stringify({
        nessus: { dead: { silent: true }, stuck: { status: 'loading', progress: 10, silent: false } },
      }),
      'w.json',
    );
    expect(other.nessus).toEqual({
      dead: { silent: true },
      stuck: { status: 'loading', progress: 10, silent: false },
    });
  });

  it('allows the same id in different lists, and in one account twice, as before', () => {
    const scenario = parseScenario(
      JSON.stringify({
        softlayer: {
          hardware: [{ id: 7 }, { id: 7 }],
          virtualGuests: [{ id: 7 }],
          accounts: { FR2: { subnets: [{ id: 7 }], tickets: [{ id: 7 }] } },
        },
      }),
      'w.json',
    );
    expect(scenario.softlayer.accounts?.FR2?.subnets).toEqual([{ id: 7 }]);
  });

  it('says when the file is not valid YAML or JSON, or missing', () => {
    expect(problemsOf(() => parseScenario('github: [', 'w.yaml'))[0]).toMatch(
      /^scenario w\.yaml: not valid YAML: /,
    );
    expect(problemsOf(() => parseScenario('{"github":', 'w.json'))[0]).toMatch(
      /^scenario w\.json: not valid JSON: /,
    );
    expect(problemsOf(() => loadScenario('/nonexistent/s.yaml'))).toEqual([
      'scenario /nonexistent/s.yaml: cannot read it (no such file)',
    ]);
  });

  it('reads JSON content whatever the extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scenario-test-'));
    const file = join(dir, 'world.txt');
    writeFileSync(file, '{"nessus":{"s1":{"status":"ready"}}}');
    expect(loadScenario(file).nessus).toEqual({ s1: { status: 'ready' } });
  });
});
