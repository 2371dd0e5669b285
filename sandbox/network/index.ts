/**
 * The simulated network: what ping and TCP 22 from a scanner would show, by table lookup in the
 * scenario. It sends no packet anywhere; an IP absent from the table answers nothing.
 * `GET /v1/probe?ip=10.1.2.3&from=SCANNER` -> `{"ip","from","ping","tcp22"}`;
 * `POST /v1/probe/batch` `{"from","ips","parallelism"}` -> `{"from","results":[{"ip","ping","tcp22"}]}`.
 *
 * A check that gets no answer costs what the scanner's command waits for it (`silentWaitMs`: ping
 * and TCP 22, side by side, so the longer of the two), unless the entry says the host refuses
 * (`refused`: a reject answers at once). A batch runs its IPs `parallelism` at once, in order, as
 * `xargs -P` does on a scanner, and answers when the last one is done. The waits default to zero
 * (silence is free) so tests and the demo stay fast; the benchmark gives the real ones.
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

export interface SilentWait {
  pingMs: number;
  tcp22Ms: number;
}

/** What probing one IP costs on the scanner: the longer of its two checks' waits. */
export function hostCostMs(world: NetworkWorld, ip: string, from: string | null, wait: SilentWait): number {
  if (world[ip]?.refused) return 0;
  const seen = lookupReachability(world, ip, from);
  return Math.max(seen.ping ? 0 : wait.pingMs, seen.tcp22 ? 0 : wait.tcp22Ms);
}

/** When the last of `costs` ends with `slots` run at once, each next one taking the first free slot. */
export function listScheduleMs(costs: readonly number[], slots: number): number {
  const free = new Array<number>(Math.max(1, Math.min(slots, costs.length))).fill(0);
  for (const cost of costs) {
    let first = 0;
    for (let i = 1; i < free.length; i++) if ((free[i] ?? 0) < (free[first] ?? 0)) first = i;
    free[first] = (free[first] ?? 0) + cost;
  }
  return Math.max(0, ...free);
}

/** One batch as the emulator received it (for the benchmark's model and the tests). */
export interface ProbeBatchRecord {
  from: string;
  ips: string[];
  parallelism: number;
  costMs: number;
}

export interface NetworkEmulator extends RunningEmulator {
  /** What an IP answers from now on (a firewall opened, a host gone down): for tests. */
  setReachability(ip: string, entry: NetworkWorld[string]): void;
  /** Every batch served, in order of arrival. */
  batches: ProbeBatchRecord[];
}

export interface NetworkEmulatorOptions extends EmulatorCommonOptions {
  /** What a check that gets no answer waits (default zero for both). */
  silentWaitMs?: Partial<SilentWait>;
}

const MAX_BATCH = 1000;
const batchRequest = z.strictObject({
  from: z.string().min(1).max(128),
  ips: z
    .array(z.string().refine(isDottedQuad, 'not an IPv4 address'))
    .min(1)
    .max(MAX_BATCH)
    .refine((ips) => new Set(ips).size === ips.length, 'an IP is named twice'),
  parallelism: z.number().int().min(1).max(1024),
});

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startNetworkEmulator(
  initial: NetworkWorld,
  options: NetworkEmulatorOptions = {},
): Promise<NetworkEmulator> {
  // A copy: a test changing the network changes this emulator, never the scenario.
  const world: NetworkWorld = structuredClone(initial);
  const wait: SilentWait = {
    pingMs: options.silentWaitMs?.pingMs ?? 0,
    tcp22Ms: options.silentWaitMs?.tcp22Ms ?? 0,
  };
  const batches: ProbeBatchRecord[] = [];

  const single = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    if (request.method !== 'GET')
      return { status: 405, headers: { allow: 'GET' }, body: { error: 'GET only' } };
    const ip = request.query.get('ip') ?? '';
    if (!isDottedQuad(ip)) return { status: 400, body: { error: `ip: '${ip}' is not an IPv4 address` } };
    const from = request.query.get('from') || null;
    const cost = hostCostMs(world, ip, from, wait);
    if (cost > 0) await sleep(cost);
    return { status: 200, body: { ip, from, ...lookupReachability(world, ip, from) } };
  };

  const batch = async (request: EmulatorRequest): Promise<EmulatorResponse> => {
    if (request.method !== 'POST')
      return { status: 405, headers: { allow: 'POST' }, body: { error: 'POST only' } };
    let json: unknown;
    try {
      json = JSON.parse(request.body);
    } catch {
      return { status: 400, body: { error: 'the body is not JSON' } };
    }
    const parsed = batchRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { status: 400, body: { error: `${issue?.path.join('.') || 'body'}: ${issue?.message}` } };
    }
    const { from, ips, parallelism } = parsed.data;
    const costMs = listScheduleMs(
      ips.map((ip) => hostCostMs(world, ip, from, wait)),
      parallelism,
    );
    batches.push({ from, ips, parallelism, costMs });
    if (costMs > 0) await sleep(costMs);
    return {
      status: 200,
      body: { from, results: ips.map((ip) => ({ ip, ...lookupReachability(world, ip, from) })) },
    };
  };

  const handler = (request: EmulatorRequest): Promise<EmulatorResponse> | EmulatorResponse => {
    const path = request.path.replace(/\/$/, '');
    if (path === '/v1/probe') return single(request);
    if (path === '/v1/probe/batch') return batch(request);
    return { status: 404, body: { error: `no route ${request.method} ${request.path}` } };
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
    batches,
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
