/**
 * The simulated network: what ping and TCP 22 from a scanner would show, by table lookup in the
 * scenario. It sends no packet anywhere; an IP absent from the table answers nothing.
 * `GET /v1/probe?ip=10.1.2.3&from=SCANNER` -> `{"ip","from","ping","tcp22"}`.
 */
import { type EmulatorCommonOptions, pickOne } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type Fault,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import type { NetworkWorld } from '../scenario.js';
import { isDottedQuad } from './ipv4.js';

export interface Reachability {
  ping: boolean;
  tcp22: boolean;
}

/** A scanner-specific entry wins over the IP's general one; unlisted IPs are silent. */
export function lookupReachability(world: NetworkWorld, ip: string, from: string | null): Reachability {
  const entry = world[ip];
  if (!entry) return { ping: false, tcp22: false };
  const specific = from === null ? undefined : entry.from?.[from];
  return specific ? { ping: specific.ping, tcp22: specific.tcp22 } : { ping: entry.ping, tcp22: entry.tcp22 };
}

export interface NetworkEmulator extends RunningEmulator {
  /** What an IP answers from now on (a firewall opened, a host gone down): for tests. */
  setReachability(ip: string, entry: NetworkWorld[string]): void;
}

export async function startNetworkEmulator(
  initial: NetworkWorld,
  options: EmulatorCommonOptions = {},
): Promise<NetworkEmulator> {
  // A copy: a test changing the network changes this emulator, never the scenario.
  const world: NetworkWorld = structuredClone(initial);
  const handler = (request: EmulatorRequest): EmulatorResponse => {
    if (request.path !== '/v1/probe' && request.path !== '/v1/probe/') {
      return { status: 404, body: { error: `no route ${request.method} ${request.path}` } };
    }
    if (request.method !== 'GET')
      return { status: 405, headers: { allow: 'GET' }, body: { error: 'GET only' } };
    const ip = request.query.get('ip') ?? '';
    if (!isDottedQuad(ip)) return { status: 400, body: { error: `ip: '${ip}' is not an IPv4 address` } };
    const from = request.query.get('from') || null;
    return { status: 200, body: { ip, from, ...lookupReachability(world, ip, from) } };
  };
  const emulator = await startEmulator({
    name: 'network',
    handler,
    fault: networkFault,
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    seed: options.seed,
  });
  return {
    ...emulator,
    setReachability: (ip, entry) => {
      world[ip] = structuredClone(entry);
    },
  };
}

/** The probe service failing: 503 or a hang (never a wrong answer). */
export function networkFault(_request: EmulatorRequest, random: () => number): Fault {
  return pickOne<() => Fault>(
    [() => ({ status: 503, body: { error: 'probe service unavailable' } }), () => 'hang'],
    random,
  )();
}
