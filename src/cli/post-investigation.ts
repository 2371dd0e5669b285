/**
 * `investigate --post`: the bot's own use case from the command line. The investigation is claimed
 * in the store as the bot claims it (one per issue at a time, whoever starts it), then investigated
 * and commented on the issue; progress and the comment's link go to the terminal.
 */
import { hostname } from 'node:os';
import { githubIdentity } from '../app/github-identity.js';
import { startInvestigation } from '../app/investigations/start.js';
import { guardFreshStore } from '../app/store-guard.js';
import { createWorkTracker } from '../app/work-tracker.js';
import type { InvestigateConfig } from '../config/index.js';
import { ConflictError, InputError } from '../errors.js';
import type { Integrations } from '../integrations/create-integrations.js';
import type { InvestigationDeps } from '../investigation/investigate.js';
import type { Logger } from '../logger.js';
import { redactUrlCredentials } from '../redact-url.js';
import type { InvestigationReport } from '../runbook/finding.js';
import { openStore } from '../store/open-store.js';
import type { CommandIo } from './io.js';
import { terminalNotifier } from './terminal-notifier.js';

export interface PostSetup {
  config: InvestigateConfig;
  integrations: Integrations;
  deps: InvestigationDeps;
  logger: Logger;
  /** The store that remembers what was posted: the bot's own, so neither posts twice. */
  databaseUrl: string;
}

export async function investigateAndPost(
  io: CommandIo,
  setup: PostSetup,
  issueNumber: number,
): Promise<InvestigationReport> {
  const store = await openStore(setup.databaseUrl);
  const stopping = new AbortController();
  // Ctrl-C: nothing more is posted, and the claim is given up at once rather than left to expire.
  const interrupted = new Promise<never>((_, reject) => {
    stopping.signal.addEventListener('abort', () => reject(stopping.signal.reason), { once: true });
  });
  interrupted.catch(() => {});
  const interrupt = () => stopping.abort(new Error('interrupted: nothing more was posted'));
  process.once('SIGINT', interrupt);
  try {
    const identity = githubIdentity(setup.integrations.issues);
    const notifier = terminalNotifier(io);
    const context = {
      store,
      investigation: setup.deps,
      ports: setup.integrations,
      identity,
      notifier,
      repo: setup.config.github.gapIssuesRepo,
      replica: `cli:${hostname()}:${process.pid}`,
      now: () => new Date(),
      logger: setup.logger,
      stopping: stopping.signal,
      work: createWorkTracker(),
    };
    // The same refusal as the bot's: an empty store while the bot's comments are on the gap issues
    // would post the report again.
    await guardFreshStore(context, {
      where: redactUrlCredentials(setup.databaseUrl),
      acceptEmptyStore: false,
    });
    const started = await startInvestigation(context, { issueNumber, channel: null, threadTs: null });
    if (started.kind === 'not_found') throw new InputError(started.message);
    if (started.kind === 'already') {
      const where = started.record.channel ? ' (see its Slack thread)' : '';
      throw new ConflictError(
        `${started.record.repo}#${started.record.issueNumber} is already being investigated${where} (investigation ${started.record.id}, ${started.record.status}); nothing was posted`,
      );
    }
    try {
      await Promise.race([started.done, interrupted]);
    } catch (error) {
      await store.updateInvestigation(started.record.id, {
        status: 'failed',
        finishedAt: new Date(),
        leaseUntil: null,
      });
      throw error;
    }
    const record = await store.getInvestigation(started.record.id);
    if (!record?.report)
      throw new Error(`the investigation of ${started.record.repo}#${issueNumber} did not finish`);
    return record.report;
  } finally {
    process.off('SIGINT', interrupt);
    await store.close();
  }
}
