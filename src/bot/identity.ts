/**
 * Who the bot is: on GitHub the login its token acts as (GET /user), in Slack its bot id
 * (auth.test), each learnt once and kept. Comments and thread messages are the bot's own only when
 * that identity wrote them, whatever marker or block id they carry: anyone who can comment on a gap
 * issue can copy a marker. A failed look-up is tried again at the next need.
 */
import type { WebClient } from '@slack/web-api';
import type { IssueTracker } from '../investigation/ports.js';

export interface BotIdentity {
  /** The bot's GitHub login; rejects when GitHub cannot say (then nothing is adopted). */
  github(): Promise<string>;
  /** The bot's Slack bot id (B…) and bot user id (U…); rejects when Slack cannot say. */
  slack(): Promise<SlackIdentity>;
}

export interface SlackIdentity {
  botId: string;
  userId: string;
}

export function createIdentity(
  issues: Pick<IssueTracker, 'whoAmI'>,
  slack: Pick<WebClient, 'auth'>,
): BotIdentity {
  return {
    github: once(() => issues.whoAmI()),
    slack: once(async () => {
      const { bot_id, user_id } = await slack.auth.test();
      if (!bot_id || !user_id)
        throw new Error(
          'Slack did not say which bot the token belongs to (auth.test has no bot_id or user_id)',
        );
      return { botId: bot_id, userId: user_id };
    }),
  };
}

/** Asks once and keeps the answer; a failure is forgotten, so the next call asks again. */
function once<T>(ask: () => Promise<T>): () => Promise<T> {
  let answer: Promise<T> | null = null;
  return () => {
    answer ??= ask().catch((error: unknown) => {
      answer = null;
      throw error;
    });
    return answer;
  };
}
