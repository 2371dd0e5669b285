/**
 * Wiring only: the Bolt app (HTTP receiver behind our signature check, or Socket Mode), the
 * services the handlers share, the handlers, and start/stop. No behaviour lives here.
 */

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { ServeConfig } from '../config/index.js';
import { errorMessage } from '../errors.js';
import { registerHandlers } from '../handlers/index.js';
import { createIntegrations, type Integrations } from '../integrations/create-integrations.js';
import { type FetchLike, fetchWithTimeout } from '../integrations/github/fetch-with-timeout.js';
import { investigationDeps } from '../investigation/deps-from-config.js';
import type { Logger } from '../logger.js';
import { redactUrlCredentials } from '../redact-url.js';
import { observeStore } from '../store/observed-store.js';
import type { Store } from '../store/store.js';
import { createAuthorizer } from './authorize.js';
import { boltLogger } from './bolt-logger.js';
import { dedupeEvents } from './event-dedupe.js';
import { createHttpFront, createMetricsServer, type HttpFront, listen } from './http-server.js';
import { createIdentity } from './identity.js';
import { dedupeInteractions } from './interaction-dedupe.js';
import { createBotMetrics } from './metrics.js';
import { recheckInvestigation } from './recheck.js';
import { createRecheckGate } from './recheck-gate.js';
import { resumeInvestigations } from './resume.js';
import { REPLICA_HEARTBEAT_MS } from './schedule/finish-interrupted.js';
import { type Schedule, startSchedule } from './schedule/start-schedule.js';
import type { BotServices } from './services.js';
import { guardFreshStore } from './store-guard.js';

export interface BotOptions {
  config: ServeConfig;
  logger: Logger;
  store: Store;
  integrations?: Integrations;
  /** Web API client options for tests (retry pace, an emulator's fetch); production uses the defaults. */
  slackClientOptions?: {
    retryConfig?: { retries: number; minTimeout?: number; maxTimeout?: number };
    timeout?: number;
    fetch?: FetchLike;
  };
  replica?: string;
  now?: () => Date;
  /** Shorter waits for the sandbox and tests. */
  fast?: boolean;
  /**
   * Run the cron schedule (default: yes, except for `fast` sandbox and test bots, whose tests call
   * the jobs directly so no tick lands in the middle of a test).
   */
  schedule?: boolean;
}

export interface Bot {
  services: BotServices;
  app: App;
  server: HttpFront;
  /** The server of METRICS_PORT, when metrics have a port of their own. */
  metricsServer: Server | null;
  /** Starts listening (PORT, or `port` if given; 0 picks a free one) and resumes left-over work. */
  start(port?: number, host?: string): Promise<number>;
  /**
   * Stops taking work (503 on /slack/events and /healthz), stops the schedule, waits up to `graceMs`
   * for running investigations and Slack listeners, leaves what still runs for a restart or another
   * replica to resume (its claim released), and closes the HTTP server and the adapters. The store
   * is the caller's to close.
   */
  stop(graceMs?: number): Promise<void>;
}

export function createBot(options: BotOptions): Bot {
  const { config, logger } = options;
  const integrations =
    options.integrations ?? createIntegrations(config, logger, { fast: options.fast ?? false });
  const metrics = createBotMetrics({
    calls: integrations.counter,
    queue: () => ({ slackRequests: services.handling.count, investigations: services.running.size }),
    active: async () => {
      const active = await options.store.listActiveInvestigations();
      return {
        running: active.filter((r) => r.status === 'running').length,
        open: active.filter((r) => r.status === 'open').length,
      };
    },
    accepting: () => accepting,
    pingStore: () => options.store.ping(),
    scanners: async () => {
      const configured = new Set(integrations.scanners.configured());
      return (await options.store.listScannerHealth()).filter((r) => configured.has(r.name));
    },
  });
  const store = observeStore(options.store, metrics.storeObserver);
  const stopping = new AbortController();
  // A Slack that never answers must not hang a thread: every Web API call (`timeout`) and every post
  // to a response URL (Bolt shares the client's `fetch`) has a deadline, then the client retries.
  const slackClientOptions = {
    slackApiUrl: config.slack.apiUrl,
    timeout: config.http.timeoutMs,
    fetch: fetchWithTimeout(config.http.timeoutMs),
  };
  const receiver = config.slack.socketMode
    ? null
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret ?? '',
        logger: boltLogger(logger),
        unhandledRequestTimeoutMillis: 2500,
      });
  const app = new App({
    token: config.slack.botToken,
    // The Socket Mode receiver is built here rather than by Bolt, which would open the connection
    // through slack.com whatever SLACK_API_URL says (it does not pass clientOptions to that client).
    ...(receiver
      ? { receiver }
      : {
          socketMode: true,
          receiver: new SocketModeReceiver({
            appToken: config.slack.appToken ?? '',
            logger: boltLogger(logger),
            installerOptions: { clientOptions: slackClientOptions },
          }),
        }),
    logger: boltLogger(logger),
    clientOptions: {
      ...slackClientOptions,
      ...(options.slackClientOptions ?? {}),
    },
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
    identity: createIdentity(integrations.issues, app.client),
    replica: options.replica ?? `${hostname()}`,
    now,
    running: new Set(),
    handling: { count: 0 },
    metrics,
    stopping: stopping.signal,
    rechecks: createRecheckGate({
      store,
      replica: options.replica ?? `${hostname()}`,
      now,
      run: (record, request) => recheckInvestigation(services, record, request),
    }),
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
  app.use(dedupeInteractions(store, logger));
  registerHandlers(app, services, authorizer);
  app.error(async (error) => {
    logger.error({ err: errorMessage(error) }, 'unhandled Slack listener error');
  });

  const serveMetrics = async (_req: IncomingMessage, res: ServerResponse) => {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType }).end(body);
  };
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
    // With a port of their own, metrics are not served beside Slack's requests.
    routes: config.metricsPort === null ? { '/metrics': serveMetrics } : {},
    logger,
  });
  const metricsServer = config.metricsPort === null ? null : createMetricsServer(serveMetrics);

  let schedule: Schedule | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  return {
    services,
    app,
    server,
    metricsServer,
    async start(port = config.port, host = config.listenHost) {
      // Refused before listening: an empty store while the bot's comments are on the gap issues.
      await guardFreshStore(services, redactUrlCredentials(config.database.url));
      // Who the bot is on GitHub, learnt once (again at first need if GitHub does not answer now).
      await services.identity
        .github()
        .catch((error) => logger.warn({ err: errorMessage(error) }, 'could not learn the GitHub login yet'));
      const bound = await listen(server, port, host);
      if (metricsServer && config.metricsPort !== null) {
        const metricsPort = await listen(metricsServer, config.metricsPort, host);
        logger.info({ port: metricsPort }, 'metrics are served on their own port');
      }
      if (!receiver) await app.start();
      // Registered before resuming: work begun by this replica's previous life now counts as abandoned.
      await store.registerReplica(services.replica, services.now());
      heartbeat = setInterval(() => {
        void store.touchReplica(services.replica, services.now()).catch(() => {});
      }, REPLICA_HEARTBEAT_MS);
      heartbeat.unref();
      await resumeInvestigations(services);
      if (options.schedule ?? !options.fast) schedule = startSchedule(services);
      logger.info(
        { port: bound, socketMode: !receiver, replica: services.replica },
        'nessus-gap is listening',
      );
      return bound;
    },
    async stop(graceMs = 20_000) {
      accepting = false;
      const deadline = Date.now() + graceMs;
      if (!receiver) await app.stop().catch(() => {});
      if (heartbeat) clearInterval(heartbeat);
      await schedule?.stop(graceMs);
      schedule = null;
      let quiet = await quietBy(services, deadline);
      if (!quiet) {
        // Runs stop before their next post; one already in flight finishes and is recorded.
        stopping.abort(new Error('the bot is stopping'));
        quiet = await quietBy(services, Date.now() + STOP_SETTLE_MS);
      }
      await checkpoint(services, quiet).catch((error) =>
        logger.warn({ err: errorMessage(error) }, 'could not release running investigations'),
      );
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      if (metricsServer?.listening) {
        metricsServer.close();
        metricsServer.closeAllConnections();
      }
      integrations.close();
      metrics.close();
    },
  };
}

/** How long runs get to notice the stop after the grace period. */
export const STOP_SETTLE_MS = 2000;

/** Waits until no investigation runs and no Slack listener is busy, or the deadline; true when quiet. */
async function quietBy(services: BotServices, deadline: number): Promise<boolean> {
  const busy = () => services.running.size > 0 || services.handling.count > 0;
  while (busy() && Date.now() < deadline) {
    await Promise.race([
      Promise.allSettled([...services.running]),
      new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now())))),
    ]);
  }
  return !busy();
}

/**
 * What is left when the grace period ends is checkpointed: the work done so far is in the store
 * (findings, posted messages, action intents), and the claims of investigations still running are
 * released so another replica takes them over at once; this replica, restarted, resumes them anyway.
 * The replica leaves the store's list of live ones, so its unfinished actions count as interrupted.
 */
async function checkpoint(services: BotServices, quiet: boolean): Promise<void> {
  const { store, replica } = services;
  const unfinished = (await store.listActiveInvestigations()).filter(
    (r) => r.status === 'running' && r.owner === replica,
  );
  for (const record of unfinished) await store.updateInvestigation(record.id, { leaseUntil: services.now() });
  if (unfinished.length > 0 || !quiet) {
    services.logger.warn(
      { investigations: unfinished.map((r) => r.id), listeners: services.handling.count },
      'stopped before all work finished: it will be resumed',
    );
  }
  await store.removeReplica(replica);
}
