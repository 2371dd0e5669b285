/**
 * Who the bot is on GitHub: the login its token acts as, learnt once (GET /user) and kept. Comments
 * are the bot's own only when that login wrote them, whatever hidden marker they carry: anyone who
 * can comment on a gap issue can copy a marker. A failed look-up is tried again at the next need.
 */
import type { IssueTracker } from '../investigation/ports.js';

export interface BotIdentity {
  /** The bot's GitHub login; rejects when GitHub cannot say (then nothing is adopted). */
  github(): Promise<string>;
}

export function createIdentity(issues: Pick<IssueTracker, 'whoAmI'>): BotIdentity {
  let login: Promise<string> | null = null;
  return {
    github() {
      login ??= issues.whoAmI().catch((error: unknown) => {
        login = null;
        throw error;
      });
      return login;
    },
  };
}
