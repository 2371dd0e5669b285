/** An action settled after a restart: its outcome, or its failure with a Retry button, in the thread. */
import type { WebClient } from '@slack/web-api';
import type { ActionNotifier } from '../../app/notifier.js';
import type { ActionName } from '../../runbook/model.js';
import { mrkdwn } from '../render/escape-mrkdwn.js';
import { outcomeText, renderFailure } from '../render/outcome.js';
import { postMessage } from '../slack-post.js';

export function slackActionNotifier(slack: WebClient): ActionNotifier {
  return {
    async settled(record, intent, outcome) {
      if (!record.channel || !record.threadTs) return null;
      const action = intent.action as ActionName;
      const ctx = { investigationId: record.id, issue: { repo: record.repo, number: record.issueNumber } };
      const text = `${outcomeText({ action, userId: intent.userId, at: intent.createdAt })} (finished after a restart)`;
      const message =
        outcome.failed === undefined
          ? { text, blocks: [{ type: 'context' as const, elements: [mrkdwn(text)] }] }
          : {
              text: `Failed for ${intent.ip}`,
              blocks: renderFailure(action, intent.ip, outcome.failed, ctx),
            };
      return postMessage(slack, record.channel, message, record.threadTs);
    },
  };
}
