/**
 * GET /metrics (Prometheus text): a registry per bot, never prom-client's global one, so two bots in
 * one process (tests, the demo) keep their own numbers. Counters count what this process did;
 * `nessus_gap_investigations_active` and `nessus_gap_scanner_healthy` read the shared store, so every
 * replica reports the same values. What reads the store at scrape time gives up after a deadline, so
 * a store that hangs still leaves a scrape that says so (`nessus_gap_store_up 0`) rather than none.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MeasuringCallCounter } from '../integrations/call-counter.js';
import type { StoreObserver } from '../store/observed-store.js';
import type { InvestigationStatus } from '../store/store.js';

export type JobOutcome = 'ran' | 'skipped' | 'failed';

export interface BotMetrics {
  readonly registry: Registry;
  /** Feeds the investigation, finding and action counters from the store's writes. */
  readonly storeObserver: StoreObserver;
  jobRun(job: string, outcome: JobOutcome): void;
  /** Prometheus text exposition and its content type. */
  render(): Promise<{ contentType: string; body: string }>;
  /** Stops listening to the call counter. */
  close(): void;
}

export interface MetricSources {
  calls: MeasuringCallCounter;
  /** Slack requests whose listeners have not finished, and investigations running in this process. */
  queue: () => { slackRequests: number; investigations: number };
  /** Running and open investigations in the store, by status. */
  active: () => Promise<Record<'running' | 'open', number>>;
  /** False once this process is stopping (it takes no new work). */
  accepting: () => boolean;
  /** Resolves when the store answers a trivial query. */
  pingStore: () => Promise<void>;
  /** The last known health of each configured scanner, from the store. */
  scanners: () => Promise<{ name: string; healthy: boolean }[]>;
  /** How long a scrape waits for the store (default STORE_SCRAPE_DEADLINE_MS). */
  storeDeadlineMs?: number;
}

/** Well inside Prometheus' default scrape timeout (10 s). */
export const STORE_SCRAPE_DEADLINE_MS = 2000;

const OUTCOME_OF: Record<Exclude<InvestigationStatus, 'running'>, string> = {
  open: 'posted',
  failed: 'failed',
  resolved: 'resolved',
};

export function createBotMetrics(sources: MetricSources): BotMetrics {
  const registry = new Registry();
  const registers = [registry];
  const deadlineMs = sources.storeDeadlineMs ?? STORE_SCRAPE_DEADLINE_MS;
  const fromStore = <T>(read: () => Promise<T>) => within(read(), deadlineMs);
  const storeAnswers = () =>
    fromStore(sources.pingStore).then(
      () => true,
      () => false,
    );

  const investigations = new Counter({
    name: 'nessus_gap_investigations_total',
    help: 'Investigations by outcome: started, posted (findings in the thread), failed, resolved (closed out)',
    labelNames: ['outcome'],
    registers,
  });
  // Every outcome exported from the start at 0: a series born at 1 hides its first increase from
  // increase() and rate(), and so the first failed investigation from an alert.
  for (const outcome of ['started', ...Object.values(OUTCOME_OF)]) investigations.inc({ outcome }, 0);
  new Gauge({
    name: 'nessus_gap_investigations_active',
    help: 'Investigations running or open (waiting to be resolved), from the shared store',
    labelNames: ['status'],
    registers,
    async collect() {
      try {
        const counts = await fromStore(sources.active);
        for (const [status, value] of Object.entries(counts)) this.set({ status }, value);
      } catch {
        // The store is down: /healthz says so; the last values stay.
      }
    },
  });
  const findings = new Counter({
    name: 'nessus_gap_findings_total',
    help: 'Findings diagnosed (investigations and re-checks), by category',
    labelNames: ['category'],
    registers,
  });
  const timeToResolve = new Histogram({
    name: 'nessus_gap_time_to_resolve_seconds',
    help: 'Time from a target first seen unscanned to it leaving its gap issue, by category',
    labelNames: ['category'],
    // An hour to a quarter: gap issues are settled in days or weeks, not seconds.
    buckets: [
      3600,
      6 * 3600,
      86_400,
      2 * 86_400,
      4 * 86_400,
      7 * 86_400,
      14 * 86_400,
      30 * 86_400,
      90 * 86_400,
    ],
    registers,
  });
  const recurring = new Gauge({
    name: 'nessus_gap_recurring_targets',
    help: 'Targets found by 3 or more investigations within 90 days, counted in the shared store after each investigation',
    registers,
  });
  const actions = new Counter({
    name: 'nessus_gap_actions_total',
    help: 'Actions from buttons, by kind and outcome (done, failed, refused)',
    labelNames: ['action', 'outcome'],
    registers,
  });
  const upstreamCalls = new Counter({
    name: 'nessus_gap_upstream_calls_total',
    help: 'Calls to the systems the bot reads and changes, by system and outcome',
    labelNames: ['system', 'outcome'],
    registers,
  });
  const upstreamSeconds = new Histogram({
    name: 'nessus_gap_upstream_call_duration_seconds',
    help: 'Time each upstream call took, by system and outcome',
    labelNames: ['system', 'outcome'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  new Gauge({
    name: 'nessus_gap_event_queue_depth',
    help: 'Work in flight in this process: Slack requests being handled, investigations running',
    labelNames: ['queue'],
    registers,
    collect() {
      const depth = sources.queue();
      this.set({ queue: 'slack_requests' }, depth.slackRequests);
      this.set({ queue: 'investigations' }, depth.investigations);
    },
  });
  new Gauge({
    name: 'nessus_gap_ready',
    help: 'Whether this replica takes work and reaches its store, as /healthz answers: 1 or 0',
    registers,
    async collect() {
      this.set(sources.accepting() && (await storeAnswers()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'nessus_gap_store_up',
    help: 'Whether the store answered this scrape in time: 1 or 0',
    registers,
    async collect() {
      this.set((await storeAnswers()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'nessus_gap_scanner_healthy',
    help: 'Last known health of each configured Nessus scanner (1 ready, 0 not), from the shared store',
    labelNames: ['scanner'],
    registers,
    async collect() {
      try {
        const scanners = await fromStore(sources.scanners);
        // A scanner no longer configured leaves the exposition rather than alerting forever.
        this.reset();
        for (const scanner of scanners) this.set({ scanner: scanner.name }, scanner.healthy ? 1 : 0);
      } catch {
        // The store is down: nessus_gap_store_up says so; the last values stay.
      }
    },
  });
  const jobs = new Counter({
    name: 'nessus_gap_schedule_runs_total',
    help: 'Scheduled job ticks: ran here, skipped (another replica had the lease), failed',
    labelNames: ['job', 'outcome'],
    registers,
  });

  const unsubscribe = sources.calls.onCall((call) => {
    upstreamCalls.inc({ system: call.system, outcome: call.outcome });
    upstreamSeconds.observe({ system: call.system, outcome: call.outcome }, call.ms / 1000);
  });

  return {
    registry,
    storeObserver: {
      investigationStarted: () => investigations.inc({ outcome: 'started' }),
      investigationStatus: (status) => {
        if (status !== 'running') investigations.inc({ outcome: OUTCOME_OF[status] });
      },
      findingsSaved: (categories) => {
        for (const category of categories) findings.inc({ category });
      },
      findingsResolved: (resolved) => {
        for (const { category, seconds } of resolved) timeToResolve.observe({ category }, seconds);
      },
      recurringTargets: (count) => recurring.set(count),
      actionFinished: (action, outcome) => actions.inc({ action, outcome }),
    },
    jobRun: (job, outcome) => jobs.inc({ job, outcome }),
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    close: unsubscribe,
  };
}

/** The promise's value, or a rejection once `ms` have passed (the timer holds no process open). */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
