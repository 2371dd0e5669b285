/**
 * Who may start a re-check, and when. A re-check reads every system again (a few calls per target),
 * so Slack users must not be able to multiply it:
 * - one at a time per investigation: a request that a running re-check covers (the same IP, or any
 *   while all are re-checked) joins it instead of starting another;
 * - per investigation, one start per `investigationIntervalMs`, across replicas (a lease in the
 *   store);
 * - per user, at most `perUser` starts per `perUserWindowMs` (in this process).
 * Whoever is turned away or joins is told so privately. Why these values: SECURITY.md, "Limits".
 */
import type { InvestigationRecord, Store } from '../../store/store.js';
import type { RecheckResult } from './recheck.js';

export interface RecheckLimits {
  investigationIntervalMs: number;
  perUser: number;
  perUserWindowMs: number;
}

export const RECHECK_LIMITS: Readonly<RecheckLimits> = Object.freeze({
  investigationIntervalMs: 30_000,
  perUser: 5,
  perUserWindowMs: 10 * 60_000,
});

export interface RecheckRequest {
  onlyIp?: string;
  requestedBy: string;
}

/** Returned as soon as the request is decided; `done` settles when the re-check it is part of ends. */
export type RecheckOutcome =
  | { kind: 'started'; done: Promise<RecheckResult> }
  | { kind: 'joined'; startedBy: string; done: Promise<RecheckResult> }
  | { kind: 'limited'; message: string };

export interface RecheckGate {
  request(record: InvestigationRecord, request: RecheckRequest): Promise<RecheckOutcome>;
}

interface Running {
  onlyIp: string | undefined;
  startedBy: string;
  done: Promise<RecheckResult>;
}

export function createRecheckGate(options: {
  store: Pick<Store, 'tryLease'>;
  replica: string;
  now: () => Date;
  run: (record: InvestigationRecord, request: RecheckRequest) => Promise<RecheckResult>;
  limits?: Partial<RecheckLimits>;
}): RecheckGate {
  const limits: RecheckLimits = { ...RECHECK_LIMITS, ...options.limits };
  const running = new Map<number, Running[]>();
  const startsByUser = new Map<string, number[]>();

  const covering = (id: number, onlyIp: string | undefined) =>
    (running.get(id) ?? []).find((r) => r.onlyIp === undefined || r.onlyIp === onlyIp);

  return {
    async request(record, request) {
      const joined = covering(record.id, request.onlyIp);
      if (joined) return { kind: 'joined', startedBy: joined.startedBy, done: joined.done };

      const now = options.now().getTime();
      const recent = (startsByUser.get(request.requestedBy) ?? []).filter(
        (at) => now - at < limits.perUserWindowMs,
      );
      if (recent.length >= limits.perUser) {
        const wait = Math.ceil((limits.perUserWindowMs - (now - (recent[0] ?? now))) / 60_000);
        return {
          kind: 'limited',
          message: `You have asked for ${recent.length} re-checks in the last ${Math.round(limits.perUserWindowMs / 60_000)} minutes, the most I take from one person: try again in ${wait} minute${wait === 1 ? '' : 's'}. The schedule re-checks open investigations every hour.`,
        };
      }
      const leased = await options.store.tryLease(
        `recheck:${record.id}`,
        options.replica,
        limits.investigationIntervalMs,
        options.now(),
      );
      // Another request may have started one while the lease was asked for: join it.
      const late = covering(record.id, request.onlyIp);
      if (late) return { kind: 'joined', startedBy: late.startedBy, done: late.done };
      if (!leased) {
        return {
          kind: 'limited',
          message: `${record.repo}#${record.issueNumber} was re-checked less than ${Math.round(limits.investigationIntervalMs / 1000)} seconds ago: its result is in the thread. Press again in a moment if you still need it.`,
        };
      }
      recent.push(now);
      startsByUser.set(request.requestedBy, recent);
      const entry: Running = {
        onlyIp: request.onlyIp,
        startedBy: request.requestedBy,
        done: options.run(record, request),
      };
      running.set(record.id, [...(running.get(record.id) ?? []), entry]);
      const forget = () => {
        const left = (running.get(record.id) ?? []).filter((r) => r !== entry);
        if (left.length > 0) running.set(record.id, left);
        else running.delete(record.id);
      };
      entry.done.then(forget, forget);
      return { kind: 'started', done: entry.done };
    },
  };
}
