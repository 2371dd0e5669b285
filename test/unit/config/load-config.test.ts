import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError, ErrorCode } from '../../../src/errors.js';
import { DEFAULT_LINKS } from '../../../src/runbook/links.js';
import { fullEnv } from './full-env.js';

/** The ConfigError loadConfig throws, for assertions on its lines. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).code).toBe(ErrorCode.ConfigInvalid);
    const problems = (error as ConfigError).problems;
    expect((error as ConfigError).message).toBe(problems.join('\n'));
    return problems;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig defaults', () => {
  it('needs nothing in cli mode and applies every default', () => {
    const config = loadConfig({});
    expect(config.mode).toBe('cli');
    expect(config.logLevel).toBe('info');
    expect(config.port).toBe(3000);
    expect(config.slack).toEqual({
      apiUrl: 'https://slack.com/api/',
      botToken: null,
      signingSecret: null,
      appToken: null,
      socketMode: false,
      authorizedUsers: [],
      authorizedUsergroups: [],
      alertChannels: [],
    });
    expect(config.database).toEqual({
      kind: 'sqlite',
      url: 'sqlite:./data/nessus-gap.db',
      path: './data/nessus-gap.db',
    });
    expect(config.github).toBeNull();
    expect(config.softlayer).toBeNull();
    expect(config.tenable).toBeNull();
    expect(config.inventory).toBeNull();
    expect(config.configFile).toBeNull();
    expect(config.environments['PROD-US-SOUTH']).toEqual(['prod-dal09-infra-nessus-01']);
    expect(config.environments['DEV-PRESTAGE']).toEqual([
      'dev-mon01-infra-nessus-01',
      'prestage-mon01-infra-nessus-01',
    ]);
    expect(Object.keys(config.environments)).toHaveLength(9);
    expect(config.datacenters).toEqual({});
    expect(config.scanners).toEqual({});
    expect(config.probe).toEqual({
      mode: 'local',
      simulatedUrl: null,
      allowedCidrs: [],
      concurrency: 32,
      timeoutMs: 3000,
      batchSize: 160,
      batchesPerScanner: 4,
      scannerParallelism: 64,
    });
    expect(config.links).toEqual(DEFAULT_LINKS);
    expect(config.alert).toEqual({ pattern: 'GAP ALERT', issueTitlePattern: 'GAP ALERT' });
    expect(config.schedule).toEqual({
      recheck: '0 * * * *',
      reminder: '0 9 * * 1-5',
      scannerHealth: '*/15 * * * *',
      digest: '0 8 * * 1',
      timezone: 'UTC',
      healthChannel: null,
      digestChannel: null,
    });
    expect(config.http).toEqual({ timeoutMs: 10000, retries: 3, paceGithubWrites: false });
    expect(config.secrets()).toEqual([]);
  });

  it('defaults SOFTLAYER_API_URL when the SoftLayer credentials are set', () => {
    const config = loadConfig(fullEnv(), { mode: 'investigate' });
    expect(config.softlayer).toEqual({
      accounts: [
        {
          name: 'ALC',
          apiUrl: 'https://api.softlayer.com/rest/v3.1/',
          username: 'sl-user',
          apiKey: 'softlayer-key-0004',
        },
      ],
    });
  });

  it('treats a blank variable as unset', () => {
    const config = loadConfig({ PORT: '  ', SLACK_API_URL: '', LOG_LEVEL: '' });
    expect(config.port).toBe(3000);
    expect(config.slack.apiUrl).toBe('https://slack.com/api/');
    expect(config.logLevel).toBe('info');
  });
});

describe('loadConfig parses every variable', () => {
  it('reads the whole environment into typed sections', () => {
    const config = loadConfig(
      fullEnv({
        SLACK_APP_TOKEN: 'xapp-app-token-0007',
        SLACK_API_URL: 'http://127.0.0.1:4000/api/',
        PORT: '8080',
        AUTHORIZED_USERS: 'U012AB3CD, W0123456 ,,U012AB3CD',
        AUTHORIZED_USERGROUPS: 'S0614TZR7',
        ALERT_CHANNELS: 'C0123456789,G0123ABCD',
        DATABASE_URL: 'postgres://bot:db%40pass-0008@db.example.com:5432/nessus',
        SOFTLAYER_API_URL: 'http://127.0.0.1:4001/rest/v3.1/',
        INVENTORY_API_URL: 'https://inventory.example.com/api',
        INVENTORY_API_TOKEN: 'inventory-token-0009',
        LOG_LEVEL: 'DEBUG',
      }),
      { mode: 'serve' },
    );
    expect(config.mode).toBe('serve');
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('debug');
    expect(config.slack).toEqual({
      apiUrl: 'http://127.0.0.1:4000/api/',
      botToken: 'xoxb-bot-token-0001',
      signingSecret: 'signing-secret-0002',
      appToken: 'xapp-app-token-0007',
      socketMode: true,
      authorizedUsers: ['U012AB3CD', 'W0123456'],
      authorizedUsergroups: ['S0614TZR7'],
      alertChannels: ['C0123456789', 'G0123ABCD'],
    });
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://bot:db%40pass-0008@db.example.com:5432/nessus',
    });
    expect(config.github).toEqual({
      apiUrl: 'https://github.example.com/api/v3',
      token: 'ghp_github_token_0003',
      gapIssuesRepo: 'alchemy-conductors/alcatraz',
      decomTicketsRepo: 'alchemy-conductors/team',
    });
    expect(config.softlayer?.accounts[0]?.apiUrl).toBe('http://127.0.0.1:4001/rest/v3.1/');
    expect(config.tenable).toEqual({
      url: 'https://tenable.example.com',
      accessKey: 'tenable-access-0005',
      secretKey: 'tenable-secret-0006',
    });
    expect(config.inventory).toEqual({
      apiUrl: 'https://inventory.example.com/api',
      token: 'inventory-token-0009',
    });
    expect(config.secrets().sort()).toEqual(
      [
        'xoxb-bot-token-0001',
        'signing-secret-0002',
        'xapp-app-token-0007',
        'ghp_github_token_0003',
        'softlayer-key-0004',
        'tenable-access-0005',
        'tenable-secret-0006',
        'db@pass-0008',
        'inventory-token-0009',
      ].sort(),
    );
  });

  it('accepts sqlite:PATH, postgres:// and postgresql:// for DATABASE_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/nessus-gap/db.sqlite' }).database).toEqual({
      kind: 'sqlite',
      url: 'sqlite:/var/lib/nessus-gap/db.sqlite',
      path: '/var/lib/nessus-gap/db.sqlite',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.example.com/nessus' }).database.kind).toBe('postgres');
    for (const bad of ['mysql://db/x', 'sqlite:', 'postgres://', './data/x.db']) {
      expect(problemsOf(() => loadConfig({ DATABASE_URL: bad }))).toEqual([
        'DATABASE_URL is malformed: expected sqlite:PATH (e.g. sqlite:./data/nessus-gap.db) or postgres://USER:PASSWORD@HOST:5432/DATABASE.',
      ]);
    }
  });

  it('accepts only http(s) URLs', () => {
    const problems = problemsOf(() =>
      loadConfig({
        GITHUB_API_URL: 'ftp://github.example.com',
        TENABLE_SC_URL: 'tenable.example.com',
        INVENTORY_API_URL: 'https://inventory.example.com',
      }),
    );
    expect(problems).toEqual([
      'GITHUB_API_URL is malformed: expected an http(s) URL such as https://github.example.com/api/v3.',
      'TENABLE_SC_URL is malformed: expected an http(s) URL such as https://tenable-sc.example.com.',
    ]);
  });

  it('names every bad Slack id, port, log level and repository', () => {
    const problems = problemsOf(() =>
      loadConfig({
        AUTHORIZED_USERS: 'U012AB3CD,alice,C0123',
        AUTHORIZED_USERGROUPS: 'U012AB3CD',
        ALERT_CHANNELS: '#alerts',
        PORT: '70000',
        LOG_LEVEL: 'verbose',
        GAP_ISSUES_REPO: 'alcatraz',
      }),
    );
    expect(problems).toHaveLength(6);
    expect(problems).toContainEqual(
      expect.stringMatching(/^AUTHORIZED_USERS is malformed: "alice", "C0123" are not a Slack user id/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^AUTHORIZED_USERGROUPS is malformed: "U012AB3CD" is not a Slack user group id/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^ALERT_CHANNELS is malformed: "#alerts" is not a Slack channel id/),
    );
    expect(problems).toContain('PORT is malformed: "70000" is not a port number (0-65535).');
    expect(problems).toContain(
      'LOG_LEVEL is malformed: "verbose" is not one of fatal, error, warn, info, debug, trace, silent.',
    );
    expect(problems).toContain(
      'GAP_ISSUES_REPO is malformed: "alcatraz" is not owner/name (e.g. alchemy-conductors/alcatraz).',
    );
  });
});

describe('loadConfig problems', () => {
  it('reports one line per problem: two missing and one malformed make three lines', () => {
    const env = fullEnv({ PORT: 'eighty' });
    delete env.GITHUB_TOKEN;
    delete env.TENABLE_SC_URL;
    const problems = problemsOf(() => loadConfig(env, { mode: 'investigate' }));
    expect(problems).toEqual([
      'PORT is malformed: "eighty" is not a port number (0-65535).',
      'GITHUB_TOKEN is not set: create a token with repo scope on your GitHub Enterprise and export it.',
      'TENABLE_SC_URL is not set: export the base URL of your Tenable.sc, e.g. https://tenable-sc.example.com.',
    ]);
  });

  it('reports a malformed required variable once, not also as missing', () => {
    const problems = problemsOf(() =>
      loadConfig(fullEnv({ GITHUB_API_URL: 'not a url' }), { mode: 'investigate' }),
    );
    expect(problems).toEqual([
      'GITHUB_API_URL is malformed: expected an http(s) URL such as https://github.example.com/api/v3.',
    ]);
  });

  it('never prints a secret, even a malformed one', () => {
    const secrets = {
      SLACK_BOT_TOKEN: 'xoxp-user-token-LEAK1',
      SLACK_APP_TOKEN: 'xoxb-wrong-kind-LEAK2',
      SLACK_SIGNING_SECRET: 'sign LEAK3',
      GITHUB_TOKEN: 'ghp_LEAK4\nsecond-line',
      SOFTLAYER_API_KEY: 'LEAK5 LEAK5',
      TENABLE_SC_ACCESS_KEY: 'LEAK6\tx',
      TENABLE_SC_SECRET_KEY: 'LEAK7\u0000',
      INVENTORY_API_TOKEN: 'inv LEAK8',
      DATABASE_URL: 'postgres://bot:LEAK9@/nessus',
      INVENTORY_API_URL: 'https://user:LEAK10@/nope',
    };
    const problems = problemsOf(() => loadConfig(fullEnv(secrets), { mode: 'serve' }));
    expect(problems).toHaveLength(Object.keys(secrets).length);
    for (const name of Object.keys(secrets)) {
      expect(problems.some((p) => p.startsWith(`${name} is malformed: `))).toBe(true);
    }
    expect(problems.join('\n')).not.toMatch(/LEAK/);
    expect(problems).toContain(
      "SLACK_BOT_TOKEN is malformed: expected the Bot User OAuth Token from your Slack app's OAuth & Permissions page, which starts with xoxb-.",
    );
    expect(problems).toContain(
      'SOFTLAYER_API_KEY is malformed: it contains spaces, line breaks or control characters: export the value alone.',
    );
  });

  it('hides secrets when the configuration is serialised', () => {
    const config = loadConfig(
      fullEnv({ DATABASE_URL: 'postgres://bot:db-pass-0008@db.example.com/nessus' }),
      { mode: 'serve' },
    );
    const json = JSON.stringify(config);
    for (const secret of config.secrets()) expect(json).not.toContain(secret);
    expect(JSON.parse(json).github.gapIssuesRepo).toBe('alchemy-conductors/alcatraz');
    expect(JSON.parse(json).github.token).toBe('[REDACTED]');
  });
});

describe('loadConfig modes', () => {
  it('serve needs Slack and every integration', () => {
    const problems = problemsOf(() => loadConfig({}, { mode: 'serve' }));
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'SLACK_BOT_TOKEN',
      'GITHUB_API_URL',
      'GITHUB_TOKEN',
      'GAP_ISSUES_REPO',
      'DECOM_TICKETS_REPO',
      'SOFTLAYER_USERNAME',
      'SOFTLAYER_API_KEY',
      'TENABLE_SC_URL',
      'TENABLE_SC_ACCESS_KEY',
      'TENABLE_SC_SECRET_KEY',
      'SLACK_SIGNING_SECRET',
    ]);
    for (const problem of problems) expect(problem).toMatch(/^[A-Z_]+ is not set.*: .+\.$/);
  });

  it('serve takes either a signing secret (HTTP) or an app token (Socket Mode)', () => {
    const http = loadConfig(fullEnv(), { mode: 'serve' });
    expect(http.slack.socketMode).toBe(false);
    const socketEnv = fullEnv({ SLACK_APP_TOKEN: 'xapp-1-A0-0-abc' });
    delete socketEnv.SLACK_SIGNING_SECRET;
    const socket = loadConfig(socketEnv, { mode: 'serve' });
    expect(socket.slack.socketMode).toBe(true);
    expect(socket.slack.signingSecret).toBeNull();
    const neither = fullEnv();
    delete neither.SLACK_SIGNING_SECRET;
    expect(problemsOf(() => loadConfig(neither, { mode: 'serve' }))).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET is not set \(nor SLACK_APP_TOKEN\): .*Socket Mode\.$/),
    ]);
  });

  it('investigate needs GitHub, SoftLayer and Tenable.sc but not Slack', () => {
    const env = fullEnv();
    delete env.SLACK_BOT_TOKEN;
    delete env.SLACK_SIGNING_SECRET;
    const config = loadConfig(env, { mode: 'investigate' });
    expect(config.github.token).toBe('ghp_github_token_0003');
    expect(config.slack.botToken).toBeNull();
    const problems = problemsOf(() => loadConfig({}, { mode: 'investigate' }));
    expect(problems).toHaveLength(9);
    expect(problems.some((p) => p.startsWith('SLACK'))).toBe(false);
  });

  it('uses guided manual mode without INVENTORY_API_URL, and needs its token with it', () => {
    expect(loadConfig(fullEnv(), { mode: 'investigate' }).inventory).toBeNull();
    const problems = problemsOf(() =>
      loadConfig(fullEnv({ INVENTORY_API_URL: 'https://inventory.example.com' }), { mode: 'investigate' }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^INVENTORY_API_TOKEN is not set while INVENTORY_API_URL is/),
    ]);
  });

  it('cli leaves a half-configured integration out instead of failing', () => {
    const config = loadConfig({
      GITHUB_TOKEN: 'ghp_only_token',
      GITHUB_API_URL: 'https://ghe.example.com/api/v3',
    });
    expect(config.github).toBeNull();
    expect(config.secrets()).toEqual(['ghp_only_token']);
  });
});

describe('the returned configuration', () => {
  it('is deeply frozen', () => {
    const config = loadConfig(fullEnv({ AUTHORIZED_USERS: 'U012AB3CD' }), { mode: 'serve' });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.slack)).toBe(true);
    expect(Object.isFrozen(config.slack.authorizedUsers)).toBe(true);
    expect(Object.isFrozen(config.environments)).toBe(true);
    expect(Object.isFrozen(config.environments.STAGE)).toBe(true);
    expect(Object.isFrozen(config.probe.allowedCidrs)).toBe(true);
    expect(() => {
      (config.slack as { botToken: string }).botToken = 'changed';
    }).toThrow(TypeError);
    expect(() => (config.slack.authorizedUsers as string[]).push('U999')).toThrow(TypeError);
  });

  it('returns a fresh secrets list each time', () => {
    const config = loadConfig(fullEnv(), { mode: 'serve' });
    const first = config.secrets();
    first.pop();
    expect(config.secrets()).toHaveLength(first.length + 1);
  });
});
