/**
 * After a restart (or a replica's death), investigations left running are picked up: those this
 * replica owned, and those whose owner's lease ran out. The run posts what is missing, nothing twice.
 * Actions cut off between intent and outcome are settled too (src/app/schedule/finish-interrupted.ts).
 */
import { errorMessage } from '../../errors.js';
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type FinishDeps, finishInterruptedActions } from '../schedule/finish-interrupted.js';
import { INVESTIGATION_LEASE_MS, type RunDeps, runInvestigation } from './run.js';
import { openReport } from './start.js';

export type ResumeDeps = RunDeps & FinishDeps & Pick<AppContext, 'replica' | 'work'>;

/** At start: this replica's own running investigations (its previous life's) and orphaned ones. */
export async function resumeInvestigations(deps: ResumeDeps): Promise<number> {
  const { store, replica } = deps;
  const own = (await store.listActiveInvestigations()).filter(
    (r) => r.status === 'running' && r.owner === replica,
  );
  const orphaned = await store.takeOverExpired(replica, INVESTIGATION_LEASE_MS, deps.now());
  const toResume = [...own, ...orphaned.filter((r) => !own.some((o) => o.id === r.id))];
  for (const record of toResume) await resume(deps, record).catch(logFailure(deps, record));
  void deps.work.track(
    finishInterruptedActions(deps, deps.now()).catch((error) =>
      deps.logger.error({ err: errorMessage(error) }, 'settling interrupted actions failed'),
    ),
  );
  return toResume.length;
}

/**
 * While running: investigations of replicas that died (their lease ran out; live runs renew theirs).
 * Never this replica's own, which may be running here right now.
 */
export async function takeOverOrphans(deps: ResumeDeps): Promise<number> {
  const orphaned = await deps.store.takeOverExpired(deps.replica, INVESTIGATION_LEASE_MS, deps.now());
  for (const record of orphaned) await resume(deps, record).catch(logFailure(deps, record));
  return orphaned.length;
}

const logFailure = (deps: Pick<AppContext, 'logger'>, record: InvestigationRecord) => (error: unknown) =>
  deps.logger.error({ investigation: record.id, err: errorMessage(error) }, 'could not resume');

async function resume(deps: ResumeDeps, initial: InvestigationRecord): Promise<void> {
  let record = initial;
  if (!record.channel) {
    await deps.store.updateInvestigation(record.id, { status: 'failed', finishedAt: deps.now() });
    return;
  }
  deps.logger.info(
    { investigation: record.id, issue: `${record.repo}#${record.issueNumber}` },
    'resuming investigation',
  );
  // Killed between claiming and posting the summary: post it now, as the start would have.
  if (!record.summaryTs) record = await openReport(deps, record);
  const run = runInvestigation(deps, record, undefined, { resumed: true }).catch((error) =>
    deps.logger.error({ investigation: record.id, err: errorMessage(error) }, 'resumed investigation failed'),
  );
  void deps.work.track(run);
}
