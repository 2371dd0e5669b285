/**
 * The bot's HTTP front: `POST /slack/events` (checked here, then handed to Bolt's receiver),
 * `GET /healthz` (the store included), and extra routes (metrics, unless they have a port of their
 * own). A Slack request is judged by its headers before a byte of its body is read (signature
 * header and timestamp window, then type and length); its body is then read up to the limit and no further,
 * with every unverified body counted against one budget, and the server's deadlines are Slack's
 * (src/bot/http-limits.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { ByteBudget, FRONT_LIMITS, type FrontLimits } from './http-limits.js';
import { checkSlackHeaders, verifySlackSignature } from './verify-slack-request.js';

/** The one form type Bolt reads as a form (it compares the header as is); Slack sends exactly this. */
const FORM = 'application/x-www-form-urlencoded';

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface HttpFrontOptions {
  signingSecret: string | null;
  /** Bolt's HTTPReceiver request listener; null in Socket Mode (events do not come over HTTP). */
  slackListener: ((req: IncomingMessage, res: ServerResponse) => void) | null;
  health: () => Promise<{ ok: boolean; details: Record<string, unknown> }>;
  /** Extra routes (metrics). */
  routes?: Record<string, Route>;
  logger: Logger;
  now?: () => number;
  limits?: Partial<FrontLimits>;
}

export interface HttpFront extends Server {
  /** Bytes of unverified bodies held now, and at most so far. */
  unverified(): { current: number; peak: number };
}

export function createHttpFront(options: HttpFrontOptions): HttpFront {
  const now = options.now ?? Date.now;
  const limits: FrontLimits = { ...FRONT_LIMITS, ...options.limits };
  const budget = new ByteBudget(limits.unverifiedBytes);
  const server = createLimitedServer(limits, (req, res) => {
    void route(req, res).catch((error) => {
      options.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'http handler failed',
      );
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' && req.method === 'GET') {
      const health = await options
        .health()
        .catch((error) => ({ ok: false, details: { error: String(error) } }));
      res
        .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ ok: health.ok, ...health.details }));
      return;
    }
    const extra = path ? options.routes?.[path] : undefined;
    if (extra && req.method === 'GET') {
      await extra(req, res);
      return;
    }
    if (path === '/slack/events' && req.method === 'POST' && options.slackListener) {
      await slackRequest(req, res, options.slackListener);
      return;
    }
    res.writeHead(404).end();
  }

  async function slackRequest(
    req: IncomingMessage,
    res: ServerResponse,
    listener: NonNullable<HttpFrontOptions['slackListener']>,
  ): Promise<void> {
    const refuse = (status: number, reason: string, headers: Record<string, string> = {}) => {
      options.logger.warn({ reason, status, ip: req.socket.remoteAddress }, 'refused a Slack request');
      closeAfter(req, res, status, headers);
    };
    if (!options.signingSecret) {
      refuse(401, 'no signing secret configured');
      return;
    }
    const headers = checkSlackHeaders({
      signature: req.headers['x-slack-signature'],
      timestamp: req.headers['x-slack-request-timestamp'],
      nowMs: now(),
    });
    if (!headers.ok) {
      refuse(401, headers.reason);
      return;
    }
    const contentType = req.headers['content-type'] ?? '';
    const isJson = /^application\/json\s*(;|$)/i.test(contentType);
    if (contentType !== FORM && !isJson) {
      refuse(415, 'not a form or JSON body');
      return;
    }
    const declaredHeader = req.headers['content-length'];
    const declared = declaredHeader === undefined ? null : Number(declaredHeader);
    if (declared !== null && !(declared <= limits.bodyBytes)) {
      refuse(413, `declared body of ${declaredHeader} bytes`);
      return;
    }
    const read = await readWithin(req, budget, limits.bodyBytes, declared);
    if (read.kind === 'too_large') {
      refuse(413, 'body over the limit');
      return;
    }
    if (read.kind === 'busy') {
      refuse(503, 'unverified bodies over their budget', { 'retry-after': '1' });
      return;
    }
    if (read.kind === 'aborted') return;
    const body = read.body;
    const verdict = verifySlackSignature({
      signingSecret: options.signingSecret,
      rawBody: body,
      signature: req.headers['x-slack-signature'],
      timestamp: req.headers['x-slack-request-timestamp'],
      nowMs: now(),
    });
    if (!verdict.ok) {
      refuse(401, verdict.reason);
      return;
    }
    const malformed = isJson ? malformedEnvelope(body) : null;
    if (malformed !== null) {
      options.logger.warn({ reason: malformed }, 'malformed Slack request dropped');
      res.writeHead(400).end();
      return;
    }
    // Bolt reads the already-buffered body from `rawBody` and verifies it once more.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    listener(req, res);
  }

  return Object.assign(server, {
    unverified: () => ({ current: budget.current, peak: budget.peak }),
  });
}

/** A server with the front's deadlines and connection cap (also serves a separate metrics port). */
export function createLimitedServer(
  limits: FrontLimits,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  return server;
}

/** `GET /metrics` alone, on a port of its own, with the same deadlines. */
export function createMetricsServer(serve: Route): Server {
  return createLimitedServer(FRONT_LIMITS, (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics' || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    void Promise.resolve(serve(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
}

/** Answers and closes the connection: what the client still sends is not read. */
function closeAfter(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
): void {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  res.on('finish', () => req.socket.destroy());
  res.writeHead(status, { connection: 'close', ...headers }).end();
}

type ReadResult =
  | { kind: 'body'; body: Buffer }
  | { kind: 'too_large' }
  | { kind: 'busy' }
  | { kind: 'aborted' };

/**
 * Reads a body of at most `limit` bytes, counting what it holds against `budget` (a declared length
 * up front, an undeclared one chunk by chunk) and giving it back once read. It stops at the first
 * byte over the limit or over the budget.
 */
function readWithin(
  req: IncomingMessage,
  budget: ByteBudget,
  limit: number,
  declared: number | null,
): Promise<ReadResult> {
  const reserved = declared ?? 0;
  if (!budget.take(reserved)) return Promise.resolve({ kind: 'busy' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let taken = reserved;
    let settled = false;
    const finish = (result: ReadResult) => {
      if (settled) return;
      settled = true;
      budget.give(taken);
      req.off('data', onData);
      if (result.kind !== 'body') req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish({ kind: 'too_large' });
      if (size > taken) {
        if (!budget.take(size - taken)) return finish({ kind: 'busy' });
        taken = size;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish({ kind: 'body', body: Buffer.concat(chunks) }));
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => finish({ kind: 'aborted' }));
  });
}

/**
 * Why a signed JSON body is not an envelope Slack sends (an object with a `type`, and an `event`
 * object in an `event_callback`), or null. Bolt would answer such a body with a 500.
 */
function malformedEnvelope(body: Buffer): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return 'the body is not JSON';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return 'the body is not an object';
  const { type, event } = parsed as { type?: unknown; event?: unknown };
  if (typeof type !== 'string') return 'the body has no type';
  if (type === 'event_callback' && (typeof event !== 'object' || event === null || Array.isArray(event)))
    return 'an event_callback without an event';
  return null;
}

export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
