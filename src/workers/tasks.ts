/**
 * What a worker thread can be asked to do: pure functions of the runbook and the renderers, each
 * taking a head (one small value) and items (the long list, sent in chunks) and giving back items.
 * The same table runs on the main thread when there is no worker (src/workers/pool.ts).
 */
import type { CategoryContext } from '../bot/render/category.js';
import { planThread } from '../bot/render/thread-plan.js';
import { type DiagnosisContext, diagnose } from '../runbook/diagnose.js';
import type { Evidence } from '../runbook/evidence.js';
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import { parseGapReport } from '../runbook/parse-gap-report.js';
import { renderIssueComments } from '../runbook/report/markdown.js';

/** A report without its findings: they travel as the task's items. */
export type ReportHead = Omit<InvestigationReport, 'findings'>;

export const TASKS = {
  parseGapReport: (body: string, _items: readonly never[]) => parseGapReport(body),
  diagnose: (context: DiagnosisContext, evidence: readonly Evidence[]) =>
    evidence.map((item) => diagnose(item, context)),
  issueComments: (head: ReportHead, findings: readonly Finding[]) =>
    renderIssueComments({ ...head, findings: [...findings] }),
  threadPlan: (head: { report: ReportHead; ctx: CategoryContext }, findings: readonly Finding[]) =>
    planThread({ ...head.report, findings: [...findings] }, head.ctx),
};

export type TaskName = keyof typeof TASKS;
export type TaskHead<K extends TaskName> = Parameters<(typeof TASKS)[K]>[0];
export type TaskItem<K extends TaskName> = Parameters<(typeof TASKS)[K]>[1][number];
export type TaskOutput<K extends TaskName> = ReturnType<(typeof TASKS)[K]>[number];

export function runTask<K extends TaskName>(
  task: K,
  head: TaskHead<K>,
  items: readonly TaskItem<K>[],
): TaskOutput<K>[] {
  const run = TASKS[task] as (head: TaskHead<K>, items: readonly TaskItem<K>[]) => TaskOutput<K>[];
  return run(head, items);
}

export const isTaskName = (name: unknown): name is TaskName =>
  typeof name === 'string' && Object.hasOwn(TASKS, name);
