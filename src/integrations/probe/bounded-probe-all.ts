/**
 * Probes many (IP, scanner) pairs with at most `concurrency` in flight and a deadline on each.
 * Every request gets an outcome, in input order: a probe that throws or overruns becomes a failed
 * check naming the reason, never an unhandled rejection. A pair asked for twice is probed once.
 */
import { asCodedError, type CodedError, ErrorCode, IntegrationError } from '../../errors.js';
import type { NetworkProbe } from '../../investigation/ports.js';
import { type Check, failed, ok, type Reachability } from '../../runbook/evidence.js';
import { mapConcurrent } from '../http/concurrency.js';

export interface ProbeRequest {
  ip: string;
  scanner: string;
}

export interface ProbeOutcome {
  request: ProbeRequest;
  reachability: Check<Reachability>;
  /** The error behind a failed check, for logs; null when the probe answered. */
  error: CodedError | null;
}

export interface BoundedProbeOptions {
  concurrency: number;
  /** Deadline of one probe, on top of the probe's own timeouts. */
  timeoutMs: number;
}

export async function boundedProbeAll(
  probe: NetworkProbe,
  requests: readonly ProbeRequest[],
  options: BoundedProbeOptions,
): Promise<ProbeOutcome[]> {
  const keyOf = (r: ProbeRequest) => `${r.scanner}\u0000${r.ip}`;
  const unique = new Map<string, ProbeRequest>();
  for (const request of requests) if (!unique.has(keyOf(request))) unique.set(keyOf(request), request);
  const distinct = [...unique.values()];
  const answers = await mapConcurrent(distinct, Math.max(1, options.concurrency), (request) =>
    probeOne(probe, request, options.timeoutMs),
  );
  const byKey = new Map(distinct.map((request, i) => [keyOf(request), answers[i]]));
  return requests.map((request) => {
    const answer = byKey.get(keyOf(request));
    if (!answer) throw new Error('unreachable: every distinct request has an answer');
    return { ...answer, request };
  });
}

async function probeOne(
  probe: NetworkProbe,
  request: ProbeRequest,
  timeoutMs: number,
): Promise<Omit<ProbeOutcome, 'request'>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new IntegrationError(
            'probe',
            `probe of ${request.ip} from ${request.scanner} took over ${timeoutMs} ms`,
            {
              code: ErrorCode.Timeout,
              retryable: true,
            },
          ),
        ),
      timeoutMs,
    );
  });
  const attempt = Promise.resolve().then(() => probe.probe(request.ip, request.scanner));
  try {
    const reachability = await Promise.race([attempt, deadline]);
    return { reachability: ok(reachability), error: null };
  } catch (thrown) {
    // A probe that lost the race may still reject later; that rejection is handled here.
    attempt.catch(() => {});
    const error = asCodedError(thrown);
    return { reachability: failed('ping', 'probe', error.message), error };
  } finally {
    clearTimeout(timer);
  }
}
