/**
 * One tick of a scheduled job, run by exactly one replica: the one that takes the lease named
 * `<job>:<tick, to the minute, ISO>` (every replica's cron fires on the same minute, so they ask for
 * the same name). Jobs are plain functions of (their dependencies, now); tests call them directly or through
 * here, and the cron wiring (start-schedule.ts) only calls `runJobOnce`.
 */
import { errorMessage } from '../../errors.js';
import type { AppContext } from '../context.js';
import { postWeeklyDigest } from './digest-job.js';
import { type RecheckJobDeps, recheckOpenInvestigations } from './recheck-job.js';
import { remindOpenThreads } from './reminder-job.js';
import { checkScannerHealth } from './scanner-health-job.js';

export const JOBS = {
  recheck: recheckOpenInvestigations,
  reminder: remindOpenThreads,
  scannerHealth: checkScannerHealth,
  digest: postWeeklyDigest,
} as const;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** A tick's lease outlives any replica's clock skew; expired ones are pruned as jobs run. */
export const JOB_LEASE_MS = 24 * 3_600_000;

export type JobRun =
  | { job: JobName; lease: string; ran: false }
  | { job: JobName; lease: string; ran: true; result: unknown }
  | { job: JobName; lease: string; ran: true; error: string };

export function leaseName(job: JobName, tick: Date): string {
  return `${job}:${tick.toISOString().slice(0, 16)}`;
}

export type JobDeps = RecheckJobDeps & Pick<AppContext, 'metrics'>;

export async function runJobOnce(deps: JobDeps, job: JobName, tick: Date): Promise<JobRun> {
  const lease = leaseName(job, tick);
  const now = deps.now();
  if (!(await deps.store.tryLease(lease, deps.replica, JOB_LEASE_MS, now))) {
    deps.metrics.jobRun(job, 'skipped');
    return { job, lease, ran: false };
  }
  const log = deps.logger.child({ job, tick: tick.toISOString() });
  try {
    const result = await JOBS[job](deps, tick);
    deps.metrics.jobRun(job, 'ran');
    log.info('scheduled job done');
    return { job, lease, ran: true, result };
  } catch (error) {
    deps.metrics.jobRun(job, 'failed');
    log.error({ err: errorMessage(error) }, 'scheduled job failed');
    return { job, lease, ran: true, error: errorMessage(error) };
  } finally {
    await deps.store.pruneLeases(now).catch(() => 0);
  }
}
