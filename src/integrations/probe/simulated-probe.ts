/**
 * Asks the sandbox's simulated network (sandbox/network/) what a scanner would see: the demo, the
 * benchmark and the tests probe scenario IPs this way, so no packet leaves loopback.
 *
 * `GET {url}/v1/probe?ip=10.1.2.3&from=prod-dal09-infra-nessus-01` -> `{ip, from, ping, tcp22}`;
 * `POST {url}/v1/probe/batch` `{from, ips, parallelism}` -> `{from, results: [{ip, ping, tcp22}]}`,
 * answered as the batch command over SSH would be: each silent host costing its wait, `parallelism`
 * IPs at once.
 */
import { z } from 'zod';
import { ErrorCode, IntegrationError } from '../../errors.js';
import type { CallCounter, NetworkProbe } from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import type { Check, Reachability } from '../../runbook/evidence.js';
import { HttpClient } from '../http/http-client.js';
import { batchDeadlineMs, DEFAULT_SCANNER_PARALLELISM } from './probe-commands.js';
import { assertProbeTarget } from './probe-target.js';

export interface SimulatedProbeOptions {
  url: string;
  /** Deadline of one probe call (default 5000 ms). */
  timeoutMs?: number;
  /** Attempts after the first (default 2). */
  retries?: number;
  logger: Logger;
  counter?: CallCounter;
  /** IPs the simulated scanner probes at once in a batch (default DEFAULT_SCANNER_PARALLELISM). */
  scannerParallelism?: number;
  /** Injected by tests. */
  fetch?: typeof fetch;
}

const probeAnswer = z.object({
  ip: z.string(),
  from: z.string(),
  ping: z.boolean(),
  tcp22: z.boolean().nullable(),
});

const batchAnswer = z.object({
  from: z.string(),
  results: z.array(z.object({ ip: z.string(), ping: z.boolean(), tcp22: z.boolean().nullable() })),
});

export class SimulatedProbe implements NetworkProbe {
  /** The sandbox's network answers as seen from each scanner. */
  readonly origin = 'scanner' as const;
  private readonly http: HttpClient;
  private readonly timeoutMs: number;
  private readonly parallelism: number;

  constructor(options: SimulatedProbeOptions) {
    this.http = new HttpClient({
      system: 'probe',
      baseUrl: options.url,
      timeoutMs: options.timeoutMs ?? 5000,
      retries: options.retries ?? 2,
      logger: options.logger,
      counter: options.counter,
      fetch: options.fetch,
      secrets: [],
    });
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.parallelism = options.scannerParallelism ?? DEFAULT_SCANNER_PARALLELISM;
  }

  async probeMany(ips: readonly string[], fromScanner: string): Promise<Map<string, Check<Reachability>>> {
    for (const ip of ips) assertProbeTarget(ip, fromScanner);
    const answer = await this.http.request({
      method: 'POST',
      path: '/v1/probe/batch',
      json: { from: fromScanner, ips, parallelism: this.parallelism },
      label: '/v1/probe/batch',
      schema: batchAnswer,
      // Probing again only repeats the waits: a batch is harmless to send twice.
      idempotent: true,
      timeoutMs: batchDeadlineMs(ips.length, this.parallelism, this.timeoutMs),
    });
    const wanted = new Set(ips);
    const out = new Map<string, Check<Reachability>>();
    for (const result of answer.results) {
      if (!wanted.has(result.ip) || out.has(result.ip)) {
        throw new IntegrationError(
          'probe',
          `the simulated network answered for ${result.ip}, ${out.has(result.ip) ? 'twice' : 'which the batch did not name'}`,
          { code: ErrorCode.IntegrationResponse },
        );
      }
      out.set(result.ip, { status: 'ok', value: { ping: result.ping, tcp22: result.tcp22 } });
    }
    if (answer.from !== fromScanner || out.size !== wanted.size) {
      throw new IntegrationError(
        'probe',
        `the simulated network answered ${out.size} of ${wanted.size} IPs from ${answer.from}, asked from ${fromScanner}`,
        { code: ErrorCode.IntegrationResponse },
      );
    }
    return out;
  }

  async probe(ip: string, fromScanner: string): Promise<Reachability> {
    assertProbeTarget(ip, fromScanner);
    const answer = await this.http.request({
      method: 'GET',
      path: '/v1/probe',
      query: { ip, from: fromScanner },
      label: '/v1/probe',
      schema: probeAnswer,
      // A silent host answers after its wait, as the scanner's commands would.
      timeoutMs: batchDeadlineMs(1, 1, this.timeoutMs),
    });
    if (answer.ip !== ip || answer.from !== fromScanner) {
      throw new IntegrationError(
        'probe',
        `the simulated network answered for ${answer.ip} from ${answer.from}, not ${ip} from ${fromScanner}`,
        { code: ErrorCode.IntegrationResponse },
      );
    }
    return { ping: answer.ping, tcp22: answer.tcp22 };
  }
}
