/**
 * The messages between the pool and its workers. A task's items go in chunks and its results come
 * back in chunks, one asked for at a time: copying a whole 10,000-target report across the thread
 * boundary in one message would hold the main thread as long as the work itself.
 */
import { z } from 'zod';

/** Items in one message: a few milliseconds of copying either way. */
export const CHUNK_ITEMS = 250;

export type ToWorker =
  | { kind: 'start'; id: number; task: string; head: unknown }
  | { kind: 'items'; id: number; items: unknown[] }
  | { kind: 'run'; id: number }
  | { kind: 'more'; id: number };

export const fromWorkerSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('items'),
    id: z.number().int(),
    items: z.array(z.unknown()),
    done: z.boolean(),
  }),
  z.object({ kind: z.literal('failed'), id: z.number().int(), message: z.string() }),
]);

export type FromWorker = z.infer<typeof fromWorkerSchema>;
