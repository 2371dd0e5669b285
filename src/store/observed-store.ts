/**
 * The store with a listener on the writes that mark something finished (an investigation's outcome,
 * findings diagnosed or resolved, an action's outcome), so /metrics counts them where they happen
 * without the handlers knowing about metrics. Everything else is passed through unchanged.
 */
import { RECURRING_WINDOW_DAYS, recurringTargets } from '../runbook/history/recurring.js';
import { daysBefore } from '../runbook/history/window.js';
import type { ActionStatus, InvestigationStatus, Store } from './store.js';

export interface StoreObserver {
  investigationStarted(): void;
  investigationStatus(status: InvestigationStatus): void;
  findingsSaved(categories: string[]): void;
  /** Targets that left their gap issue, each with how long it was listed (first seen to resolved). */
  findingsResolved(resolved: { category: string; seconds: number }[]): void;
  /** After each investigation is posted: how many targets are recurring across the store. */
  recurringTargets(count: number): void;
  actionFinished(action: string, status: Exclude<ActionStatus, 'intent'>): void;
}

export function observeStore(store: Store, observer: StoreObserver): Store {
  return new ObservedStore(store, observer);
}

class ObservedStore implements Store {
  constructor(
    private readonly inner: Store,
    private readonly observer: StoreObserver,
  ) {}

  get backend() {
    return this.inner.backend;
  }

  async claimInvestigation(input: Parameters<Store['claimInvestigation']>[0]) {
    const claim = await this.inner.claimInvestigation(input);
    if (claim.created) this.observer.investigationStarted();
    return claim;
  }

  async updateInvestigation(...args: Parameters<Store['updateInvestigation']>) {
    await this.inner.updateInvestigation(...args);
    const status = args[1].status;
    if (status !== undefined && status !== 'running') this.observer.investigationStatus(status);
    if (status === 'open') await this.countRecurring();
  }

  /** Recounted from the store after each investigation, as the investigation may have made more. */
  private async countRecurring() {
    const now = new Date();
    try {
      const past = await this.inner.listFindingsSince(daysBefore(now, RECURRING_WINDOW_DAYS));
      this.observer.recurringTargets(recurringTargets(past, now).length);
    } catch {
      // The count is a metric, not the investigation's business: the last value stays.
    }
  }

  async markFindingsResolved(...args: Parameters<Store['markFindingsResolved']>) {
    const [investigationId, ips, now = new Date()] = args;
    // Read first: the targets not yet resolved are the ones this call resolves (the jobs that
    // resolve hold a lease, so no other replica resolves the same ones meanwhile).
    const open =
      ips.length === 0
        ? []
        : (await this.inner.listFindingsSince(new Date(0), { ips })).filter(
            (f) => f.investigationId === investigationId && f.resolvedAt === null,
          );
    const changed = await this.inner.markFindingsResolved(investigationId, ips, now);
    if (changed > 0 && open.length > 0) {
      this.observer.findingsResolved(
        open.map((f) => ({
          category: f.category,
          seconds: Math.max(0, (now.getTime() - f.firstSeen.getTime()) / 1000),
        })),
      );
    }
    return changed;
  }

  async saveFindings(...args: Parameters<Store['saveFindings']>) {
    await this.inner.saveFindings(...args);
    this.observer.findingsSaved(args[1].map((f) => f.category));
  }

  async finishAction(...args: Parameters<Store['finishAction']>) {
    await this.inner.finishAction(...args);
    const record = await this.inner.getAction(args[0]);
    if (record) this.observer.actionFinished(record.action, args[1]);
  }

  migrate = () => this.inner.migrate();
  close = () => this.inner.close();
  ping = () => this.inner.ping();
  isFresh = () => this.inner.isFresh();
  markStarted = (...a: Parameters<Store['markStarted']>) => this.inner.markStarted(...a);
  markEventSeen = (...a: Parameters<Store['markEventSeen']>) => this.inner.markEventSeen(...a);
  takeOverExpired = (...a: Parameters<Store['takeOverExpired']>) => this.inner.takeOverExpired(...a);
  getInvestigation = (...a: Parameters<Store['getInvestigation']>) => this.inner.getInvestigation(...a);
  findActiveInvestigation = (...a: Parameters<Store['findActiveInvestigation']>) =>
    this.inner.findActiveInvestigation(...a);
  findInvestigationByThread = (...a: Parameters<Store['findInvestigationByThread']>) =>
    this.inner.findInvestigationByThread(...a);
  listActiveInvestigations = () => this.inner.listActiveInvestigations();
  listActiveRuns = () => this.inner.listActiveRuns();
  listFindings = (...a: Parameters<Store['listFindings']>) => this.inner.listFindings(...a);
  listFindingsSince = (...a: Parameters<Store['listFindingsSince']>) => this.inner.listFindingsSince(...a);
  recordMessage = (...a: Parameters<Store['recordMessage']>) => this.inner.recordMessage(...a);
  listMessages = (...a: Parameters<Store['listMessages']>) => this.inner.listMessages(...a);
  beginAction = (...a: Parameters<Store['beginAction']>) => this.inner.beginAction(...a);
  retryAction = (...a: Parameters<Store['retryAction']>) => this.inner.retryAction(...a);
  getAction = (...a: Parameters<Store['getAction']>) => this.inner.getAction(...a);
  listActions = (...a: Parameters<Store['listActions']>) => this.inner.listActions(...a);
  listUnfinishedActions = () => this.inner.listUnfinishedActions();
  tryLease = (...a: Parameters<Store['tryLease']>) => this.inner.tryLease(...a);
  pruneLeases = (...a: Parameters<Store['pruneLeases']>) => this.inner.pruneLeases(...a);
  listScannerHealth = () => this.inner.listScannerHealth();
  saveScannerHealth = (...a: Parameters<Store['saveScannerHealth']>) => this.inner.saveScannerHealth(...a);
  recordScannerHealthChange = (...a: Parameters<Store['recordScannerHealthChange']>) =>
    this.inner.recordScannerHealthChange(...a);
  listScannerHealthChanges = (...a: Parameters<Store['listScannerHealthChanges']>) =>
    this.inner.listScannerHealthChanges(...a);
  registerReplica = (...a: Parameters<Store['registerReplica']>) => this.inner.registerReplica(...a);
  touchReplica = (...a: Parameters<Store['touchReplica']>) => this.inner.touchReplica(...a);
  removeReplica = (...a: Parameters<Store['removeReplica']>) => this.inner.removeReplica(...a);
  listReplicas = () => this.inner.listReplicas();
  saveGuide = (...a: Parameters<Store['saveGuide']>) => this.inner.saveGuide(...a);
  takeGuide = (...a: Parameters<Store['takeGuide']>) => this.inner.takeGuide(...a);
}
