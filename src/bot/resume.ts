/**
 * After a restart (or a replica's death), investigations left running are picked up: those this
 * replica owned, and those whose owner's lease ran out. The run posts what is missing, nothing twice.
 */
import { errorMessage } from '../errors.js';
import { INVESTIGATION_LEASE_MS, runInvestigation } from './investigation-runner.js';
import type { BotServices } from './services.js';

export async function resumeInvestigations(services: BotServices): Promise<number> {
  const { store, replica } = services;
  const own = (await store.listActiveInvestigations()).filter(
    (r) => r.status === 'running' && r.owner === replica,
  );
  const orphaned = await store.takeOverExpired(replica, INVESTIGATION_LEASE_MS, services.now());
  const toResume = [...own, ...orphaned.filter((r) => !own.some((o) => o.id === r.id))];
  for (const record of toResume) {
    if (!record.channel || !record.summaryTs) {
      await store.updateInvestigation(record.id, { status: 'failed', finishedAt: services.now() });
      continue;
    }
    services.logger.info(
      { investigation: record.id, issue: `${record.repo}#${record.issueNumber}` },
      'resuming investigation',
    );
    const run = runInvestigation(services, record).catch((error) =>
      services.logger.error(
        { investigation: record.id, err: errorMessage(error) },
        'resumed investigation failed',
      ),
    );
    services.running.add(run);
    void run.finally(() => services.running.delete(run));
  }
  return toResume.length;
}
