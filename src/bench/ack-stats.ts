/** Percentiles of the slash command acks. Pure. */
import type { AckResult, AckSample } from './ack-bench.js';

/** Nearest-rank percentile (p in 0..100) of the values; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** The acks that came while investigations ran make the figures (all of them if none did). */
export function summarizeAcks(
  samples: readonly AckSample[],
  run: { targets: number; latencyMs: number; investigations: number },
): AckResult {
  const during = samples.filter((s) => s.during);
  const measured = (during.length > 0 ? during : samples).map((s) => s.ms);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    targets: run.targets,
    latencyMs: run.latencyMs,
    investigations: run.investigations,
    commands: samples.length,
    duringInvestigations: during.length,
    ackP50Ms: round(percentile(measured, 50)),
    ackP99Ms: round(percentile(measured, 99)),
    ackMaxMs: round(measured.length > 0 ? Math.max(...measured) : 0),
  };
}
