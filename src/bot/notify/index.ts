/** The notifier port of the use cases (src/app/notifier.ts), told in Slack. */
import type { WebClient } from '@slack/web-api';
import type { Notifier } from '../../app/notifier.js';
import type { SlackIdentity } from '../identity.js';
import { slackActionNotifier } from './actions.js';
import { slackInvestigationNotifier, type ThreadPlanner } from './investigation.js';
import { slackRecheckNotifier } from './recheck.js';
import { slackScheduleNotifier } from './schedule.js';

export interface SlackNotifierOptions {
  slack: WebClient;
  /** The bot itself in Slack: only its own messages are adopted after a crash. */
  identity: () => Promise<SlackIdentity>;
  /** Where scanner health changes are posted; null: nowhere. */
  healthChannel: string | null;
  /** Where the weekly digest is posted; null: nowhere. */
  digestChannel?: string | null;
  /** Renders an investigation's thread (default: on this thread). */
  planThread?: ThreadPlanner;
}

export function createSlackNotifier(options: SlackNotifierOptions): Notifier {
  return {
    ...slackInvestigationNotifier(options.slack, options.identity, options.planThread),
    ...slackRecheckNotifier(options.slack),
    ...slackScheduleNotifier(options.slack, {
      health: options.healthChannel,
      digest: options.digestChannel ?? null,
    }),
    ...slackActionNotifier(options.slack),
  };
}
