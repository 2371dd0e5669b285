/**
 * Nessus scanners emulator (docs/outside-apis.md section 3). One server stands in for every scanner of the
 * scenario: scanner NAME lives under `{url}/scanners/NAME`, so its `GET /server/status` is
 * `{url}/scanners/NAME/server/status`. Each scanner checks its own `X-ApiKeys` pair.
 * A silent scanner (nessusd down, or the host gone) answers no HTTP at all: every call to it has its
 * connection reset at once, so a client fails fast instead of waiting for a timeout.
 */
import { type EmulatorCommonOptions, pickOne } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type Fault,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import type { NessusWorld, ScannerWorld } from '../scenario.js';

export interface ScannerKeys {
  accessKey: string;
  secretKey: string;
}

export interface NessusEmulatorOptions extends EmulatorCommonOptions {
  /** API keys of each scanner; a scenario scanner without keys rejects every call. */
  keys: Record<string, ScannerKeys>;
}

export interface NessusEmulator extends RunningEmulator {
  /** The base URL a client uses for one scanner (what `https://host:8834` is for a real one). */
  scannerUrl(name: string): string;
  /** Changes what a scanner's `/server/status` says from now on (`ready`, `loading`, ...); a silent one answers again. */
  setStatus(name: string, status: string): void;
  /** Makes a scanner's API stop answering (true) or answer again with its last status (false). */
  setSilent(name: string, silent: boolean): void;
}

const SCANNER_ROUTE = /^\/scanners\/([^/]+)(\/.*)$/;

export async function startNessusEmulator(
  initial: NessusWorld,
  options: NessusEmulatorOptions,
): Promise<NessusEmulator> {
  // A copy: setStatus changes this emulator, never the scenario it was started from.
  const world: NessusWorld = Object.fromEntries(
    Object.entries(initial).map(([name, scanner]) => [name, { ...scanner }]),
  );
  const scannerOf = (
    request: EmulatorRequest,
  ): { name: string; route: string; scanner: ScannerWorld } | null => {
    const match = SCANNER_ROUTE.exec(request.path);
    const name = decodeSegment(match?.[1]);
    const scanner = name === undefined || !Object.hasOwn(world, name) ? undefined : world[name];
    return match?.[2] !== undefined && name !== undefined && scanner
      ? { name, route: match[2], scanner }
      : null;
  };
  const handler = (request: EmulatorRequest): EmulatorResponse | 'reset' => {
    const found = scannerOf(request);
    if (!found) return { status: 404, body: { error: 'The requested file was not found.' } };
    const { name, route, scanner } = found;
    if (scanner.silent) return 'reset';
    const keys = options.keys[name];
    if (!keys || !sameKeys(parseApiKeys(request.headers['x-apikeys']), keys)) {
      return { status: 401, body: { error: 'Invalid Credentials' } };
    }
    if (request.method === 'GET' && route === '/server/status') {
      return {
        status: 200,
        body: { status: scanner.status, progress: scanner.progress ?? null, must_destroy_session: false },
      };
    }
    if (request.method === 'GET' && route === '/server/properties') {
      return {
        status: 200,
        body: {
          nessus_type: 'Nessus Scanner',
          server_version: '10.8.3',
          nessus_ui_version: '10.8.3',
          server_uuid: `sandbox-${name}`,
          loaded_plugin_set: '202601010000',
        },
      };
    }
    return { status: 404, body: { error: 'The requested file was not found.' } };
  };

  const running = await startEmulator({
    name: 'nessus',
    handler,
    // A dead scanner stays dead under faults: no 500 or hang from a service that is not there.
    fault: (request, random) => (scannerOf(request)?.scanner.silent ? 'reset' : nessusFault(request, random)),
    latencyMs: options.latencyMs,
    faultRate: options.faultRate,
    seed: options.seed,
    ...(options.tls ? { tls: options.tls } : {}),
  });
  return {
    ...running,
    close: () => running.close(),
    scannerUrl: (name: string) => `${running.url}/scanners/${encodeURIComponent(name)}`,
    setStatus: (name: string, status: string) => {
      const scanner = scannerNamed(world, name);
      world[name] = { progress: scanner.progress, status, silent: false };
    },
    setSilent: (name: string, silent: boolean) => {
      const scanner = scannerNamed(world, name);
      if (silent) {
        world[name] = { ...scanner, silent: true };
        return;
      }
      if (scanner.status === undefined) {
        throw new Error(`scanner ${name} has no status to answer with: call setStatus instead`);
      }
      world[name] = { status: scanner.status, progress: scanner.progress, silent: false };
    },
  };
}

function scannerNamed(world: NessusWorld, name: string): ScannerWorld {
  const scanner = Object.hasOwn(world, name) ? world[name] : undefined;
  if (!scanner) throw new Error(`no scanner named ${name} in this scenario`);
  return scanner;
}

/** Reads `accessKey=...; secretKey=...` (the header name is case-insensitive; node lower-cases it). */
export function parseApiKeys(header: string | string[] | undefined): Partial<ScannerKeys> {
  const value = Array.isArray(header) ? header.join(';') : (header ?? '');
  const keys: Partial<ScannerKeys> = {};
  for (const part of value.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim().toLowerCase();
    const key = part.slice(separator + 1).trim();
    if (name === 'accesskey') keys.accessKey = key;
    if (name === 'secretkey') keys.secretKey = key;
  }
  return keys;
}

function sameKeys(sent: Partial<ScannerKeys>, expected: ScannerKeys): boolean {
  return sent.accessKey === expected.accessKey && sent.secretKey === expected.secretKey;
}

function decodeSegment(segment: string | undefined): string | undefined {
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** 500, a hang, or a dropped connection (a scanner whose nessusd died mid-call). */
export function nessusFault(_request: EmulatorRequest, random: () => number): Fault {
  return pickOne<() => Fault>(
    [() => ({ status: 500, body: { error: 'Internal Server Error' } }), () => 'hang', () => 'reset'],
    random,
  )();
}
