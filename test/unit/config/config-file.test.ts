import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/errors.js';
import { DEFAULT_LINKS } from '../../../src/runbook/links.js';

/** loadConfig with NESSUS_GAP_CONFIG pointing at an in-memory file. */
function withFile(path: string, text: string, env: NodeJS.ProcessEnv = {}) {
  return loadConfig(
    { ...env, NESSUS_GAP_CONFIG: path },
    {
      readFile: (asked) => {
        expect(asked).toBe(path);
        return text;
      },
    },
  );
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

const YAML_FILE = `
environments:
  STAGE: stage-wdc04-infra-nessus-02
  prod-ca-tor: [prod-tor01-infra-nessus-01, prod-dal09-infra-nessus-01]
datacenters:
  DAL10: prod-us-south
scanners:
  prod-dal09-infra-nessus-01:
    url: https://[::1]:8834
    accessKey: nessus-access-0001
    secretKey: nessus-secret-0002
probe:
  mode: simulated
  simulatedUrl: http://127.0.0.1:4010/
  allowedCidrs: [10.0.0.0/8, 10.1.2.10-20, 192.168.1.1]
  concurrency: 8
links:
  inventoryDashboard: https://inventory.example.com/dash
alert:
  pattern: 'GAP ALERT|Nessus gap'
schedule:
  timezone: Europe/London
  healthChannel: C0123456789
http:
  retries: 0
`;

describe('NESSUS_GAP_CONFIG', () => {
  it('reads a YAML file and merges environments into the runbook table key by key', () => {
    const config = withFile('/etc/nessus-gap/config.yaml', YAML_FILE);
    expect(config.configFile).toBe('/etc/nessus-gap/config.yaml');
    expect(config.environments.STAGE).toEqual(['stage-wdc04-infra-nessus-02']);
    expect(config.environments['PROD-CA-TOR']).toEqual([
      'prod-tor01-infra-nessus-01',
      'prod-dal09-infra-nessus-01',
    ]);
    expect(config.environments['PROD-US-SOUTH']).toEqual(['prod-dal09-infra-nessus-01']);
    expect(config.environments.FOUNDATION).toEqual(['sup-wdc04-infra-nessus-01']);
    expect(Object.keys(config.environments)).toHaveLength(10);
    expect(config.datacenters).toEqual({ dal10: 'PROD-US-SOUTH' });
    expect(config.scanners['prod-dal09-infra-nessus-01']).toEqual({
      url: 'https://[::1]:8834',
      accessKey: 'nessus-access-0001',
      secretKey: 'nessus-secret-0002',
      sshHost: '::1',
      sshPort: 22,
      sshUser: null,
      sshPrivateKeyPath: null,
      sshHostKey: null,
      tls: { caFile: null, ca: null, fingerprint256: null, insecure: false },
    });
    expect(config.probe).toEqual({
      mode: 'simulated',
      simulatedUrl: 'http://127.0.0.1:4010/',
      allowedCidrs: ['10.0.0.0/8', '10.1.2.10-20', '192.168.1.1'],
      concurrency: 8,
      timeoutMs: 3000,
      batchSize: 160,
      batchesPerScanner: 4,
      scannerParallelism: 64,
    });
    expect(config.links).toEqual({
      ...DEFAULT_LINKS,
      inventoryDashboard: 'https://inventory.example.com/dash',
    });
    expect(config.alert).toEqual({ pattern: 'GAP ALERT|Nessus gap', issueTitlePattern: 'GAP ALERT' });
    expect(config.schedule.timezone).toBe('Europe/London');
    expect(config.schedule.healthChannel).toBe('C0123456789');
    expect(config.schedule.recheck).toBe('0 * * * *');
    expect(config.http).toEqual({ timeoutMs: 10000, retries: 0, paceGithubWrites: false });
    expect(config.secrets()).toEqual(['nessus-access-0001', 'nessus-secret-0002']);
    expect(Object.isFrozen(config.scanners['prod-dal09-infra-nessus-01'])).toBe(true);
  });

  it('reads the same settings from JSON', () => {
    const config = withFile(
      'config.json',
      JSON.stringify({
        environments: { STAGE: ['stage-a', 'stage-b'] },
        probe: { mode: 'local', timeoutMs: 500 },
      }),
    );
    expect(config.environments.STAGE).toEqual(['stage-a', 'stage-b']);
    expect(config.probe.timeoutMs).toBe(500);
  });

  it('names the file and the path of the bad field', () => {
    const problems = problemsOf(() =>
      withFile(
        '/path/x.yaml',
        'scanners:\n  prod-dal09-infra-nessus-01:\n    url: not a url\nprobe:\n  allowedCidrs: [10.0.0.0/8, 10.0.0/8]\n',
      ),
    );
    expect(problems).toEqual([
      'NESSUS_GAP_CONFIG (/path/x.yaml): scanners.prod-dal09-infra-nessus-01.url: Invalid URL',
      'NESSUS_GAP_CONFIG (/path/x.yaml): probe.allowedCidrs[1]: not an IPv4 CIDR, range or address (e.g. 10.0.0.0/8)',
    ]);
  });

  it('rejects unknown keys, naming the known ones at the top level', () => {
    const problems = problemsOf(() =>
      withFile('c.yaml', 'scaners: {}\nprobe:\n  mode: local\n  timeout: 5\n'),
    );
    expect(problems).toEqual([
      'NESSUS_GAP_CONFIG (c.yaml): probe: unknown key "timeout"',
      'NESSUS_GAP_CONFIG (c.yaml): unknown key "scaners"; the known keys are environments, datacenters, scanners, softlayer, decommission, tls, probe, links, alert, schedule, http',
    ]);
  });

  it('checks the cross-field rules of the probe modes', () => {
    expect(problemsOf(() => withFile('c.yaml', 'probe: { mode: simulated }'))).toEqual([
      'NESSUS_GAP_CONFIG (c.yaml): probe.simulatedUrl: required when probe.mode is simulated',
    ]);
    const ssh = 'probe: { mode: ssh }\nscanners:\n  s1: { url: "https://s1:8834", sshUser: scan }\n';
    expect(problemsOf(() => withFile('c.yaml', ssh))).toEqual([
      'NESSUS_GAP_CONFIG (c.yaml): scanners.s1.sshPrivateKeyPath: required when probe.mode is ssh',
      'NESSUS_GAP_CONFIG (c.yaml): scanners.s1.sshHostKey: required when probe.mode is ssh',
    ]);
    const complete = (hostKey: string) =>
      ssh.replace('sshUser: scan', `sshUser: scan, sshPrivateKeyPath: /k, sshHostKey: "${hostKey}"`);
    const base64 = `SHA256:${'a'.repeat(43)}`;
    expect(withFile('c.yaml', complete(base64)).scanners.s1?.sshHostKey).toBe(base64);
    const hex = Array.from({ length: 32 }, () => 'ab').join(':');
    expect(withFile('c.yaml', complete(hex)).scanners.s1?.sshHostKey).toBe(hex);
    expect(problemsOf(() => withFile('c.yaml', complete('MD5:aa:bb')))).toEqual([
      expect.stringMatching(
        /^NESSUS_GAP_CONFIG \(c\.yaml\): scanners\.s1\.sshHostKey: expected a SHA-256 fingerprint/,
      ),
    ]);
  });

  it('validates schedules, time zones, patterns, channels and scanner keys', () => {
    const problems = problemsOf(() =>
      withFile(
        'c.yaml',
        [
          'schedule: { recheck: "61 * * * *", timezone: Mars/Olympus, healthChannel: alerts }',
          'alert: { pattern: "([" }',
          'scanners:',
          '  s1: { url: "ftp://s1", accessKey: only-half-LEAK }',
          'environments: { STAGE: 42 }',
          'http: { retries: -1 }',
        ].join('\n'),
      ),
    );
    expect(problems).toEqual([
      'NESSUS_GAP_CONFIG (c.yaml): environments.STAGE: expected a scanner name or a list of scanner names',
      'NESSUS_GAP_CONFIG (c.yaml): scanners.s1.url: Invalid URL',
      'NESSUS_GAP_CONFIG (c.yaml): scanners.s1.secretKey: set accessKey and secretKey together (Nessus: Settings > My Account > API Keys)',
      expect.stringMatching(/^NESSUS_GAP_CONFIG \(c\.yaml\): alert\.pattern: not a regular expression/),
      expect.stringMatching(
        /^NESSUS_GAP_CONFIG \(c\.yaml\): schedule\.recheck: not a cron expression \(.*61/,
      ),
      'NESSUS_GAP_CONFIG (c.yaml): schedule.timezone: not an IANA time zone such as UTC or Europe/London',
      'NESSUS_GAP_CONFIG (c.yaml): schedule.healthChannel: not a Slack channel id (C… or G…)',
      expect.stringMatching(/^NESSUS_GAP_CONFIG \(c\.yaml\): http\.retries: /),
    ]);
    expect(problems.join('\n')).not.toContain('LEAK');
  });

  it('never prints a malformed scanner key from the file', () => {
    const problems = problemsOf(() =>
      withFile(
        'c.json',
        '{"scanners": {"s1": {"url": "https://s1:8834", "accessKey": "two LEAK", "secretKey": 7}}}',
      ),
    );
    expect(problems).toEqual([
      'NESSUS_GAP_CONFIG (c.json): scanners.s1.accessKey: must be one word, without spaces or line breaks',
      'NESSUS_GAP_CONFIG (c.json): scanners.s1.secretKey: expected a string: put the key in quotes',
    ]);
  });

  it('reports unreadable and unparsable files in one line each, with env problems alongside', () => {
    const unreadable = problemsOf(() =>
      loadConfig(
        { NESSUS_GAP_CONFIG: '/missing.yaml', PORT: 'x' },
        {
          readFile: () => {
            throw new Error('ENOENT: no such file or directory');
          },
        },
      ),
    );
    expect(unreadable).toEqual([
      'PORT is malformed: "x" is not a port number (0-65535).',
      'NESSUS_GAP_CONFIG (/missing.yaml): cannot read the file (ENOENT: no such file or directory): check the path, or unset it.',
    ]);
    const yaml = problemsOf(() => withFile('bad.yaml', 'probe:\n  mode: local\n mode: ssh\n'));
    expect(yaml).toEqual([
      expect.stringMatching(/^NESSUS_GAP_CONFIG \(bad\.yaml\): not valid YAML: .*line \d+/),
    ]);
    const json = problemsOf(() => withFile('bad.json', '{"probe": {"mode": "local",, "secret-LEAK": 1}'));
    expect(json).toEqual([expect.stringMatching(/^NESSUS_GAP_CONFIG \(bad\.json\): not valid JSON: /)]);
    expect(json[0]).not.toContain('LEAK');
    expect(problemsOf(() => withFile('list.yaml', '- a\n- b\n'))).toEqual([
      'NESSUS_GAP_CONFIG (list.yaml): expected a mapping of settings (environments, scanners, probe, ...) at the top level',
    ]);
  });

  it('treats an empty file as all defaults', () => {
    const config = withFile('empty.yaml', '');
    expect(config.probe.mode).toBe('local');
    expect(Object.keys(config.environments)).toHaveLength(9);
  });

  it('reads the file from disk by default, and the documented example is valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nessus-gap-config-'));
    try {
      const path = join(dir, 'config.yaml');
      writeFileSync(path, 'probe:\n  concurrency: 4\n');
      expect(loadConfig({ NESSUS_GAP_CONFIG: path }).probe.concurrency).toBe(4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const examplePath = fileURLToPath(new URL('../../../examples/nessus-gap.config.yaml', import.meta.url));
    const example = loadConfig({ NESSUS_GAP_CONFIG: examplePath });
    expect(example.probe.mode).toBe('ssh');
    expect(example.environments['PROD-CA-TOR']).toHaveLength(2);
    expect(example.scanners['stage-dal09-infra-nessus-01']?.sshPort).toBe(2222);
  });
});

describe('several SoftLayer accounts', () => {
  const FILE = `
softlayer:
  name: alc
  accounts:
    ALC_FR2: {}
    lab: { apiUrl: "https://api.service.softlayer.com/rest/v3.1/" }
`;
  const BASE = { SOFTLAYER_USERNAME: 'sl-user', SOFTLAYER_API_KEY: 'key-primary-0001' };

  it('looks in the account of SOFTLAYER_* first, then in each listed account with its own variables', () => {
    const config = withFile('/etc/ng.yaml', FILE, {
      ...BASE,
      SOFTLAYER_ALC_FR2_USERNAME: 'fr2-user',
      SOFTLAYER_ALC_FR2_API_KEY: 'key-fr2-0002',
      SOFTLAYER_LAB_USERNAME: 'lab-user',
      SOFTLAYER_LAB_API_KEY: 'key-lab-0003',
    });
    expect(config.softlayer?.accounts).toEqual([
      {
        name: 'ALC',
        apiUrl: 'https://api.softlayer.com/rest/v3.1/',
        username: 'sl-user',
        apiKey: 'key-primary-0001',
      },
      {
        name: 'ALC_FR2',
        apiUrl: 'https://api.softlayer.com/rest/v3.1/',
        username: 'fr2-user',
        apiKey: 'key-fr2-0002',
      },
      {
        name: 'LAB',
        apiUrl: 'https://api.service.softlayer.com/rest/v3.1/',
        username: 'lab-user',
        apiKey: 'key-lab-0003',
      },
    ]);
    expect(config.secrets()).toEqual(
      expect.arrayContaining(['key-primary-0001', 'key-fr2-0002', 'key-lab-0003']),
    );
    expect(JSON.stringify(config)).not.toContain('key-fr2-0002');
  });

  it('names the missing variables of a listed account, without quoting any secret', () => {
    const problems = problemsOf(() =>
      loadConfig(
        { ...BASE, NESSUS_GAP_CONFIG: '/etc/ng.yaml', SOFTLAYER_LAB_API_KEY: 'key with space' },
        { mode: 'investigate', readFile: () => FILE },
      ),
    );
    expect(problems.filter((line) => line.startsWith('SOFTLAYER_'))).toEqual([
      expect.stringMatching(
        /^SOFTLAYER_ALC_FR2_USERNAME is not set: the configuration file lists account ALC_FR2/,
      ),
      expect.stringMatching(/^SOFTLAYER_ALC_FR2_API_KEY is not set: /),
      expect.stringMatching(/^SOFTLAYER_LAB_USERNAME is not set: /),
      expect.stringMatching(/^SOFTLAYER_LAB_API_KEY is malformed: /),
    ]);
    expect(problems.join('\n')).not.toContain('key with space');
  });

  it('refuses an account named twice, the first one included', () => {
    const problems = problemsOf(() =>
      withFile('/etc/ng.yaml', 'softlayer:\n  accounts:\n    alc: {}\n', BASE),
    );
    expect(problems).toEqual([expect.stringMatching(/softlayer\.accounts\.alc: account alc is named twice/)]);
  });
});
