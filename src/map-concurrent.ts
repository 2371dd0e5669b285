/**
 * Runs an async function over many items with at most `limit` in flight, keeping the input order in
 * the result. Adapters use it for the per-object calls an API forces on them (power states, asset
 * list details) so a large account neither runs them one by one nor floods the API; the local
 * probe uses it to bound a batch. It sits outside both so that neither imports the other.
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker());
  await Promise.all(workers);
  return results;
}
