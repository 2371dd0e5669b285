/**
 * What comes back from a worker is checked like any input: a worker runs our code, but a result
 * that lost its shape on the way (a class instance cloned to a plain object, a bug in a task) must
 * fail here, naming the task, rather than reach Slack or the store.
 */
import { z } from 'zod';
import type { PlannedMessage } from '../bot/render/thread-plan.js';
import type { Target } from '../runbook/model.js';
import { isCategory } from '../runbook/model.js';
import { blocksSchema, findingSchema } from '../store/codecs.js';
import type { TaskName, TaskOutput } from './tasks.js';

const targetSchema = z.object({
  ip: z.string().min(1),
  interface: z.enum(['public', 'private', 'management', 'unknown']),
  hostname: z.string().nullable(),
  environment: z.string().nullable(),
  neverScanned: z.boolean(),
  lastScan: z.string().nullable(),
  otherEnvironments: z.array(z.string()).optional(),
}) satisfies z.ZodType<Target>;

const plannedMessageSchema = z
  .object({
    key: z.string().min(1),
    category: z.string().refine(isCategory, 'not a known category'),
    text: z.string(),
    blocks: blocksSchema,
  })
  .transform((v) => v as unknown as PlannedMessage);

export const OUTPUT_SCHEMAS: { [K in TaskName]: z.ZodType<TaskOutput<K>> } = {
  parseGapReport: targetSchema,
  diagnose: findingSchema,
  issueComments: z.string(),
  threadPlan: plannedMessageSchema,
};

/** The items of one chunk, checked; throws naming the task and the first problems. */
export function checkOutput<K extends TaskName>(task: K, items: readonly unknown[]): TaskOutput<K>[] {
  const result = z.array(OUTPUT_SCHEMAS[task]).safeParse(items);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(value)'}: ${issue.message}`)
    .join('; ');
  throw new Error(`the worker's ${task} result does not have the expected shape: ${problems}`);
}
