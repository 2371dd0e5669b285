/**
 * What the App Home tab shows one person, as plain data: the open investigations and their
 * unresolved targets by cause, the scanners and how often each went down in 30 days, the most
 * recurring targets, the last actions of the audit log, and which buttons this person may press
 * (every button that changes something needs authorisation; a re-check does not).
 */
import { ACTION_DESCRIPTORS } from '../../runbook/actions/index.js';
import { THREAD_ORDER } from '../../runbook/categories/index.js';
import {
  RECURRING_WINDOW_DAYS,
  type RecurringTarget,
  recurringTargets,
} from '../../runbook/history/recurring.js';
import { SCANNER_DOWN_WINDOW_DAYS, scannerDownCounts } from '../../runbook/history/scanner-downtime.js';
import type { Category } from '../../runbook/model.js';
import type { ActionRecord, InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';

const DAY_MS = 24 * 3_600_000;
/** The newest entries of the audit log shown. */
export const HOME_ACTIONS = 10;

export interface HomeInvestigation {
  record: Omit<InvestigationRecord, 'report'>;
  unresolved: number;
  /** Unresolved targets by cause, in the thread's order. */
  byCause: { category: Category; count: number }[];
}

export interface HomeScanner {
  name: string;
  healthy: boolean;
  status: string;
  since: Date;
  /** Falls within the last 30 days. */
  downs: number;
}

export interface HomeButton {
  name: string;
  label: string;
  allowed: boolean;
}

export interface HomeView {
  now: Date;
  investigations: HomeInvestigation[];
  scanners: HomeScanner[];
  recurring: RecurringTarget[];
  actions: ActionRecord[];
  /** Every distinct button, once (two verbs of one action share a button name). */
  buttons: HomeButton[];
  authorised: boolean;
  /** Who may make changes, for someone who may not. */
  whoMayAct: string;
}

export async function homeView(
  deps: Pick<AppContext, 'store' | 'authorizer' | 'now'>,
  userId: string,
): Promise<HomeView> {
  const { store } = deps;
  const now = deps.now();
  const open = (await store.listActiveRuns()).sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  const investigations = await Promise.all(open.map((record) => withUnresolved(deps, record)));
  const [health, changes, past, actions, authorised] = await Promise.all([
    store.listScannerHealth(),
    store.listScannerHealthChanges(new Date(now.getTime() - SCANNER_DOWN_WINDOW_DAYS * DAY_MS)),
    store.listFindingsSince(new Date(now.getTime() - RECURRING_WINDOW_DAYS * DAY_MS)),
    store.listActions(),
    deps.authorizer.isAuthorized(userId),
  ]);
  const downs = new Map(scannerDownCounts(changes, now).map((d) => [d.name, d.downs]));
  const seen = new Set<string>();
  const buttons: HomeButton[] = [];
  for (const d of ACTION_DESCRIPTORS) {
    if (seen.has(d.name)) continue;
    seen.add(d.name);
    buttons.push({ name: d.name, label: d.label, allowed: !d.changes || authorised });
  }
  return {
    now,
    investigations,
    scanners: health
      .map((h) => ({
        name: h.name,
        healthy: h.healthy,
        status: h.status,
        since: h.changedAt,
        downs: downs.get(h.name) ?? 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    recurring: recurringTargets(past, now),
    actions: [...actions]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, HOME_ACTIONS),
    buttons,
    authorised,
    whoMayAct: deps.authorizer.describe(),
  };
}

async function withUnresolved(
  deps: Pick<AppContext, 'store'>,
  record: Omit<InvestigationRecord, 'report'>,
): Promise<HomeInvestigation> {
  const unresolved = (await deps.store.listFindings(record.id)).filter((f) => f.resolvedAt === null);
  const counts = new Map<Category, number>();
  for (const f of unresolved) counts.set(f.category, (counts.get(f.category) ?? 0) + 1);
  return {
    record,
    unresolved: unresolved.length,
    byCause: THREAD_ORDER.filter((c) => counts.has(c)).map((category) => ({
      category,
      count: counts.get(category) as number,
    })),
  };
}
