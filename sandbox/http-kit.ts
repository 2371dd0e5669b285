/**
 * The small HTTP server every emulator runs on: 127.0.0.1 only, a free port, added latency,
 * seeded fault injection (each emulator decides how its API fails), and a log of the calls served.
 * Emulators share no code with the adapters they test: this file is the sandbox's own.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export interface EmulatorRequest {
  method: string;
  /** Path without the query string, e.g. `/api/v3/repos/o/r/issues/1`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The body's bytes as received (`body` is them read as UTF-8), for binary uploads. */
  raw?: Buffer;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is a string (sent as is) or undefined (empty body). */
  body?: unknown;
}

/**
 * `'reset'` answers no HTTP at all: the connection is reset, as a client sees a service that is not
 * running behind the address it called.
 */
export type Handler = (
  request: EmulatorRequest,
) => EmulatorResponse | 'reset' | Promise<EmulatorResponse | 'reset'>;

/** How a faulty call fails: a response in the API's own error shape, a hang, or a dropped connection. */
export type Fault = EmulatorResponse | 'hang' | 'reset';

export interface EmulatorOptions {
  name: string;
  handler: Handler;
  /** Milliseconds added before every response. */
  latencyMs?: number;
  /** Share of calls (0..1) that fail through `fault`. */
  faultRate?: number;
  /** Picks the failure for one call; `random` is the emulator's seeded generator. */
  fault?: (request: EmulatorRequest, random: () => number) => Fault;
  seed?: number;
  /** Largest request body accepted (bytes); larger gets 413. */
  bodyLimit?: number;
  /** Serve HTTPS with this key and certificate (PEM), as the real server does. */
  tls?: { key: string; cert: string };
}

export interface CallRecord {
  method: string;
  path: string;
  status: number | 'hang' | 'reset';
  at: number;
}

export interface RunningEmulator {
  name: string;
  url: string;
  port: number;
  calls: CallRecord[];
  close(): Promise<void>;
}

/** Deterministic PRNG (mulberry32) so a fault run can be replayed with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const random = seededRandom(options.seed ?? 42);
  const calls: CallRecord[] = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const bodyLimit = options.bodyLimit ?? 16 * 1024 * 1024;

  const listener: RequestListener = (req, res) => {
    void serve(req, res);
  };
  const server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener)
    : createServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: CallRecord = { method: req.method ?? 'GET', path: url.pathname, status: 0, at: Date.now() };
    calls.push(record);
    let raw: Buffer;
    try {
      raw = await readBody(req, bodyLimit);
    } catch {
      record.status = 413;
      send(res, { status: 413, body: { error: 'request body too large' } });
      return;
    }
    const request: EmulatorRequest = {
      method: record.method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: raw.toString('utf8'),
      raw,
    };
    if (options.latencyMs) await sleep(options.latencyMs);
    if (options.faultRate && options.fault && random() < options.faultRate) {
      const fault = options.fault(request, random);
      if (fault === 'hang') {
        record.status = 'hang';
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault === 'reset') {
        record.status = 'reset';
        resetConnection(req);
        return;
      }
      record.status = fault.status;
      send(res, fault);
      return;
    }
    let response: EmulatorResponse | 'reset';
    try {
      response = await options.handler(request);
    } catch (error) {
      response = { status: 500, body: { error: `emulator ${options.name} failed: ${String(error)}` } };
    }
    if (response === 'reset') {
      record.status = 'reset';
      resetConnection(req);
      return;
    }
    record.status = response.status;
    send(res, response);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    name: options.name,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Drops the connection with a TCP reset and no HTTP response: the client sees ECONNRESET at once. */
function resetConnection(req: IncomingMessage): void {
  req.socket.resetAndDestroy();
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  let payload = '';
  if (typeof response.body === 'string') {
    payload = response.body;
  } else if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers['content-type'] ??= 'application/json; charset=utf-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

/** Parses a JSON request body; undefined when empty or malformed (emulators answer as their API would). */
export function jsonBody(request: EmulatorRequest): unknown {
  if (!request.body) return undefined;
  try {
    return JSON.parse(request.body);
  } catch {
    return undefined;
  }
}
