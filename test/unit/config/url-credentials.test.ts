/**
 * URLs that carry a user and password are refused in the configuration, with a message that does not
 * repeat them; a URL with credentials that reaches a log line anyway (an error message, an API's
 * answer) has them replaced. Also the listening address and the metrics port.
 */
import { Writable } from 'node:stream';
import { loadConfig } from '../../../src/config/load-config.js';
import { ConfigError } from '../../../src/errors.js';
import { createLogger } from '../../../src/logger.js';
import { redactUrlCredentials } from '../../../src/redact-url.js';
import { fullEnv } from './full-env.js';

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('URLs with credentials', () => {
  it.each(['GITHUB_API_URL', 'SLACK_API_URL', 'SOFTLAYER_API_URL', 'TENABLE_SC_URL', 'INVENTORY_API_URL'])(
    '%s with user:password@ is refused without repeating them',
    (name) => {
      const lines = problems(() =>
        loadConfig(
          fullEnv({
            [name]: 'https://hunter:Pa55w0rd-77@host.example.com/api',
            INVENTORY_API_TOKEN: 't0k3n-x',
          }),
          {
            mode: 'serve',
          },
        ),
      );
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${name} is malformed: it carries a user name or password`));
      expect(lines.join('\n')).not.toMatch(/hunter|Pa55w0rd/);
    },
  );

  it('is refused in the configuration file too (a scanner URL)', () => {
    const file = JSON.stringify({
      scanners: { s1: { url: 'https://admin:Pa55w0rd-77@nessus.example.com:8834' } },
    });
    const lines = problems(() =>
      loadConfig(fullEnv({ NESSUS_GAP_CONFIG: 'nessus-gap.json' }), { mode: 'serve', readFile: () => file }),
    );
    expect(lines.join('\n')).toMatch(/scanners\.s1\.url: it carries a user name or password/);
    expect(lines.join('\n')).not.toMatch(/admin|Pa55w0rd/);
  });

  it('is scrubbed from every log line, whatever text carried it', () => {
    const chunks: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.error(
      {
        err: 'Request cannot be constructed from a URL that includes credentials: http://hunter:Pa55w0rd-77@ghe.example.com/api/v3/user',
      },
      'failed against https://u%40corp:p%3Ass@h.example/x and postgres://app:Pa55w0rd-78@db:5432/ng',
    );
    const line = chunks.join('');
    expect(line).not.toMatch(/hunter|Pa55w0rd|u%40corp|p%3Ass/);
    expect(line).toContain('http://[REDACTED]@ghe.example.com/api/v3/user');
    expect(line).toContain('postgres://[REDACTED]@db:5432/ng');
  });

  it.each([
    ['http://user:pass@host/x', 'http://[REDACTED]@host/x'],
    ['see <https://a:b@c.example|link>', 'see <https://[REDACTED]@c.example|link>'],
    ['https://host/path?next=http://x', 'https://host/path?next=http://x'],
    ['mailto:a@b and ://@x', 'mailto:a@b and ://@x'],
    ['http://p:a@ss@host:1/', 'http://[REDACTED]@host:1/'],
  ])('redacts %j', (text, expected) => {
    expect(redactUrlCredentials(text)).toBe(expected);
  });
});

describe('where the server listens', () => {
  it('defaults to every address, PORT, and metrics beside Slack', () => {
    const config = loadConfig(fullEnv(), { mode: 'serve' });
    expect(config.listenHost).toBe('0.0.0.0');
    expect(config.metricsPort).toBeNull();
  });

  it('takes LISTEN_HOST and METRICS_PORT', () => {
    const config = loadConfig(fullEnv({ LISTEN_HOST: '127.0.0.1', METRICS_PORT: '9464' }), { mode: 'serve' });
    expect(config.listenHost).toBe('127.0.0.1');
    expect(config.metricsPort).toBe(9464);
  });

  it('refuses a host name to listen on, and METRICS_PORT equal to PORT', () => {
    expect(
      problems(() => loadConfig(fullEnv({ LISTEN_HOST: 'bot.example.com' }), { mode: 'serve' })),
    ).toEqual([
      'LISTEN_HOST is malformed: expected an IP address of this machine to listen on, e.g. 127.0.0.1, 0.0.0.0 or ::.',
    ]);
    expect(
      problems(() => loadConfig(fullEnv({ PORT: '8080', METRICS_PORT: '8080' }), { mode: 'serve' })),
    ).toEqual([
      'METRICS_PORT is the same as PORT: give /metrics a port of its own, or unset METRICS_PORT to serve it on PORT.',
    ]);
  });
});
