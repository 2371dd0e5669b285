/**
 * Everything the use cases may be given, built once by the composition root
 * (src/server/create-bot.ts). No use case takes the whole of it: each names the parts it uses
 * (`Pick<AppContext, ...>`), so what a use case can reach is written in its signature.
 */
import type { HeavyWork } from '../investigation/heavy-work.js';
import type { InvestigationDeps } from '../investigation/investigate.js';
import type {
  CoverageApi,
  InfraApi,
  InventoryApi,
  IssueTracker,
  ScannerStatusApi,
} from '../investigation/ports.js';
import type { Logger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Authorizer } from './authorizer.js';
import type { RecheckGate } from './investigations/recheck-gate.js';
import type { Notifier } from './notifier.js';
import type { WorkTracker } from './work-tracker.js';

/** The adapters the actions and jobs call directly (the investigation reaches them through `investigation`). */
export interface ActionPorts {
  issues: IssueTracker;
  infra: InfraApi;
  coverage: CoverageApi;
  scanners: ScannerStatusApi;
  /** Null in guided manual mode (no inventory API configured): a person updates the dashboard. */
  inventory: InventoryApi | null;
}

/** The bot's GitHub login: only comments it wrote are its own (src/app/markers.ts). */
export interface GithubIdentity {
  github(): Promise<string>;
}

export interface AppContext {
  store: Store;
  /** What an investigation reads (src/investigation/). */
  investigation: InvestigationDeps;
  ports: ActionPorts;
  identity: GithubIdentity;
  notifier: Notifier;
  authorizer: Authorizer;
  /** The repository of the gap issues. */
  repo: string;
  /** This process's name: owner of the investigations and leases it holds. */
  replica: string;
  now: () => Date;
  logger: Logger;
  /** Aborted when shutdown's grace period is over: running work stops before its next post. */
  stopping: AbortSignal;
  /** Investigations running in this process (awaited on shutdown). */
  work: WorkTracker;
  /** Re-checks asked by people: joined, rate-limited. */
  rechecks: RecheckGate;
  metrics: AppMetrics;
  /** Rendering a report off the main thread (the composition root's worker pool); this thread without it. */
  heavy?: HeavyWork;
}

/** What the use cases count (src/server/metrics.ts exports it). */
export interface AppMetrics {
  jobRun(job: string, outcome: 'ran' | 'skipped' | 'failed'): void;
}
