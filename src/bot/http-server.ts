/**
 * The bot's HTTP front: `POST /slack/events` (signature checked here, then handed to Bolt's
 * receiver), `GET /healthz` (the store included). Oversized bodies are refused before they are read.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import { verifySlackSignature } from './verify-slack-request.js';

export const SLACK_BODY_LIMIT = 1024 * 1024;

export interface HttpFrontOptions {
  signingSecret: string | null;
  /** Bolt's HTTPReceiver request listener; null in Socket Mode (events do not come over HTTP). */
  slackListener: ((req: IncomingMessage, res: ServerResponse) => void) | null;
  health: () => Promise<{ ok: boolean; details: Record<string, unknown> }>;
  /** Extra routes (metrics). */
  routes?: Record<string, (req: IncomingMessage, res: ServerResponse) => void | Promise<void>>;
  logger: Logger;
  now?: () => number;
}

export function createHttpFront(options: HttpFrontOptions): Server {
  const now = options.now ?? Date.now;
  return createServer((req, res) => {
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
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > SLACK_BODY_LIMIT) {
        res.writeHead(413).end();
        req.resume();
        return;
      }
      const body = await readLimited(req, SLACK_BODY_LIMIT);
      if (body === null) {
        res.writeHead(413).end();
        return;
      }
      const verdict = options.signingSecret
        ? verifySlackSignature({
            signingSecret: options.signingSecret,
            rawBody: body,
            signature: req.headers['x-slack-signature'],
            timestamp: req.headers['x-slack-request-timestamp'],
            nowMs: now(),
          })
        : ({ ok: false, reason: 'no signing secret configured' } as const);
      if (!verdict.ok) {
        options.logger.warn(
          { reason: verdict.reason, ip: req.socket.remoteAddress },
          'refused a Slack request',
        );
        res.writeHead(401).end();
        return;
      }
      const malformed = malformedEnvelope(body, req.headers['content-type']);
      if (malformed !== null) {
        options.logger.warn({ reason: malformed }, 'malformed Slack request dropped');
        res.writeHead(400).end();
        return;
      }
      // Bolt reads the already-buffered body from `rawBody` and verifies it once more.
      (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
      options.slackListener(req, res);
      return;
    }
    res.writeHead(404).end();
  }
}

/**
 * Why a signed JSON body is not an envelope Slack sends (an object with a `type`, and an `event`
 * object in an `event_callback`), or null. Bolt would answer such a body with a 500.
 */
function malformedEnvelope(body: Buffer, contentType: string | undefined): string | null {
  if (!/^application\/json\b/i.test(contentType ?? '')) return null;
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

function readLimited(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function listen(server: Server, port: number, host = '0.0.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
