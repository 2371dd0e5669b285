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

export interface MeasuringCallCounter extends CallCounter {
  /** Calls and the summed time they took, by system. */
  latency(): Record<string, SystemLatency>;
  /** Calls by system and outcome. */
  outcomes(): Record<string, SystemOutcomes>;
}

export function createCallCounter(): MeasuringCallCounter {
  const bySystem = new Map<string, { ok: number; error: number; totalMs: number }>();

  return {
    count(system, outcome, ms) {
      let entry = bySystem.get(system);
      if (!entry) {
        entry = { ok: 0, error: 0, totalMs: 0 };
        bySystem.set(system, entry);
      }
      entry[outcome] += 1;
      entry.totalMs += Number.isFinite(ms) && ms > 0 ? ms : 0;
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
