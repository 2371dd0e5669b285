/**
 * Nessus scanners emulator (api-notes.md section 3). One server stands in for every scanner of the
 * scenario: scanner NAME lives under `{url}/scanners/NAME`, so its `GET /server/status` is
 * `{url}/scanners/NAME/server/status`. Each scanner checks its own `X-ApiKeys` pair.
 */
import { type EmulatorCommonOptions, pickOne } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type Fault,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import type { NessusWorld } from '../scenario.js';

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
  /** Changes what a scanner's `/server/status` says from now on (`ready`, `loading`, ...). */
  setStatus(name: string, status: string): void;
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
  const handler = (request: EmulatorRequest): EmulatorResponse => {
    const match = SCANNER_ROUTE.exec(request.path);
    const name = decodeSegment(match?.[1]);
    const scanner = name === undefined ? undefined : world[name];
    if (!match || name === undefined || !scanner)
      return { status: 404, body: { error: 'The requested file was not found.' } };
    const keys = options.keys[name];
    if (!keys || !sameKeys(parseApiKeys(request.headers['x-apikeys']), keys)) {
      return { status: 401, body: { error: 'Invalid Credentials' } };
    }
    const route = match[2];
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
    fault: nessusFault,
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
      const scanner = world[name];
      if (!scanner) throw new Error(`no scanner named ${name} in this scenario`);
      world[name] = { ...scanner, status };
    },
  };
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
