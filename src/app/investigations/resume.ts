/**
 * After a restart (or a replica's death), investigations left running are picked up: those this
 * replica owned, and those whose owner's lease ran out. The run posts what is missing, nothing twice.
 * Actions cut off between intent and outcome are settled too (src/bot/schedule/finish-interrupted.ts).
 */
import { errorMessage } from '../errors.js';
import type { InvestigationRecord } from '../store/store.js';
import { INVESTIGATION_LEASE_MS, runInvestigation } from './investigation-runner.js';
import { renderSummary } from './render/summary.js';
import { finishInterruptedActions } from './schedule/finish-interrupted.js';
import type { BotServices } from './services.js';
import { postMessage } from './slack-post.js';

/** At start: this replica's own running investigations (its previous life's) and orphaned ones. */
export async function resumeInvestigations(services: BotServices): Promise<number> {
  const { store, replica } = services;
  const own = (await store.listActiveInvestigations()).filter(
    (r) => r.status === 'running' && r.owner === replica,
  );
  const orphaned = await store.takeOverExpired(replica, INVESTIGATION_LEASE_MS, services.now());
  const toResume = [...own, ...orphaned.filter((r) => !own.some((o) => o.id === r.id))];
  for (const record of toResume) await resume(services, record).catch(logFailure(services, record));
  track(
    services,
    finishInterruptedActions(services, services.now()).catch((error) =>
      services.logger.error({ err: errorMessage(error) }, 'settling interrupted actions failed'),
    ),
  );
  return toResume.length;
}

/**
 * While running: investigations of replicas that died (their lease ran out; live runs renew theirs).
 * Never this replica's own, which may be running here right now.
 */
export async function takeOverOrphans(services: BotServices): Promise<number> {
  const orphaned = await services.store.takeOverExpired(
    services.replica,
    INVESTIGATION_LEASE_MS,
    services.now(),
  );
  for (const record of orphaned) await resume(services, record).catch(logFailure(services, record));
  return orphaned.length;
}

const logFailure = (services: BotServices, record: InvestigationRecord) => (error: unknown) =>
  services.logger.error({ investigation: record.id, err: errorMessage(error) }, 'could not resume');

async function resume(services: BotServices, initial: InvestigationRecord): Promise<void> {
  const { store } = services;
  let record = initial;
  if (!record.channel) {
    await store.updateInvestigation(record.id, { status: 'failed', finishedAt: services.now() });
    return;
  }
  services.logger.info(
    { investigation: record.id, issue: `${record.repo}#${record.issueNumber}` },
    'resuming investigation',
  );
  if (!record.summaryTs) {
    // Killed between claiming and posting the summary: post it now, as the start would have.
    const summary = renderSummary({
      report: null,
      issue: { repo: record.repo, number: record.issueNumber, title: record.title },
      investigationId: record.id,
      status: 'running',
    });
    const ts = await postMessage(services.slack, record.channel, summary, record.threadTs);
    record = { ...record, threadTs: record.threadTs ?? ts, summaryTs: ts };
    await store.updateInvestigation(record.id, { threadTs: record.threadTs, summaryTs: ts });
    await store.recordMessage({ investigationId: record.id, key: 'summary', ref: ts });
  }
  const run = runInvestigation(services, record, undefined, { resumed: true }).catch((error) =>
    services.logger.error(
      { investigation: record.id, err: errorMessage(error) },
      'resumed investigation failed',
    ),
  );
  track(services, run);
}

function track(services: BotServices, work: Promise<unknown>): void {
  services.running.add(work);
  void work.finally(() => services.running.delete(work));
}
