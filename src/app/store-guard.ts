/**
 * A bot must not start on an empty store while its own comments are on the gap issues: the store
 * that remembered them (investigations, actions, the audit log) was lost or replaced, and starting
 * afresh would post reports again and send actions again. It refuses, and says how to get out.
 */
import { ConflictError } from '../errors.js';
import { MARKER_PREFIX } from './markers.js';
import type { BotServices } from './services.js';

/** The newest comments of the gap repository looked through for the bot's own: 10 pages of 100. */
const PAGES_LOOKED_AT = 10;

export async function guardFreshStore(services: BotServices, where: string): Promise<void> {
  const { store, config, logger } = services;
  if (!(await store.isFresh())) return;
  const repo = config.github.gapIssuesRepo;
  const login = await services.identity.github();
  const found = await services.integrations.issues.findRecentComment(
    repo,
    login,
    MARKER_PREFIX,
    PAGES_LOOKED_AT,
  );
  if (found && !config.acceptEmptyStore) {
    throw new ConflictError(
      `the store (${where}) is empty, but ${login} has already written nessus-gap comments on ${repo} ` +
        `(the newest on #${found.issueNumber}: ${found.url}), so the store that remembers them was lost or replaced. ` +
        'Restore it from its backup (or point DATABASE_URL at it) and start again. ' +
        'If it is lost for good, set ACCEPT_EMPTY_STORE=true for one start: the bot then starts empty, ' +
        'and actions taken before are known only from the comments on the issues.',
    );
  }
  if (found) {
    logger.warn(
      { repo, comment: found.url },
      'starting on an empty store although the bot has commented before (ACCEPT_EMPTY_STORE)',
    );
  }
  await store.markStarted(services.now());
}
