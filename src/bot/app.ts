/**
 * The Bolt app: the HTTP receiver (behind our own signature check, src/bot/http-server.ts) or
 * Socket Mode, the Web API client with its deadlines, and the middleware every listener runs behind
 * (a count of busy listeners for shutdown, and the dedupe of redelivered events and clicks). The
 * listeners themselves are src/handlers/, registered by the composition root.
 */
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ServeConfig } from '../config/index.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { boltLogger } from './bolt-logger.js';
import { dedupeEvents } from './event-dedupe.js';
import { dedupeInteractions } from './interaction-dedupe.js';

/** A `fetch` the Web API client and Bolt's response-URL posts share. */
export type SlackFetch = typeof globalThis.fetch;

export interface SlackAppOptions {
  slack: ServeConfig['slack'];
  /** Every Web API call's deadline. */
  timeoutMs: number;
  fetch: SlackFetch;
  logger: Logger;
  /** Where redelivered events and clicks are remembered (shared by replicas). */
  store: Pick<Store, 'markEventSeen'>;
  /** Web API client options for tests (retry pace, an emulator's fetch). */
  clientOverrides?: {
    retryConfig?: { retries: number; minTimeout?: number; maxTimeout?: number };
    timeout?: number;
    fetch?: SlackFetch;
  };
}

export interface SlackApp {
  app: App;
  client: WebClient;
  /** Null in Socket Mode. */
  receiver: HTTPReceiver | null;
  /** Slack requests whose listeners have not finished yet. */
  readonly handling: { count: number };
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { slack, logger } = options;
  // A Slack that never answers must not hang a thread: every Web API call (`timeout`) and every post
  // to a response URL (Bolt shares the client's `fetch`) has a deadline, then the client retries.
  const clientOptions = { slackApiUrl: slack.apiUrl, timeout: options.timeoutMs, fetch: options.fetch };
  const receiver = slack.socketMode
    ? null
    : new HTTPReceiver({
        signingSecret: slack.signingSecret ?? '',
        logger: boltLogger(logger),
        unhandledRequestTimeoutMillis: 2500,
      });
  const app = new App({
    token: slack.botToken,
    // The Socket Mode receiver is built here rather than by Bolt, which would open the connection
    // through slack.com whatever SLACK_API_URL says (it does not pass clientOptions to that client).
    ...(receiver
      ? { receiver }
      : {
          socketMode: true,
          receiver: new SocketModeReceiver({
            appToken: slack.appToken ?? '',
            logger: boltLogger(logger),
            installerOptions: { clientOptions },
          }),
        }),
    logger: boltLogger(logger),
    clientOptions: { ...clientOptions, ...(options.clientOverrides ?? {}) },
    ignoreSelf: true,
  });
  const handling = { count: 0 };
  app.use(async ({ next }) => {
    handling.count += 1;
    try {
      await next();
    } finally {
      handling.count -= 1;
    }
  });
  app.use(dedupeEvents(options.store, logger));
  app.use(dedupeInteractions(options.store, logger));
  return { app, client: app.client, receiver, handling };
}
