/**
 * SshProbe against an ssh2 Server on 127.0.0.1 that plays the scanner: it checks each exec request
 * against the exact command strings and answers with an exit code, running nothing, so no packet
 * ever goes to the 10.x addresses named in the commands. A batch command is matched against its
 * exact template (written out here, not imported) and played with each host's cost: a dead host
 * holds one of the command's parallel slots for its wait before its two lines are printed.
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
import { planBatches, runBatches } from '../../../src/investigation/probe-batches.js';
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

/** Hosts of the batch tests: exit codes of ping and nc, and how long they hold a slot (ms). */
const HOSTS: Record<string, { ping: number; tcp22: number; costMs: number }> = {
  '10.7.0.1': { ping: 0, tcp22: 0, costMs: 0 },
  '10.7.0.2': { ping: 1, tcp22: 1, costMs: 300 }, // dead: both checks wait
  '10.7.0.3': { ping: 0, tcp22: 1, costMs: 0 }, // up, port 22 refused at once
  '10.7.0.4': { ping: 1, tcp22: 1, costMs: 300 }, // dead
  '10.7.0.5': { ping: 0, tcp22: 127, costMs: 0 }, // nc missing on the scanner
  '10.7.0.6': { ping: 2, tcp22: 0, costMs: 0 }, // ping itself failed
  '10.7.0.7': { ping: 0, tcp22: 0, costMs: 0 },
};
/** An IP the fake scanner answers for with a line the probe must not accept. */
const GARBLED = '10.7.0.99';

/** The batch command's template, byte for byte; `IPS` and `N` are the only variable parts. */
const BATCH_TEMPLATE =
  /^printf '%s\\n' ((?:\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3} )*\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}) \| xargs -n 1 -P (\d+) sh -c 'ping -c 1 -W 2 "\$1" >\/dev\/null 2>&1 & p=\$!; nc -zv -w 3 "\$1" 22 >\/dev\/null 2>&1; n=\$\?; wait \$p; r=\$\?; printf "%s ping %s\\n%s tcp22 %s\\n" "\$1" "\$r" "\$1" "\$n"' probe$/;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Plays a batch on the fake scanner: its IPs `parallelism` at once, in order, each for its cost. */
async function playBatch(ips: string[], parallelism: number, write: (text: string) => void): Promise<void> {
  let next = 0;
  const slot = async (): Promise<void> => {
    while (next < ips.length) {
      const ip = ips[next++] as string;
      if (ip === GARBLED) {
        write(`${ip} ping 0\n${ip} tcp22 0\nPING ${ip}: 56 data bytes\n`);
        continue;
      }
      const host = HOSTS[ip] ?? { ping: 1, tcp22: 1, costMs: 300 };
      await sleep(host.costMs);
      write(`${ip} ping ${host.ping}\n${ip} tcp22 ${host.tcp22}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, ips.length) }, slot));
}

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
        const batch = BATCH_TEMPLATE.exec(info.command);
        if (batch) {
          void playBatch((batch[1] ?? '').split(' '), Number(batch[2]), (text) => stream.write(text)).then(
            () => {
              inFlight--;
              stream.exit(0);
              stream.end();
            },
          );
          return;
        }
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
  options: { maxSessionsPerScanner?: number; scannerParallelism?: number } = {},
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

describe('SshProbe batches', () => {
  it('sends one command per chunk, each dead host costing its wait once, and reads every IP right', async () => {
    const { probe, counter } = makeProbe({}, { scannerParallelism: 2 });
    const ips = Object.keys(HOSTS);
    // Chunks as the investigation cuts them: 7 IPs of one scanner in chunks of 3, two at a time.
    const batches = planBatches(
      ips.map((ip) => ({ ip, scanner: SCANNER })),
      3,
    );
    expect(batches.map((b) => b.ips.length)).toEqual([3, 3, 1]);
    const results = new Map<string, unknown>();
    const started = Date.now();
    await runBatches(batches, { total: 4, perScanner: 2 }, async (batch) => {
      for (const [ip, result] of await probe.probeMany(batch.ips, SCANNER)) results.set(ip, result);
    });
    const elapsed = Date.now() - started;

    expect(commands).toHaveLength(3);
    expect(commands.every((command) => BATCH_TEMPLATE.test(command))).toBe(true);
    expect(commands.map((command) => BATCH_TEMPLATE.exec(command)?.[1])).toEqual([
      '10.7.0.1 10.7.0.2 10.7.0.3',
      '10.7.0.4 10.7.0.5 10.7.0.6',
      '10.7.0.7',
    ]);
    expect(unexpected).toEqual([]);
    expect(connections).toBe(1);
    expect(maxInFlight).toBe(2);
    expect(counter.outcomes().probe).toEqual({ ok: 3, error: 0 });
    // Exit codes read as for a single probe: ping 0 a reply, 1 none, other a ping that could not
    // run; nc 0 open, 1 closed or silent, other a check not made.
    expect(Object.fromEntries(results)).toEqual({
      '10.7.0.1': { status: 'ok', value: { ping: true, tcp22: true } },
      '10.7.0.2': { status: 'ok', value: { ping: false, tcp22: false } },
      '10.7.0.3': { status: 'ok', value: { ping: true, tcp22: false } },
      '10.7.0.4': { status: 'ok', value: { ping: false, tcp22: false } },
      '10.7.0.5': { status: 'ok', value: { ping: true, tcp22: null } },
      '10.7.0.6': {
        status: 'failed',
        check: 'ping',
        system: 'probe',
        reason: `ping 10.7.0.6 on ${SCANNER} exited 2`,
      },
      '10.7.0.7': { status: 'ok', value: { ping: true, tcp22: true } },
    });
    // The two dead hosts sit in the two chunks that run side by side: their waits overlap.
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(elapsed).toBeLessThan(600 + 1000);
  });

  it('refuses a chunk holding a non-IP before anything is sent', async () => {
    const { probe } = makeProbe();
    for (const bad of ['10.7.0.1; reboot', '$(id)', '10.7.0', '10.7.0.1\n10.7.0.2']) {
      await expect(probe.probeMany(['10.7.0.3', bad], SCANNER)).rejects.toMatchObject({
        code: ErrorCode.InputInvalid,
      });
    }
    expect(connections).toBe(0);
    expect(commands).toEqual([]);
  });

  it('rejects a whole batch whose output holds a line it does not expect', async () => {
    const { probe, counter } = makeProbe();
    await expect(probe.probeMany(['10.7.0.1', GARBLED], SCANNER)).rejects.toThrow(
      `the probe batch on ${SCANNER} answered something unreadable: unexpected output line "PING ${GARBLED}: 56 data bytes"`,
    );
    expect(counter.outcomes().probe).toEqual({ ok: 0, error: 1 });
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
