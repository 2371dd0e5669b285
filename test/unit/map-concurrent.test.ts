/** mapConcurrent: the one bounded map behind the adapters' per-object calls and the investigation's probes. */
import { mapConcurrent } from '../../src/map-concurrent.js';

/** A task that resolves after `delays[index]` ms and records how many ran at once. */
function watched(delays: readonly number[]) {
  let inFlight = 0;
  const seen = { max: 0, started: [] as number[] };
  const run = async (item: string, index: number) => {
    inFlight++;
    seen.max = Math.max(seen.max, inFlight);
    seen.started.push(index);
    await new Promise((resolve) => setTimeout(resolve, delays[index] ?? 0));
    inFlight--;
    return `${item}:${index}`;
  };
  return { seen, run };
}

describe('mapConcurrent', () => {
  it('keeps the input order whatever order the work finishes in, with at most `limit` in flight', async () => {
    const delays = [30, 5, 20, 1, 10, 15, 2, 25, 8, 3];
    const items = delays.map((_, i) => `item${i}`);
    const { seen, run } = watched(delays);

    const results = await mapConcurrent(items, 3, run);

    expect(results).toEqual(items.map((item, i) => `${item}:${i}`));
    expect(seen.max).toBe(3);
    expect(seen.started).toHaveLength(items.length);
    expect([...seen.started].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
  });

  it('runs everything at once when the limit exceeds the items, and one at a time for a limit below 1', async () => {
    const wide = watched([5, 5, 5]);
    await expect(mapConcurrent(['a', 'b', 'c'], 10, wide.run)).resolves.toEqual(['a:0', 'b:1', 'c:2']);
    expect(wide.seen.max).toBe(3);

    const narrow = watched([5, 5, 5]);
    await expect(mapConcurrent(['a', 'b', 'c'], 0, narrow.run)).resolves.toEqual(['a:0', 'b:1', 'c:2']);
    expect(narrow.seen.max).toBe(1);
    expect(narrow.seen.started).toEqual([0, 1, 2]);
  });

  it('returns an empty list for no items without calling the function', async () => {
    let calls = 0;
    await expect(
      mapConcurrent([], 4, async () => {
        calls++;
      }),
    ).resolves.toEqual([]);
    expect(calls).toBe(0);
  });

  it('rejects with the first failure', async () => {
    const failing = mapConcurrent([1, 2, 3], 2, async (n) => {
      if (n === 2) throw new Error('item 2 failed');
      return n;
    });
    await expect(failing).rejects.toThrow('item 2 failed');
  });
});
