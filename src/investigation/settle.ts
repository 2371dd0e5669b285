import { errorMessage } from '../errors.js';
import { type Check, type CheckName, failed, ok, type SystemName } from '../runbook/evidence.js';

/** Runs one upstream check and turns its failure into a `Check` that names it, instead of throwing. */
export async function settle<T>(
  check: CheckName,
  system: SystemName,
  run: () => Promise<T>,
): Promise<Check<T>> {
  try {
    return ok(await run());
  } catch (error) {
    return failed(check, system, errorMessage(error));
  }
}

/** Maps an ok check's value, keeping a failure as it is. */
export function mapCheck<T, U>(check: Check<T>, map: (value: T) => U): Check<U> {
  return check.status === 'ok' ? ok(map(check.value)) : check;
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapBounded<T, U>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<U>,
): Promise<U[]> {
  const results = new Array<U>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  });
  await Promise.all(workers);
  return results;
}
