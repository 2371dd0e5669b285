/**
 * A bot must not start on an empty store while its own comments are on the gap issues: the store
 * that remembered them (investigations, actions, the audit log) was lost or replaced, and starting
 * afresh would post reports again and send actions again. It refuses, and says how to get out.
 */
import { ConflictError } from '../errors.js';
import type { AppContext } from './context.js';
import { MARKER_PREFIX } from './markers.js';

/** The newest comments of the gap repository looked through for the bot's own: 10 pages of 100. */
const PAGES_LOOKED_AT = 10;

export async function guardFreshStore(
  deps: Pick<AppContext, 'store' | 'identity' | 'ports' | 'repo' | 'logger' | 'now'>,
  options: { where: string; acceptEmptyStore: boolean },
): Promise<void> {
  const { store, logger, repo } = deps;
  if (!(await store.isFresh())) return;
  const login = await deps.identity.github();
  const found = await deps.ports.issues.findRecentComment(repo, login, MARKER_PREFIX, PAGES_LOOKED_AT);
  if (found && !options.acceptEmptyStore) {
    throw new ConflictError(
      `the store (${options.where}) is empty, but ${login} has already written nessus-gap comments on ${repo} ` +
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
  await store.markStarted(deps.now());
}
