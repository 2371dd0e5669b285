/**
 * The cron wiring: one node-cron task per job, with the expressions and time zone of the config's
 * `schedule` section. Each tick only calls `runJobOnce` (src/app/schedule/run-job.ts), which lets one replica run it.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import { JOB_NAMES, type JobDeps, type JobName, runJobOnce } from '../app/schedule/run-job.js';
import type { ServeConfig } from '../config/index.js';
import { errorMessage } from '../errors.js';

export interface Schedule {
  /** Stops the cron tasks and waits for a job that is running (up to `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

export function startSchedule(deps: JobDeps, settings: ServeConfig['schedule']): Schedule {
  const running = new Set<Promise<unknown>>();
  const expressions: Record<JobName, string> = {
    recheck: settings.recheck,
    reminder: settings.reminder,
    scannerHealth: settings.scannerHealth,
    digest: settings.digest,
  };
  const log = deps.logger.child({ component: 'schedule' });
  const cronLogger = {
    info: (message: string) => log.debug(message),
    warn: (message: string) => log.warn(message),
    error: (message: string | Error) => log.error({ err: errorMessage(message) }, 'cron error'),
    debug: (message: string | Error) => log.debug({ msg: errorMessage(message) }, 'cron'),
  };
  const tasks: ScheduledTask[] = JOB_NAMES.map((job) => {
    const task = createTask(
      expressions[job],
      (context) => {
        const run = runJobOnce(deps, job, context.date);
        running.add(run);
        return run.finally(() => running.delete(run));
      },
      { name: `nessus-gap:${job}`, timezone: settings.timezone, noOverlap: true, logger: cronLogger },
    );
    void task.start();
    return task;
  });
  log.info({ ...expressions, timezone: settings.timezone }, 'schedule started');
  if (settings.digestChannel === null) {
    log.info('no schedule.digestChannel: the weekly digest is not posted');
  }

  return {
    async stop(graceMs = 10_000) {
      await Promise.all(tasks.map((task) => task.destroy()));
      await Promise.race([
        Promise.allSettled([...running]),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
    },
  };
}
