/**
 * Wiring only: the Bolt app (HTTP receiver behind our signature check, or Socket Mode), the
 * services the handlers share, the handlers, and start/stop. No behaviour lives here.
 */

import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { App, HTTPReceiver } from '@slack/bolt';
import type { ServeConfig } from '../config/index.js';
import { errorMessage } from '../errors.js';
import { registerHandlers } from '../handlers/index.js';
import { createIntegrations, type Integrations } from '../integrations/create-integrations.js';
import { investigationDeps } from '../investigation/deps-from-config.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import { createAuthorizer } from './authorize.js';
import { boltLogger } from './bolt-logger.js';
import { dedupeEvents } from './event-dedupe.js';
import { createHttpFront, listen } from './http-server.js';
import { resumeInvestigations } from './resume.js';
import type { BotServices } from './services.js';

export interface BotOptions {
  config: ServeConfig;
  logger: Logger;
  store: Store;
  integrations?: Integrations;
  /** Web API client options for tests (no retries against an emulator). */
  slackClientOptions?: { retryConfig?: { retries: number } };
  replica?: string;
  now?: () => Date;
  /** Shorter waits for the sandbox and tests. */
  fast?: boolean;
}

export interface Bot {
  services: BotServices;
  app: App;
  server: Server;
  /** Starts listening (PORT, or `port` if given; 0 picks a free one) and resumes left-over work. */
  start(port?: number, host?: string): Promise<number>;
  /** Stops taking work, waits for running investigations (up to `graceMs`), closes everything. */
  stop(graceMs?: number): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
  const { config, logger, store } = options;
  const integrations =
    options.integrations ?? createIntegrations(config, logger, { fast: options.fast ?? false });
  const receiver = config.slack.socketMode
    ? null
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? '',
        logger: boltLogger(logger),
        unhandledRequestTimeoutMillis: 2500,
      });
  const app = new App({
    token: config.slack.botToken,
    ...(receiver ? { receiver } : { socketMode: true, appToken: config.slack.appToken ?? '' }),
    logger: boltLogger(logger),
    clientOptions: { slackApiUrl: config.slack.apiUrl, ...(options.slackClientOptions ?? {}) },
    ignoreSelf: true,
  });
  const now = options.now ?? (() => new Date());
  const services: BotServices = {
    config,
    store,
    integrations,
    deps: investigationDeps(config, integrations, logger, now),
    slack: app.client,
    logger,
    replica: options.replica ?? `${hostname()}`,
    now,
    running: new Set(),
    handling: { count: 0 },
  };
  const authorizer = createAuthorizer({
    users: config.slack.authorizedUsers,
    usergroups: config.slack.authorizedUsergroups,
    slack: app.client,
    logger,
  });
  app.use(async ({ next }) => {
    services.handling.count += 1;
    try {
      await next();
    } finally {
      services.handling.count -= 1;
    }
  });
  app.use(dedupeEvents(store, logger));
  registerHandlers(app, services, authorizer);
  app.error(async (error) => {
    logger.error({ err: errorMessage(error) }, 'unhandled Slack listener error');
  });

  let accepting = true;
  const server = createHttpFront({
    signingSecret: config.slack.signingSecret,
    slackListener: receiver
      ? (req, res) => {
          if (!accepting) {
            res.writeHead(503, { 'retry-after': '5' }).end();
            return;
          }
          receiver.requestListener(req, res);
        }
      : null,
    health: async () => {
      try {
        await store.ping();
        return {
          ok: accepting,
          details: { store: store.backend, accepting, running: services.running.size },
        };
      } catch (error) {
        return { ok: false, details: { store: `down: ${errorMessage(error)}` } };
      }
    },
    logger,
  });

  return {
    services,
    app,
    server,
    async start(port = config.port, host = '0.0.0.0') {
      const bound = await listen(server, port, host);
      if (!receiver) await app.start();
      await resumeInvestigations(services);
      logger.info(
        { port: bound, socketMode: !receiver, replica: services.replica },
        'nessus-gap is listening',
      );
      return bound;
    },
    async stop(graceMs = 20_000) {
      accepting = false;
      if (!receiver) await app.stop().catch(() => {});
      await Promise.race([
        Promise.allSettled([...services.running]),
        new Promise((resolve) => setTimeout(resolve, graceMs).unref()),
      ]);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      integrations.close();
    },
  };
}
