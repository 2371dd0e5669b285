/**
 * LocalProbe against loopback only: a TCP listener on 127.0.0.1 (open), a port just released
 * (closed), and ping of 127.0.0.1 when this machine has a usable ping. Stand-in programs (`true`,
 * `false`, small scripts) check how ping's exit codes and spawn failures are read.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { LocalProbe } from '../../../src/integrations/probe/local-probe.js';

const SCANNER = 'local-test';
let listener: Server;
let openPort: number;
let closedPort: number;
let scratch: string;

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.end());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function script(name: string, text: string, mode = 0o755): string {
  const path = join(scratch, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'probe-local-'));
  listener = await listen();
  openPort = (listener.address() as AddressInfo).port;
  const released = await listen();
  closedPort = (released.address() as AddressInfo).port;
  await new Promise<void>((resolve) => released.close(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

describe('TCP check', () => {
  it('sees an open port on 127.0.0.1 as answering', async () => {
    const counter = createCallCounter();
    const probe = new LocalProbe({ pingPath: 'true', tcpPort: openPort, timeoutMs: 1000, counter });
    await expect(probe.probe('127.0.0.1', SCANNER)).resolves.toEqual({ ping: true, tcp22: true });
    expect(counter.outcomes().probe).toEqual({ ok: 1, error: 0 });
  });

  it('sees a refused port as not answering', async () => {
    const probe = new LocalProbe({ pingPath: 'true', tcpPort: closedPort, timeoutMs: 1000 });
    await expect(probe.probe('127.0.0.1', SCANNER)).resolves.toEqual({ ping: true, tcp22: false });
  });
});

describe('ping', () => {
  it('reads exit code 1 as no reply', async () => {
    const probe = new LocalProbe({ pingPath: 'false', tcpPort: closedPort, timeoutMs: 1000 });
    await expect(probe.probe('127.0.0.1', SCANNER)).resolves.toEqual({ ping: false, tcp22: false });
  });

  it('passes the IP as its own argument after -c 1 -W <seconds>', async () => {
    const argsFile = join(scratch, 'args.txt');
    const recorder = script('record-args', `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 0\n`);
    const probe = new LocalProbe({ pingPath: recorder, tcpPort: closedPort, timeoutMs: 2000 });
    await probe.probe('127.0.0.2', SCANNER);
    expect(readFileSync(argsFile, 'utf8').trim().split('\n')).toEqual(['-c', '1', '-W', '2', '127.0.0.2']);
  });

  it('reports a missing ping as an error, not as no reply', async () => {
    const counter = createCallCounter();
    const probe = new LocalProbe({ pingPath: join(scratch, 'no-such-ping'), tcpPort: closedPort, counter });
    const error = await probe.probe('127.0.0.1', SCANNER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as Error).message).toMatch(/ping is not installed here/);
    expect(counter.outcomes().probe).toEqual({ ok: 0, error: 1 });
  });

  it('reports a ping it may not run as an error', async () => {
    const notExecutable = script('ping-no-exec', '#!/bin/sh\nexit 0\n', 0o644);
    const probe = new LocalProbe({ pingPath: notExecutable, tcpPort: closedPort });
    await expect(probe.probe('127.0.0.1', SCANNER)).rejects.toThrow(/ping is not permitted here/);
  });

  it('reports ping failing on its own (exit 2, no raw socket) as an error', async () => {
    const denied = script(
      'ping-denied',
      '#!/bin/sh\necho "ping: socket: Operation not permitted" >&2\nexit 2\n',
    );
    const probe = new LocalProbe({ pingPath: denied, tcpPort: closedPort });
    await expect(probe.probe('127.0.0.1', SCANNER)).rejects.toThrow(
      'ping could not run here: ping: socket: Operation not permitted',
    );
  });

  it('stops a ping that hangs', async () => {
    const hang = script('ping-hang', '#!/bin/sh\nexec sleep 30\n');
    const probe = new LocalProbe({ pingPath: hang, tcpPort: closedPort, timeoutMs: 200 });
    await expect(probe.probe('127.0.0.1', SCANNER)).rejects.toMatchObject({ code: ErrorCode.Timeout });
  });

  it('probes a batch of loopback IPs a bounded number at once, each failure its own', async () => {
    // Each ping takes 300 ms; 127.0.0.6 makes ping fail on its own (exit 2).
    const slow = script(
      'ping-slow',
      '#!/bin/sh\nsleep 0.3\nif [ "$5" = "127.0.0.6" ]; then echo "ping: broken" >&2; exit 2; fi\nexit 0\n',
    );
    const probe = new LocalProbe({ pingPath: slow, tcpPort: openPort, timeoutMs: 3000, parallelism: 3 });
    const ips = ['127.0.0.1', '127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];
    const started = Date.now();
    const results = await probe.probeMany(ips, SCANNER);
    const elapsed = Date.now() - started;
    expect([...results.keys()]).toEqual(ips);
    // The listener is on 127.0.0.1 only: the other addresses refuse the port.
    expect(results.get('127.0.0.1')).toEqual({ status: 'ok', value: { ping: true, tcp22: true } });
    for (const ip of ips.slice(1, 5)) {
      expect(results.get(ip)).toEqual({ status: 'ok', value: { ping: true, tcp22: false } });
    }
    expect(results.get('127.0.0.6')).toEqual({
      status: 'failed',
      check: 'ping',
      system: 'probe',
      reason: 'ping could not run here: ping: broken',
    });
    // Six pings of 300 ms, three at a time: two waves, not one, not six.
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(1750);
  });

  it('pings 127.0.0.1 with the real ping, or says why it cannot', async () => {
    const installed = spawnSync('which', ['ping']).status === 0;
    const probe = new LocalProbe({ tcpPort: openPort, timeoutMs: 2000 });
    const outcome = await probe.probe('127.0.0.1', SCANNER).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!installed) {
      expect(outcome).toEqual({ error: expect.any(IntegrationError) });
      expect(String((outcome as { error: Error }).error.message)).toMatch(/ping is not installed here/);
    } else if ('value' in outcome) {
      expect(outcome.value).toEqual({ ping: true, tcp22: true });
    } else {
      // Installed but without the right to open a raw or ICMP socket here.
      expect(String((outcome.error as Error).message)).toMatch(/ping (is not permitted|could not run) here/);
    }
  });
});

describe('input', () => {
  it.each(['10.1.2.3; rm -rf /', '-c', '127.0.0.1 ', 'localhost', '010.1.2.3', ''])(
    'refuses %j before running anything',
    async (ip) => {
      const marker = join(scratch, 'ran');
      const recorder = script('mark-ran', `#!/bin/sh\ntouch '${marker}'\n`);
      const probe = new LocalProbe({ pingPath: recorder, tcpPort: closedPort });
      await expect(probe.probe(ip, SCANNER)).rejects.toMatchObject({ code: ErrorCode.InputInvalid });
      expect(spawnSync('test', ['-e', marker]).status).not.toBe(0);
    },
  );
});
