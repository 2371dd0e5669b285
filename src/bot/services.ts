/**
 * What the Slack handlers work with: the configuration, the store, the adapters and the Slack Web
 * API client. Built once in `src/bot/app.ts`; handlers receive it, never build it.
 */
import type { WebClient } from '@slack/web-api';
import type { ServeConfig } from '../config/index.js';
import type { Integrations } from '../integrations/create-integrations.js';
import type { InvestigationDeps } from '../investigation/investigate.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { BotIdentity } from './identity.js';
import type { BotMetrics } from './metrics.js';
import type { RecheckGate } from './recheck-gate.js';

export interface BotServices {
  config: ServeConfig;
  store: Store;
  integrations: Integrations;
  deps: InvestigationDeps;
  slack: WebClient;
  logger: Logger;
  /** Who the bot is on GitHub: only comments by that login are its own. */
  identity: BotIdentity;
  /** This replica's name: owner of the investigations and leases it holds. */
  replica: string;
  now: () => Date;
  /** Investigations running in this process (awaited on shutdown). */
  running: Set<Promise<unknown>>;
  /** Slack requests whose listeners have not finished yet. */
  handling: { count: number };
  /** Re-checks asked from Slack: joined, rate-limited (src/bot/recheck-gate.ts). */
  rechecks: RecheckGate;
  /** This bot's Prometheus registry (GET /metrics). */
  metrics: BotMetrics;
  /**
   * Aborted when shutdown's grace period is over: running investigations stop before their next
   * post, so nothing is posted after their claim is released to another replica.
   */
  stopping: AbortSignal;
}
