/**
 * Asks the sandbox's simulated network (sandbox/network/) what a scanner would see: the demo, the
 * benchmark and the tests probe scenario IPs this way, so no packet leaves loopback.
 *
 * `GET {url}/v1/probe?ip=10.1.2.3&from=prod-dal09-infra-nessus-01` -> `{ip, from, ping, tcp22}`.
 */
import { z } from 'zod';
import { ErrorCode, IntegrationError } from '../../errors.js';
import type { CallCounter, NetworkProbe } from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import type { Reachability } from '../../runbook/evidence.js';
import { HttpClient } from '../http/http-client.js';
import { assertProbeTarget } from './probe-target.js';

export interface SimulatedProbeOptions {
  url: string;
  /** Deadline of one probe call (default 5000 ms). */
  timeoutMs?: number;
  /** Attempts after the first (default 2). */
  retries?: number;
  logger: Logger;
  counter?: CallCounter;
  /** Injected by tests. */
  fetch?: typeof fetch;
}

const probeAnswer = z.object({
  ip: z.string(),
  from: z.string(),
  ping: z.boolean(),
  tcp22: z.boolean().nullable(),
});

export class SimulatedProbe implements NetworkProbe {
  /** The sandbox's network answers as seen from each scanner. */
  readonly origin = 'scanner' as const;
  private readonly http: HttpClient;

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
  }

  async probe(ip: string, fromScanner: string): Promise<Reachability> {
    assertProbeTarget(ip, fromScanner);
    const answer = await this.http.request({
      method: 'GET',
      path: '/v1/probe',
      query: { ip, from: fromScanner },
      label: '/v1/probe',
      schema: probeAnswer,
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
