/**
 * SshProbe against an ssh2 Server on 127.0.0.1 that plays the scanner: it checks each exec request
 * against the exact command strings and answers with an exit code, running nothing, so no packet
 * ever goes to the 10.x addresses named in the commands.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { type Connection, Server, utils } from 'ssh2';
import { ConfigError, ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { createProbe, sshScannersFromConfig } from '../../../src/integrations/probe/create-probe.js';
import { pingCommand, tcp22Command } from '../../../src/integrations/probe/probe-commands.js';
import { SshProbe, type SshScannerAccess } from '../../../src/integrations/probe/ssh-probe.js';
import { silentLogger } from '../../../src/logger.js';

const SCANNER = 'prod-dal09-infra-nessus-01';
const USER = 'nessus-probe';

/** What the fake scanner answers, by exact command; anything else exits 2 and is recorded. */
const ANSWERS: Record<string, number> = {
  'ping -c 1 -W 2 10.1.2.3': 0,
  'nc -zv -w 3 10.1.2.3 22': 1,
  'ping -c 1 -W 2 10.1.2.4': 1,
  'nc -zv -w 3 10.1.2.4 22': 0,
  'ping -c 1 -W 2 10.1.2.5': 0,
  'nc -zv -w 3 10.1.2.5 22': 127,
};

const hostKey = utils.generateKeyPairSync('ed25519');
const otherHostKey = utils.generateKeyPairSync('ed25519');
const clientKey = utils.generateKeyPairSync('ed25519');

let server: Server;
let port: number;
let connections = 0;
let commands: string[] = [];
let unexpected: string[] = [];
let inFlight = 0;
let maxInFlight = 0;
const probes: SshProbe[] = [];

function publicBlob(publicKey: string): Buffer {
  const parsed = utils.parseKey(publicKey);
  if (parsed instanceof Error) throw parsed;
  return parsed.getPublicSSH();
}

function fingerprint(publicKey: string, form: 'base64' | 'hex'): string {
  const digest = createHash('sha256').update(publicBlob(publicKey)).digest();
  return form === 'hex' ? digest.toString('hex') : `SHA256:${digest.toString('base64').replace(/=+$/, '')}`;
}

function serve(client: Connection): void {
  connections++;
  const allowed = utils.parseKey(clientKey.public);
  if (allowed instanceof Error) throw allowed;
  const allowedBlob = allowed.getPublicSSH();
  client.on('authentication', (ctx) => {
    if (ctx.method !== 'publickey' || ctx.username !== USER) return ctx.reject(['publickey']);
    const offered = ctx.key.data;
    if (offered.length !== allowedBlob.length || !timingSafeEqual(offered, allowedBlob)) return ctx.reject();
    if (ctx.signature && ctx.blob && !allowed.verify(ctx.blob, ctx.signature, ctx.hashAlgo))
      return ctx.reject();
    ctx.accept();
  });
  client.on('ready', () => {
    client.on('session', (accept) => {
      const session = accept();
      session.on('exec', (acceptExec, _reject, info) => {
        const stream = acceptExec();
        commands.push(info.command);
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const code = ANSWERS[info.command];
        if (code === undefined) unexpected.push(info.command);
        setTimeout(() => {
          inFlight--;
          stream.exit(code ?? 2);
          stream.end();
        }, 15);
      });
    });
  });
  client.on('error', () => {});
}

function access(overrides: Partial<SshScannerAccess> = {}): Record<string, SshScannerAccess> {
  return {
    [SCANNER]: {
      host: '127.0.0.1',
      port,
      username: USER,
      privateKey: clientKey.private,
      hostKey: fingerprint(hostKey.public, 'base64'),
      ...overrides,
    },
  };
}

function makeProbe(
  overrides: Partial<SshScannerAccess> = {},
  options: { maxSessionsPerScanner?: number } = {},
) {
  const counter = createCallCounter();
  const probe = new SshProbe({ scanners: access(overrides), timeoutMs: 3000, counter, ...options });
  probes.push(probe);
  return { probe, counter };
}

beforeAll(async () => {
  server = new Server({ hostKeys: [hostKey.private] }, serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(() => {
  for (const probe of probes.splice(0)) probe.close();
  connections = 0;
  commands = [];
  unexpected = [];
  maxInFlight = 0;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('SshProbe', () => {
  it('accepts the pinned host key and reads ping and nc exit codes', async () => {
    const { probe, counter } = makeProbe();
    await expect(probe.probe('10.1.2.3', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
    await expect(probe.probe('10.1.2.4', SCANNER)).resolves.toEqual({ ping: false, tcp22: true });
    expect(commands.sort()).toEqual(
      [
        'nc -zv -w 3 10.1.2.3 22',
        'nc -zv -w 3 10.1.2.4 22',
        'ping -c 1 -W 2 10.1.2.3',
        'ping -c 1 -W 2 10.1.2.4',
      ].sort(),
    );
    expect(unexpected).toEqual([]);
    expect(connections).toBe(1);
    expect(counter.outcomes().probe).toEqual({ ok: 2, error: 0 });
  });

  it('accepts a pin written as hex with colons', async () => {
    const hex = fingerprint(hostKey.public, 'hex').match(/../g)?.join(':') ?? '';
    const { probe } = makeProbe({ hostKey: hex });
    await expect(probe.probe('10.1.2.3', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
  });

  it('reuses one connection for many probes, with a bound on sessions', async () => {
    const { probe } = makeProbe({}, { maxSessionsPerScanner: 2 });
    const ips = ['10.1.2.3', '10.1.2.4', '10.1.2.3', '10.1.2.4', '10.1.2.3', '10.1.2.4'];
    const results = await Promise.all(ips.map((ip) => probe.probe(ip, SCANNER)));
    expect(results.map((r) => r.ping)).toEqual([true, false, true, false, true, false]);
    expect(connections).toBe(1);
    expect(commands).toHaveLength(12);
    expect(maxInFlight).toBe(2);
  });

  it('refuses a scanner whose host key does not match the pin, running nothing', async () => {
    const { probe, counter } = makeProbe({ hostKey: fingerprint(otherHostKey.public, 'base64') });
    const error = await probe.probe('10.1.2.3', SCANNER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as Error).message).toContain(
      `host key of ${SCANNER} (127.0.0.1:${port}) does not match the pinned key`,
    );
    expect((error as Error).message).toContain(fingerprint(hostKey.public, 'base64'));
    expect(commands).toEqual([]);
    expect(counter.outcomes().probe).toEqual({ ok: 0, error: 1 });
  });

  it('rejects an invalid IP before connecting', async () => {
    const { probe } = makeProbe();
    for (const ip of ['10.1.2.3; rm -rf /', '10.1.2.3 && id', '$(id)', '10.1.2', '::1']) {
      await expect(probe.probe(ip, SCANNER)).rejects.toMatchObject({ code: ErrorCode.InputInvalid });
    }
    expect(connections).toBe(0);
  });

  it('says the TCP check was not made when nc cannot run (exit 127)', async () => {
    const { probe } = makeProbe();
    await expect(probe.probe('10.1.2.5', SCANNER)).resolves.toEqual({ ping: true, tcp22: null });
  });

  it('fails a ping that exits with an error status', async () => {
    const { probe } = makeProbe();
    await expect(probe.probe('10.9.9.9', SCANNER)).rejects.toThrow(`ping 10.9.9.9 on ${SCANNER} exited 2`);
    expect(unexpected).toContain('ping -c 1 -W 2 10.9.9.9');
  });

  it('names a login the scanner refuses', async () => {
    const { probe } = makeProbe({ username: 'someone-else' });
    await expect(probe.probe('10.1.2.3', SCANNER)).rejects.toThrow(`could not log in to ${SCANNER}`);
  });

  it('fails clearly for a scanner without SSH settings', async () => {
    const { probe } = makeProbe();
    await expect(probe.probe('10.1.2.3', 'stage-dal09-infra-nessus-01')).rejects.toThrow(
      'no SSH access is configured for scanner stage-dal09-infra-nessus-01',
    );
  });

  it('refuses a malformed pin at construction', () => {
    expect(() => makeProbe({ hostKey: 'SHA256:short' })).toThrow(ConfigError);
  });
});

describe('createProbe in ssh mode', () => {
  it('reads each scanner key file named in the configuration and probes through it', async () => {
    const read: string[] = [];
    const scanners = sshScannersFromConfig(
      {
        [SCANNER]: {
          sshHost: '127.0.0.1',
          sshPort: port,
          sshUser: USER,
          sshPrivateKeyPath: '/etc/nessus-gap/probe-key',
          sshHostKey: fingerprint(hostKey.public, 'base64'),
        },
      },
      (path) => {
        read.push(path);
        return clientKey.private;
      },
    );
    const probe = createProbe({ mode: 'ssh', timeoutMs: 3000, scanners }, { logger: silentLogger() });
    try {
      await expect(probe.probe('10.1.2.3', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
    } finally {
      probe.close();
    }
    expect(read).toEqual(['/etc/nessus-gap/probe-key']);
  });

  it('lists every scanner that lacks SSH settings at once', () => {
    const bare = { sshHost: 'h', sshPort: 22, sshUser: null, sshPrivateKeyPath: null, sshHostKey: null };
    const error = (() => {
      try {
        sshScannersFromConfig({ a: bare, b: { ...bare, sshUser: 'u' } }, () => 'key');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'scanners.a: sshUser, sshPrivateKeyPath, sshHostKey required when probe.mode is ssh',
      'scanners.b: sshPrivateKeyPath, sshHostKey required when probe.mode is ssh',
    ]);
  });
});

describe('probe commands', () => {
  it('have the IP as their only variable part', () => {
    expect(pingCommand('10.1.2.3')).toBe('ping -c 1 -W 2 10.1.2.3');
    expect(tcp22Command('10.1.2.3')).toBe('nc -zv -w 3 10.1.2.3 22');
    expect(() => pingCommand('10.1.2.3; reboot')).toThrow(/not an IPv4 address/);
    expect(() => tcp22Command('10.1.2.3\n')).toThrow(/not an IPv4 address/);
  });
});
