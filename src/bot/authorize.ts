/**
 * Who may press a button that changes something: the users of AUTHORIZED_USERS, and the members of
 * the user groups of AUTHORIZED_USERGROUPS (resolved through the Web API and cached a few minutes).
 * Checked on the server for every click: the button's presence in a message proves nothing.
 */
import type { WebClient } from '@slack/web-api';
import type { Authorizer } from '../app/authorizer.js';
import type { Logger } from '../logger.js';

export type { Authorizer } from '../app/authorizer.js';

export function createAuthorizer(options: {
  users: readonly string[];
  usergroups: readonly string[];
  slack: WebClient;
  logger: Logger;
  ttlMs?: number;
  now?: () => number;
}): Authorizer {
  const ttl = options.ttlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { members: Set<string>; until: number }>();

  async function members(group: string): Promise<Set<string>> {
    const cached = cache.get(group);
    if (cached && cached.until > now()) return cached.members;
    try {
      const result = await options.slack.usergroups.users.list({ usergroup: group });
      const set = new Set(result.users ?? []);
      cache.set(group, { members: set, until: now() + ttl });
      return set;
    } catch (error) {
      // A failed look-up denies rather than allows; a stale cached answer is better than none.
      options.logger.warn({ group, err: error }, 'could not resolve user group members');
      return cached?.members ?? new Set();
    }
  }

  return {
    async isAuthorized(userId) {
      if (options.users.includes(userId)) return true;
      for (const group of options.usergroups) {
        if ((await members(group)).has(userId)) return true;
      }
      return false;
    },
    describe() {
      const groups = options.usergroups.map((g) => `<!subteam^${g}>`);
      const users = options.users.map((u) => `<@${u}>`);
      const who = [...groups, ...users];
      return who.length ? who.join(', ') : 'nobody (AUTHORIZED_USERS and AUTHORIZED_USERGROUPS are empty)';
    },
  };
}
