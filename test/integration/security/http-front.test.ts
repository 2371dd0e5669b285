/**
 * The HTTP front under hostile clients, with the production limits (src/bot/http-limits.ts): a flood
 * of unsigned bodies that stall, headers that never end, a body with no length that never ends, and
 * requests refused on their headers alone. The clients run in a process of their own, so the memory
 * measured here is the server's. Figures are printed as `FIGURE` lines for SECURITY.md.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FRONT_LIMITS } from '../../../src/bot/http-limits.js';
import { createHttpFront, type HttpFront, listen } from '../../../src/bot/http-server.js';
import { silentLogger } from '../../../src/logger.js';

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL('./flood-client.mjs', import.meta.url));
const SECRET = 'front-test-signing-secret';
/**
 * A deadline is enforced at Node's next check (every `checkIntervalMs`); on top of that, time for two
 * busy processes on a shared machine to be scheduled.
 */
const SCHEDULING_MARGIN_MS = 1500;

interface ClientResult {
  gaveUp: boolean;
  results: { closedAtMs: number | null; status: number | null; sentBytes: number; error: string | null }[];
}

async function hostile(port: number, options: Record<string, unknown>): Promise<ClientResult> {
  const input = { port, timestamp: Math.floor(Date.now() / 1000), giveUpMs: 25_000, ...options };
  const { stdout } = await run(process.execPath, [CLIENT, JSON.stringify(input)], {
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as ClientResult;
}

describe('the HTTP front under hostile clients', () => {
  let front: HttpFront;
  let port: number;
  let handled = 0;
  beforeAll(async () => {
    front = createHttpFront({
      signingSecret: SECRET,
      slackListener: (_req, res) => {
        handled += 1;
        res.writeHead(200).end();
      },
      health: async () => ({ ok: true, details: {} }),
      logger: silentLogger(),
    });
    port = await listen(front, 0, '127.0.0.1');
  });
  afterAll(async () => {
    front.closeAllConnections();
    await new Promise((resolve) => front.close(resolve));
  });

  it('holds at most 8 MB for 300 stalled unsigned 1 MB bodies, and closes every connection within 12.5 s', async () => {
    const baseline = process.memoryUsage().rss;
    let peakRss = baseline;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = Date.now();
    const flood = await hostile(port, {
      mode: 'flood',
      connections: 300,
      declared: 1_000_000,
      send: 960 * 1024,
    });
    clearInterval(sampler);
    const closed = flood.results.map((r) => r.closedAtMs ?? Number.POSITIVE_INFINITY);
    const slowest = Math.max(...closed);
    const statuses = new Map<string, number>();
    for (const r of flood.results) {
      const key = String(r.status ?? (r.error ? `dropped (${r.error})` : 'closed without answer'));
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
    process.stdout.write(
      `FIGURE front.flood peakUnverifiedBytes=${front.unverified().peak} rssGrowthMb=${((peakRss - baseline) / 1e6).toFixed(1)} slowestCloseMs=${slowest} wallMs=${Date.now() - started} answers=${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    expect(flood.gaveUp).toBe(false);
    expect(front.unverified().peak).toBeLessThanOrEqual(FRONT_LIMITS.unverifiedBytes);
    expect(front.unverified().current).toBe(0);
    expect(peakRss - baseline).toBeLessThan(64 * 1024 * 1024);
    expect(slowest).toBeLessThanOrEqual(
      FRONT_LIMITS.requestTimeoutMs + FRONT_LIMITS.checkIntervalMs + SCHEDULING_MARGIN_MS,
    );
    expect(handled).toBe(0);
  }, 40_000);

  it('closes connections whose headers never end, or that never say anything, within 7.5 s', async () => {
    const [slow, idle] = await Promise.all([
      hostile(port, { mode: 'slow-headers', connections: 20 }),
      hostile(port, { mode: 'idle', connections: 20 }),
    ]);
    const slowest = Math.max(
      ...[...slow.results, ...idle.results].map((r) => r.closedAtMs ?? Number.POSITIVE_INFINITY),
    );
    process.stdout.write(`FIGURE front.slowHeaders slowestCloseMs=${slowest}\n`);
    expect(slow.gaveUp || idle.gaveUp).toBe(false);
    expect(slowest).toBeLessThanOrEqual(
      FRONT_LIMITS.headersTimeoutMs + FRONT_LIMITS.checkIntervalMs + SCHEDULING_MARGIN_MS,
    );
    expect(handled).toBe(0);
  }, 30_000);

  it('stops reading a body with no declared length at 1 MB: 413, and the connection closed', async () => {
    const chunked = await hostile(port, { mode: 'chunked', connections: 1, send: 4 * 1024 * 1024 });
    const [result] = chunked.results;
    process.stdout.write(`FIGURE front.noLength sentBeforeCloseBytes=${result?.sentBytes}\n`);
    expect(result?.status).toBe(413);
    // The client writes 64 kB every 5 ms: it is cut off well before its 4 MB.
    expect(result?.sentBytes).toBeLessThan(2 * 1024 * 1024);
    expect(front.unverified().current).toBe(0);
    expect(handled).toBe(0);
  }, 30_000);

  it('refuses on the headers alone, reading nothing: no signature, another scheme, a stale timestamp', async () => {
    const before = front.unverified().peak;
    const now = Math.floor(Date.now() / 1000);
    const body = 'x'.repeat(512 * 1024);
    const cases: [string, Record<string, string>, number][] = [
      ['no signature', { 'x-slack-request-timestamp': String(now) }, 401],
      ['another scheme', { 'x-slack-request-timestamp': String(now), 'x-slack-signature': 'v1=abc' }, 401],
      [
        'a stale timestamp',
        { 'x-slack-request-timestamp': String(now - 600), 'x-slack-signature': `v0=${'0'.repeat(64)}` },
        401,
      ],
    ];
    for (const [name, headers, status] of cases) {
      const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      }).catch((error: Error) => ({ status: `failed: ${error.message}` }));
      expect([name, response.status]).toEqual([name, status]);
    }
    expect(front.unverified().peak).toBe(before);
    expect(handled).toBe(0);
  });

  it('refuses a signed JSON body sent as text/plain (415), so no body skips the envelope check', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: 'event_callback', event: 'not an object' });
    const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    const send = (contentType: string) =>
      fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: {
          'content-type': contentType,
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
        body,
      });
    expect((await send('text/plain')).status).toBe(415);
    expect((await send('application/json; charset=utf-8')).status).toBe(400);
    expect(handled).toBe(0);
  });
});

describe('where the bot listens', () => {
  it('serves /metrics only on METRICS_PORT when it is set, and listens on LISTEN_HOST', async () => {
    const { loadScenario } = await import('../../../sandbox/index.js');
    const { startWorld } = await import('../../../src/cli/world.js');
    const world = await startWorld(loadScenario('examples/scenarios/demo.yaml'), {
      env: { METRICS_PORT: '0', LISTEN_HOST: '127.0.0.1' },
    });
    try {
      expect((await fetch(`${world.botUrl}/metrics`)).status).toBe(404);
      const address = world.bot.metricsServer?.address();
      if (!address || typeof address === 'string') throw new Error('no metrics server');
      expect(address.address).toBe('127.0.0.1');
      const metrics = await fetch(`http://127.0.0.1:${address.port}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('nessus_gap_investigations_total');
      expect((await fetch(`http://127.0.0.1:${address.port}/slack/events`, { method: 'POST' })).status).toBe(
        404,
      );
    } finally {
      await world.close();
    }
  });
});
