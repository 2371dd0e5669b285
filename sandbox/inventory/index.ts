/**
 * Inventory emulator, the small REST contract of docs/contract.md section 7: find servers by IP, patch
 * environment/application with an optional comment. Changes are kept (a PATCH reads back) and
 * every PATCH is appended to a history the tests and the demo can read.
 */
import { z } from 'zod';
import { type EmulatorCommonOptions, pickOne } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type Fault,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import { isDottedQuad } from '../network/ipv4.js';
import type { InventoryWorld } from '../scenario.js';

export interface InventoryEmulatorOptions extends EmulatorCommonOptions {
  /** The bearer token the client must send. */
  token: string;
  now?: () => Date;
}

export interface InventoryServerRecord {
  id: string;
  hostname: string;
  ip: string;
  environment: string;
  application: string;
}

export interface InventoryChange {
  at: string;
  id: string;
  /** Field values before and after, only for fields the PATCH changed or set. */
  changes: Partial<Record<'environment' | 'application', { from: string; to: string }>>;
  comment: string | null;
}

export interface InventoryState {
  servers: InventoryServerRecord[];
  history: InventoryChange[];
}

export interface InventoryEmulator extends RunningEmulator {
  state(): InventoryState;
}

const patchSchema = z.strictObject({
  environment: z.string().min(1).optional(),
  application: z.string().min(1).optional(),
  comment: z.string().optional(),
});

const SERVERS = /^\/servers\/?$/;
const SERVER = /^\/servers\/([^/]+)\/?$/;
const HISTORY = /^\/servers\/([^/]+)\/history\/?$/;

export async function startInventoryEmulator(
  world: InventoryWorld,
  options: InventoryEmulatorOptions,
): Promise<InventoryEmulator> {
  const servers = new Map(world.servers.map((server) => [server.id, { ...server }]));
  const history: InventoryChange[] = [];
  const now = options.now ?? (() => new Date());

  const handler = (request: EmulatorRequest): EmulatorResponse => {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      return { status: 401, headers: { 'www-authenticate': 'Bearer' }, body: { error: 'unauthorized' } };
    }
    if (request.method === 'GET' && SERVERS.test(request.path)) return findServers(request);
    const historyMatch = HISTORY.exec(request.path);
    if (request.method === 'GET' && historyMatch) {
      const id = decodeURIComponent(historyMatch[1] ?? '');
      if (!servers.has(id)) return unknownServer(id);
      return { status: 200, body: history.filter((change) => change.id === id) };
    }
    const serverMatch = SERVER.exec(request.path);
    if (serverMatch) {
      const id = decodeURIComponent(serverMatch[1] ?? '');
      const server = servers.get(id);
      if (!server) return unknownServer(id);
      if (request.method === 'GET') return { status: 200, body: server };
      if (request.method === 'PATCH') return patchServer(request, server);
      return {
        status: 405,
        headers: { allow: 'GET, PATCH' },
        body: { error: `${request.method} not allowed` },
      };
    }
    return { status: 404, body: { error: `no route ${request.method} ${request.path}` } };
  };

  function findServers(request: EmulatorRequest): EmulatorResponse {
    const ip = request.query.get('ip');
    if (ip === null) return { status: 200, body: [...servers.values()] };
    if (!isDottedQuad(ip)) return { status: 400, body: { error: `ip: '${ip}' is not an IPv4 address` } };
    return { status: 200, body: [...servers.values()].filter((server) => server.ip === ip) };
  }

  function patchServer(request: EmulatorRequest, server: InventoryServerRecord): EmulatorResponse {
    let payload: unknown;
    try {
      payload = JSON.parse(request.body);
    } catch {
      return { status: 400, body: { error: 'body: not valid JSON' } };
    }
    const parsed = patchSchema.safeParse(payload);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.length ? issue.path.join('.') : 'body'}: ${issue.message}`,
      );
      return { status: 400, body: { error: problems.join('; ') } };
    }
    const patch = parsed.data;
    const changes: InventoryChange['changes'] = {};
    for (const field of ['environment', 'application'] as const) {
      const value = patch[field];
      if (value === undefined) continue;
      changes[field] = { from: server[field], to: value };
      server[field] = value;
    }
    history.push({ at: now().toISOString(), id: server.id, changes, comment: patch.comment ?? null });
    return { status: 200, body: server };
  }

  const running = await startEmulator({
    name: 'inventory',
    handler,
    fault: inventoryFault,
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    seed: options.seed,
  });
  return {
    ...running,
    close: () => running.close(),
    state: () => ({
      servers: [...servers.values()].map((server) => ({ ...server })),
      history: history.map((change) => structuredClone(change)),
    }),
  };
}

function unknownServer(id: string): EmulatorResponse {
  return { status: 404, body: { error: `no server with id '${id}'` } };
}

/** 500, 503 with retry-after, or a hang. */
export function inventoryFault(_request: EmulatorRequest, random: () => number): Fault {
  return pickOne<() => Fault>(
    [
      () => ({ status: 500, body: { error: 'internal server error' } }),
      () => ({ status: 503, headers: { 'retry-after': '1' }, body: { error: 'service unavailable' } }),
      () => 'hang',
    ],
    random,
  )();
}
