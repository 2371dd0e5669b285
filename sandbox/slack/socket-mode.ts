/**
 * Slack's Socket Mode, server side: `apps.connections.open` (app-level token) hands out a WebSocket
 * URL on 127.0.0.1; the app connects, gets `hello`, then envelopes (`slash_commands`, `events_api`,
 * `interactive`) that it acknowledges by sending back `{ envelope_id, payload }`. As on Slack, an
 * envelope not acknowledged within 3 seconds counts as failed.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

export type EnvelopeType = 'slash_commands' | 'events_api' | 'interactive';

export interface SocketAck {
  envelopeId: string;
  /** Milliseconds from sending the envelope to the app's acknowledgement. */
  ms: number;
  /** What the app sent back with the ack (a response body for commands, or nothing). */
  payload: unknown;
}

export interface SocketModeServer {
  /** A fresh connection URL, as `apps.connections.open` returns. */
  connectionUrl(): string;
  /** Open connections that got their `hello`. */
  connections(): number;
  /** Resolves once an app is connected, or rejects after `timeoutMs`. */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends an envelope to a connected app; resolves with its ack, rejects without one in `timeoutMs`. */
  deliver(type: EnvelopeType, payload: unknown, timeoutMs?: number): Promise<SocketAck>;
  close(): Promise<void>;
}

/** Slack's limit for acknowledging an envelope. */
export const ACK_TIMEOUT_MS = 3000;

export async function startSocketModeServer(appId: string): Promise<SocketModeServer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const tickets = new Set<string>();
  const open = new Set<WebSocket>();
  const pending = new Map<string, (ack: { payload: unknown }) => void>();

  server.on('connection', (socket, request) => {
    const ticket = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams.get('ticket') ?? '';
    // A connection URL works once, as Slack's do.
    if (!tickets.delete(ticket)) {
      socket.close(4001, 'invalid ticket');
      return;
    }
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null) return;
      const { envelope_id: id, payload } = message as { envelope_id?: unknown; payload?: unknown };
      if (typeof id !== 'string') return;
      pending.get(id)?.({ payload });
      pending.delete(id);
    });
    socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: open.size,
        debug_info: { host: 'sandbox', approximate_connection_time: 3600 },
        connection_info: { app_id: appId },
      }),
    );
  });

  return {
    connectionUrl() {
      const ticket = randomBytes(12).toString('hex');
      tickets.add(ticket);
      return `ws://127.0.0.1:${port}/link/?ticket=${ticket}`;
    },
    connections: () => open.size,
    async waitForConnection(timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (open.size === 0) {
        if (Date.now() > deadline) throw new Error(`no Socket Mode connection within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    deliver(type, payload, timeoutMs = ACK_TIMEOUT_MS) {
      const [socket] = open;
      if (!socket) return Promise.reject(new Error('no app is connected over Socket Mode'));
      const envelopeId = randomBytes(16).toString('hex');
      const started = performance.now();
      return new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          reject(new Error(`envelope ${envelopeId} (${type}) not acknowledged within ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(envelopeId, (ack) => {
          clearTimeout(timer);
          resolve({ envelopeId, ms: performance.now() - started, payload: ack.payload });
        });
        socket.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            payload,
            accepts_response_payload: type !== 'events_api',
            ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
          }),
        );
      });
    },
    async close() {
      for (const socket of open) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
