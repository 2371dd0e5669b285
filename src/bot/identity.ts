/**
 * Who the bot is in Slack: its bot id and bot user id (auth.test), learnt once and kept. Thread
 * messages are the bot's own only when that identity wrote them, whatever block ids they carry. A
 * failed look-up is tried again at the next need.
 */
import type { WebClient } from '@slack/web-api';
import { askOnce } from '../app/ask-once.js';

export interface SlackIdentity {
  botId: string;
  userId: string;
}

/** The bot's Slack identity; rejects when Slack cannot say. */
export function slackIdentity(slack: Pick<WebClient, 'auth'>): () => Promise<SlackIdentity> {
  return askOnce(async () => {
    const { bot_id, user_id } = await slack.auth.test();
    if (!bot_id || !user_id)
      throw new Error(
        'Slack did not say which bot the token belongs to (auth.test has no bot_id or user_id)',
      );
    return { botId: bot_id, userId: user_id };
  });
}
