/**
 * Who the bot is on GitHub: the login its token acts as (GET /user), learnt once and kept. Comments
 * are the bot's own only when that login wrote them, whatever marker they carry: anyone who can
 * comment on a gap issue can copy a marker. A failed look-up is tried again at the next need.
 */
import type { IssueTracker } from '../investigation/ports.js';
import { askOnce } from './ask-once.js';
import type { GithubIdentity } from './context.js';

export function githubIdentity(issues: Pick<IssueTracker, 'whoAmI'>): GithubIdentity {
  return { github: askOnce(() => issues.whoAmI()) };
}
