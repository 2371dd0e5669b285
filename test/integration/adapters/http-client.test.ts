import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { z } from 'zod';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { HttpClient, type HttpClientOptions } from '../../../src/integrations/http/http-client.js';
import { silentLogger } from '../../../src/logger.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Reply = (req: Seen, res: ServerResponse, n: number) => void;

interface TestServer {
  url: string;
  seen: Seen[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];

async function serve(reply: Reply): Promise<TestServer> {
  const seen: Seen[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(entry);
      open.add(res);
      res.on('close', () => open.delete(res));
      reply(entry, res, seen.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const handle: TestServer = {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(handle);
  return handle;
}

function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const itemSchema = z.object({ items: z.array(z.object({ id: z.number(), name: z.string() })) });

function client(url: string, extra: Partial<HttpClientOptions> = {}) {
  const delays: number[] = [];
  const counter = createCallCounter();
  const http = new HttpClient({
    system: 'softlayer',
    baseUrl: url,
    logger: silentLogger(),
    counter,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0,
    ...extra,
  });
  return { http, delays, counter };
}

async function failure(promise: Promise<unknown>): Promise<IntegrationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(IntegrationError);
    return error as IntegrationError;
  }
  throw new Error('expected the call to fail');
}

describe('HttpClient', () => {
  it('gives up on a hanging server after a timeout on every attempt', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const { http, counter } = client(server.url, { timeoutMs: 100, retries: 1 });
    const started = Date.now();
    const error = await failure(http.request({ method: 'GET', path: 'slow', schema: z.unknown() }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error.code).toBe(ErrorCode.Timeout);
    expect(error.message).toBe('softlayer: GET slow failed after 2 attempts: timed out after 100ms');
    expect(error.retryable).toBe(true);
    expect(server.seen).toHaveLength(2);
    expect(counter.outcomes()).toEqual({ softlayer: { ok: 0, error: 2 } });
  });

  it('retries 503 with growing backoff, then returns the validated body', async () => {
    const server = await serve((_req, res, n) => {
      if (n <= 2) json(res, 503, { error: 'busy' });
      else json(res, 200, { items: [{ id: 1, name: 'a' }] });
    });
    const { http, delays, counter } = client(server.url, { minBackoffMs: 100 });
    const data = await http.request({ method: 'GET', path: '/things', schema: itemSchema });
    expect(data.items[0]?.name).toBe('a');
    expect(delays).toEqual([100, 200]);
    expect(counter.snapshot()).toEqual({ softlayer: 3 });
    expect(counter.outcomes()).toEqual({ softlayer: { ok: 1, error: 2 } });
    expect(counter.latency().softlayer?.count).toBe(3);
  });

  it('names the system, call, attempts and the server message once retries run out', async () => {
    const server = await serve((_req, res) =>
      json(res, 500, { error: 'Internal Error', code: 'SoftLayer_Exception_Public' }),
    );
    const { http } = client(server.url);
    const error = await failure(
      http.request({
        method: 'GET',
        path: 'SoftLayer_Account/getHardware.json',
        label: 'SoftLayer_Account/getHardware',
        schema: z.unknown(),
      }),
    );
    expect(error.message).toBe(
      'softlayer: GET SoftLayer_Account/getHardware failed after 4 attempts: HTTP 500 Internal Error',
    );
    expect(error.code).toBe(ErrorCode.Integration);
    expect(error.status).toBe(500);
    expect(server.seen).toHaveLength(4);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped', async () => {
    const when = new Date(Date.now() + 5_000).toUTCString();
    const answers = [
      () => ({ status: 429, headers: { 'retry-after': '7' } }),
      () => ({ status: 503, headers: { 'retry-after': when } }),
      () => ({ status: 429, headers: { 'retry-after': '3600' } }),
    ];
    const server = await serve((_req, res, n) => {
      const answer = answers[n - 1];
      if (answer) {
        const { status, headers } = answer();
        json(res, status, { error: 'slow down' }, headers);
      } else {
        json(res, 200, { items: [] });
      }
    });
    const { http, delays } = client(server.url, { maxRetryAfterMs: 30_000 });
    await http.request({ method: 'GET', path: 'x', schema: itemSchema });
    expect(delays[0]).toBe(7000);
    expect(delays[1]).toBeGreaterThan(3000);
    expect(delays[1]).toBeLessThanOrEqual(5000);
    expect(delays[2]).toBe(30_000);
  });

  it('does not retry a 404', async () => {
    const server = await serve((_req, res) => json(res, 404, { message: 'no such thing' }));
    const { http, delays } = client(server.url);
    const error = await failure(http.request({ method: 'GET', path: 'things/9', schema: z.unknown() }));
    expect(error.message).toBe('softlayer: GET things/9 failed: HTTP 404 no such thing');
    expect(error.status).toBe(404);
    expect(error.retryable).toBe(false);
    expect(server.seen).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it('accepts okStatuses as success', async () => {
    const server = await serve((_req, res) => json(res, 404, { items: [] }));
    const { http } = client(server.url);
    const response = await http.requestWithHeaders({
      method: 'GET',
      path: 'x',
      okStatuses: [404],
      schema: itemSchema,
    });
    expect(response.status).toBe(404);
    expect(response.data.items).toEqual([]);
  });

  it('reports a body that fails the schema as IntegrationResponse with the first issue path', async () => {
    const server = await serve((_req, res) =>
      json(res, 200, {
        items: [
          { id: 1, name: 'a' },
          { id: 'two', name: 'b' },
        ],
      }),
    );
    const { http, counter } = client(server.url);
    const error = await failure(http.request({ method: 'GET', path: 'list', schema: itemSchema }));
    expect(error.code).toBe(ErrorCode.IntegrationResponse);
    expect(error.message).toMatch(/^softlayer: GET list returned a malformed response: items\[1\]\.id: /);
    expect(server.seen).toHaveLength(1);
    expect(counter.outcomes()).toEqual({ softlayer: { ok: 0, error: 1 } });
  });

  it('reports a body that is not JSON as IntegrationResponse', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>maintenance</html>');
    });
    const { http } = client(server.url, { system: 'tenable' });
    const error = await failure(http.request({ method: 'GET', path: 'zone', schema: z.unknown() }));
    expect(error.code).toBe(ErrorCode.IntegrationResponse);
    expect(error.system).toBe('tenable');
    expect(error.message).toContain('tenable: GET zone returned a malformed response: not JSON');
  });

  it('never puts a secret in the error, even when the server echoes the request back', async () => {
    const secret = 'sEcReT-kEy-123456';
    const server = await serve((req, res) =>
      json(res, 400, {
        error: `bad request ${req.url} auth=${req.headers.authorization} key=${req.headers['x-apikey']}`,
      }),
    );
    const basic = Buffer.from(`user:${secret}`).toString('base64');
    const { http } = client(server.url, {
      headers: { authorization: `Basic ${basic}`, 'x-apikey': `accesskey=a1b2c3d4; secretkey=${secret};` },
      secrets: [secret, 'a1b2c3d4'],
    });
    const error = await failure(
      http.request({ method: 'GET', path: 'things', query: { token: secret }, schema: z.unknown() }),
    );
    expect(error.message).toContain('[REDACTED]');
    for (const leaked of [secret, basic, 'a1b2c3d4', encodeURIComponent(secret)]) {
      expect(error.message).not.toContain(leaked);
      expect(String((error.cause as Error | undefined)?.message ?? '')).not.toContain(leaked);
    }
  });

  it('logs each attempt at debug as METHOD path -> status in ms, without secrets', async () => {
    const secret = 'hunter2-hunter2';
    const server = await serve((_req, res, n) =>
      n === 1 ? json(res, 502, {}) : json(res, 200, { items: [] }),
    );
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { http } = client(server.url, {
      logger: pino({ level: 'debug' }, sink),
      headers: { authorization: `Bearer ${secret}` },
    });
    await http.request({
      method: 'GET',
      path: 'servers',
      query: { ip: '10.1.2.3', key: secret },
      schema: itemSchema,
    });
    const entries = lines.map((l) => JSON.parse(l) as { msg: string; system: string; level: number });
    const calls = entries.filter((e) => / -> /.test(e.msg));
    expect(calls.map((e) => e.msg.replace(/\d+ms$/, 'Nms'))).toEqual([
      'GET servers -> 502 in Nms',
      'GET servers -> 200 in Nms',
    ]);
    expect(calls.every((e) => e.system === 'softlayer' && e.level === 20)).toBe(true);
    expect(lines.join('')).not.toContain(secret);
  });

  it('retries a POST only when the server refused it before acting', async () => {
    const server503 = await serve((_req, res) => json(res, 503, { error: 'down' }));
    const a = client(server503.url);
    await failure(a.http.request({ method: 'POST', path: 'tickets', json: { t: 1 }, schema: z.unknown() }));
    expect(server503.seen).toHaveLength(1);

    const server429 = await serve((req, res, n) =>
      n === 1 ? json(res, 429, { error: 'rate' }) : json(res, 200, { got: JSON.parse(req.body) }),
    );
    const b = client(server429.url);
    const out = await b.http.request({
      method: 'POST',
      path: 'tickets',
      json: { t: 1 },
      schema: z.object({ got: z.object({ t: z.number() }) }),
    });
    expect(out.got.t).toBe(1);
    expect(server429.seen).toHaveLength(2);
    expect(server429.seen[1]?.headers['content-type']).toBe('application/json');
  });

  it('retries a refused connection and lets classify turn a 200 into a retry', async () => {
    const closed = await serve(() => {});
    const deadUrl = closed.url;
    await closed.close();
    servers.splice(servers.indexOf(closed), 1);
    const dead = client(deadUrl, { retries: 2 });
    const error = await failure(dead.http.requestRaw({ method: 'POST', path: 'x' }));
    expect(error.message).toMatch(/failed after 3 attempts: fetch failed \(ECONNREFUSED\)/);

    const server = await serve((_req, res, n) =>
      n === 1 ? json(res, 200, { error: 'Internal Error' }) : json(res, 200, [1]),
    );
    const c = client(server.url, {
      classify: (status, text) =>
        status === 200 && text.includes('"error"') ? { outcome: 'retry', reason: 'error in 200' } : undefined,
    });
    expect(await c.http.request({ method: 'GET', path: 'y', schema: z.array(z.number()) })).toEqual([1]);
    expect(server.seen).toHaveLength(2);
  });
});
