/**
 * Counts upstream calls by system and outcome, with the time they took: the benchmark reports the
 * totals and /metrics exports them. One counter is shared by every adapter of an investigation.
 */
import type { CallCounter } from '../investigation/ports.js';

export interface SystemLatency {
  count: number;
  totalMs: number;
}

export interface SystemOutcomes {
  ok: number;
  error: number;
}

export interface UpstreamCall {
  system: string;
  outcome: 'ok' | 'error';
  ms: number;
}

export interface MeasuringCallCounter extends CallCounter {
  /** Calls `listener` after every counted call (metrics histograms); returns the unsubscribe. */
  onCall(listener: (call: UpstreamCall) => void): () => void;
  /** Calls and the summed time they took, by system. */
  latency(): Record<string, SystemLatency>;
  /** Calls by system and outcome. */
  outcomes(): Record<string, SystemOutcomes>;
}

export function createCallCounter(): MeasuringCallCounter {
  const bySystem = new Map<string, { ok: number; error: number; totalMs: number }>();
  const listeners = new Set<(call: UpstreamCall) => void>();

  return {
    count(system, outcome, ms) {
      let entry = bySystem.get(system);
      if (!entry) {
        entry = { ok: 0, error: 0, totalMs: 0 };
        bySystem.set(system, entry);
      }
      entry[outcome] += 1;
      const spent = Number.isFinite(ms) && ms > 0 ? ms : 0;
      entry.totalMs += spent;
      for (const listener of listeners) listener({ system, outcome, ms: spent });
    },
    onCall(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot() {
      const totals: Record<string, number> = {};
      for (const [system, entry] of bySystem) totals[system] = entry.ok + entry.error;
      return totals;
    },
    latency() {
      const out: Record<string, SystemLatency> = {};
      for (const [system, entry] of bySystem) {
        out[system] = { count: entry.ok + entry.error, totalMs: entry.totalMs };
      }
      return out;
    },
    outcomes() {
      const out: Record<string, SystemOutcomes> = {};
      for (const [system, entry] of bySystem) out[system] = { ok: entry.ok, error: entry.error };
      return out;
    },
  };
}
