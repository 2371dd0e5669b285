/**
 * Long synchronous steps of an investigation (parsing a big report, diagnosing, rendering, saving)
 * cut into turns of the event loop. Without this, three large investigations finishing together run as
 * one chain of promise continuations that never lets the loop read a socket, and a slash command
 * waits for all of it (Slack wants its ack within 3 s; we aim at 100 ms).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Targets handled in one turn: a few milliseconds of diagnosis or rendering. */
export const CHUNK = 100;

export async function yieldToLoop(): Promise<void> {
  await nextTurn();
}

/** `items.map(fn)`, giving the loop a turn after every `size` items. */
export async function mapInTurns<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  size: number = CHUNK,
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    if (start > 0) await yieldToLoop();
    for (const item of items.slice(start, start + size)) out.push(fn(item));
  }
  return out;
}
