/**
 * The composition root: builds the adapters, the store's observers and metrics, the context of the
 * use cases, the Slack notifier and handlers, and the HTTP front; then starts and stops them. It is
 * the one file that knows every layer; each piece it builds is given only what it uses.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { AppContext } from '../app/context.js';
import { githubIdentity } from '../app/github-identity.js';
import { recheckInvestigation } from '../app/investigations/recheck.js';
import { createRecheckGate } from '../app/investigations/recheck-gate.js';
import { resumeInvestigations } from '../app/investigations/resume.js';
import { REPLICA_HEARTBEAT_MS } from '../app/schedule/finish-interrupted.js';
import { guardFreshStore } from '../app/store-guard.js';
import { createWorkTracker } from '../app/work-tracker.js';
import { createSlackApp, type SlackApp } from '../bot/app.js';
import { createAuthorizer } from '../bot/authorize.js';
import { createHttpFront, createMetricsServer, type HttpFront, listen } from '../bot/http-server.js';
import { slackIdentity } from '../bot/identity.js';
import { createSlackNotifier } from '../bot/notify/index.js';
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
import { createWorkerPool, type WorkerPoolOptions } from '../workers/pool.js';
import { handlerDeps } from './handler-deps.js';
import { type BotMetrics, createBotMetrics } from './metrics.js';
import { type Schedule, startSchedule } from './start-schedule.js';

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
  /**
   * The worker pool's options (src/workers/pool.ts). By default its workers are the compiled
   * dist/src/workers/worker.js; running from the TypeScript sources, tests give `spawn` to have them.
   */
  workers?: WorkerPoolOptions;
}

export interface Bot {
  /** What the use cases are given: tests and the demo call jobs with it. */
  context: AppContext;
  config: ServeConfig;
  integrations: Integrations;
  metrics: BotMetrics;
  slack: SlackApp;
  server: HttpFront;
  /** The server of METRICS_PORT, when metrics have a port of their own. */
  metricsServer: Server | null;
  /** True while nothing runs: no investigation in this process, no Slack listener busy. */
  idle(): boolean;
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

/** How long runs get to notice the stop after the grace period. */
export const STOP_SETTLE_MS = 2000;

export function createBot(options: BotOptions): Bot {
  const { config, logger } = options;
  const integrations =
    options.integrations ?? createIntegrations(config, logger, { fast: options.fast ?? false });
  const work = createWorkTracker();
  let accepting = true;
  const metrics = createBotMetrics({
    calls: integrations.counter,
    queue: () => ({ slackRequests: slack.handling.count, investigations: work.size }),
    active: async () => {
      const active = await options.store.listActiveRuns();
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
  const pool = createWorkerPool({ logger, ...options.workers });
  const slack = createSlackApp({
    slack: config.slack,
    timeoutMs: config.http.timeoutMs,
    fetch: fetchWithTimeout(config.http.timeoutMs),
    logger,
    store,
    ...(options.slackClientOptions ? { clientOverrides: options.slackClientOptions } : {}),
  });
  const now = options.now ?? (() => new Date());
  const replica = options.replica ?? hostname();
  const authorizer = createAuthorizer({
    users: config.slack.authorizedUsers,
    usergroups: config.slack.authorizedUsergroups,
    slack: slack.client,
    logger,
  });
  const context: AppContext = {
    store,
    investigation: { ...investigationDeps(config, integrations, logger, now), heavy: pool },
    heavy: pool,
    ports: integrations,
    identity: githubIdentity(integrations.issues),
    notifier: createSlackNotifier({
      slack: slack.client,
      identity: slackIdentity(slack.client),
      healthChannel: config.schedule.healthChannel,
      digestChannel: config.schedule.digestChannel,
      planThread: (report, ctx) => pool.threadPlan(report, ctx),
    }),
    authorizer,
    repo: config.github.gapIssuesRepo,
    replica,
    now,
    logger,
    stopping: stopping.signal,
    work,
    metrics,
    rechecks: createRecheckGate({
      store,
      replica,
      now,
      run: (record, request) => recheckInvestigation(context, record, request),
    }),
  };

  registerHandlers(slack.app, handlerDeps(context, config, slack.client));
  slack.app.error(async (error) => {
    logger.error({ err: errorMessage(error) }, 'unhandled Slack listener error');
  });

  const serveMetrics = async (_req: IncomingMessage, res: ServerResponse) => {
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType }).end(body);
  };
  const receiver = slack.receiver;
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
        return { ok: accepting, details: { store: store.backend, accepting, running: work.size } };
      } catch (error) {
        return { ok: false, details: { store: `down: ${errorMessage(error)}` } };
      }
    },
    // With a port of their own, metrics are not served beside Slack's requests.
    routes: config.metricsPort === null ? { '/metrics': serveMetrics } : {},
    logger,
  });
  const metricsServer = config.metricsPort === null ? null : createMetricsServer(serveMetrics);
  const idle = () => work.size === 0 && slack.handling.count === 0;

  let schedule: Schedule | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  return {
    context,
    config,
    integrations,
    metrics,
    slack,
    server,
    metricsServer,
    idle,
    async start(port = config.port, host = config.listenHost) {
      // Refused before listening: an empty store while the bot's comments are on the gap issues.
      await guardFreshStore(context, {
        where: redactUrlCredentials(config.database.url),
        acceptEmptyStore: config.acceptEmptyStore,
      });
      // Who the bot is on GitHub, learnt once (again at first need if GitHub does not answer now).
      await context.identity
        .github()
        .catch((error) => logger.warn({ err: errorMessage(error) }, 'could not learn the GitHub login yet'));
      const bound = await listen(server, port, host);
      if (metricsServer && config.metricsPort !== null) {
        const metricsPort = await listen(metricsServer, config.metricsPort, host);
        logger.info({ port: metricsPort }, 'metrics are served on their own port');
      }
      if (!receiver) await slack.app.start();
      // Registered before resuming: work begun by this replica's previous life now counts as abandoned.
      await store.registerReplica(replica, now());
      heartbeat = setInterval(() => {
        void store.touchReplica(replica, now()).catch(() => {});
      }, REPLICA_HEARTBEAT_MS);
      heartbeat.unref();
      await resumeInvestigations(context);
      if (options.schedule ?? !options.fast) {
        schedule = startSchedule(context, config.schedule);
      }
      logger.info({ port: bound, socketMode: !receiver, replica }, 'nessus-gap is listening');
      return bound;
    },
    async stop(graceMs = 20_000) {
      accepting = false;
      const deadline = Date.now() + graceMs;
      if (!receiver) await slack.app.stop().catch(() => {});
      if (heartbeat) clearInterval(heartbeat);
      await schedule?.stop(graceMs);
      schedule = null;
      let quiet = await quietBy(idle, work, deadline);
      if (!quiet) {
        // Runs stop before their next post; one already in flight finishes and is recorded.
        stopping.abort(new Error('the bot is stopping'));
        quiet = await quietBy(idle, work, Date.now() + STOP_SETTLE_MS);
      }
      await checkpoint(context, quiet, slack.handling.count).catch((error) =>
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
      await pool.close();
    },
  };
}

/** Waits until nothing runs, or the deadline; true when quiet. */
async function quietBy(idle: () => boolean, work: AppContext['work'], deadline: number): Promise<boolean> {
  while (!idle() && Date.now() < deadline) {
    await Promise.race([
      work.settled(),
      new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, deadline - Date.now())))),
    ]);
  }
  return idle();
}

/**
 * What is left when the grace period ends is checkpointed: the work done so far is in the store
 * (findings, posted messages, action intents), and the claims of investigations still running are
 * released so another replica takes them over at once; this replica, restarted, resumes them anyway.
 * The replica leaves the store's list of live ones, so its unfinished actions count as interrupted.
 */
async function checkpoint(
  context: Pick<AppContext, 'store' | 'replica' | 'now' | 'logger'>,
  quiet: boolean,
  listeners: number,
): Promise<void> {
  const { store, replica } = context;
  const unfinished = (await store.listActiveInvestigations()).filter(
    (r) => r.status === 'running' && r.owner === replica,
  );
  for (const record of unfinished) await store.updateInvestigation(record.id, { leaseUntil: context.now() });
  if (unfinished.length > 0 || !quiet) {
    context.logger.warn(
      { investigations: unfinished.map((r) => r.id), listeners },
      'stopped before all work finished: it will be resumed',
    );
  }
  await store.removeReplica(replica);
}
