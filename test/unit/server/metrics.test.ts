/**
 * The gauges that watch the bot itself (readiness, the store, the scanners): what each says when the
 * store answers, fails or hangs, and when the process is stopping.
 */

import { createCallCounter } from '../../../src/integrations/call-counter.js';
import { createBotMetrics, type MetricSources } from '../../../src/server/metrics.js';

type Store = 'up' | 'down' | 'hangs';

function metricsWith(
  state: { store: Store; accepting: boolean; scanners: { name: string; healthy: boolean }[] },
  overrides: Partial<MetricSources> = {},
) {
  const never = new Promise<never>(() => {});
  const answer = <T>(value: T): Promise<T> =>
    state.store === 'up'
      ? Promise.resolve(value)
      : state.store === 'down'
        ? Promise.reject(new Error('connection refused'))
        : never;
  return createBotMetrics({
    calls: createCallCounter(),
    queue: () => ({ slackRequests: 0, investigations: 0 }),
    active: () => answer({ running: 1, open: 2 }),
    accepting: () => state.accepting,
    pingStore: () => answer(undefined),
    scanners: () => answer(state.scanners),
    storeDeadlineMs: 50,
    ...overrides,
  });
}

async function scrape(metrics: ReturnType<typeof createBotMetrics>): Promise<Map<string, number>> {
  const { body } = await metrics.render();
  const samples = new Map<string, number>();
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

describe('the bot health gauges', () => {
  it('say ready, store up and each scanner while all is well', async () => {
    const state = {
      store: 'up' as Store,
      accepting: true,
      scanners: [
        { name: 'prod-dal09-infra-nessus-01', healthy: true },
        { name: 'stage-dal09-infra-nessus-01', healthy: false },
      ],
    };
    const samples = await scrape(metricsWith(state));
    expect(samples.get('nessus_gap_ready')).toBe(1);
    expect(samples.get('nessus_gap_store_up')).toBe(1);
    expect(samples.get('nessus_gap_scanner_healthy{scanner="prod-dal09-infra-nessus-01"}')).toBe(1);
    expect(samples.get('nessus_gap_scanner_healthy{scanner="stage-dal09-infra-nessus-01"}')).toBe(0);
    expect(samples.get('nessus_gap_investigations_active{status="open"}')).toBe(2);
  });

  it('say not ready while stopping, the store still up', async () => {
    const samples = await scrape(metricsWith({ store: 'up', accepting: false, scanners: [] }));
    expect(samples.get('nessus_gap_ready')).toBe(0);
    expect(samples.get('nessus_gap_store_up')).toBe(1);
  });

  it('say the store is down, and keep the last known values of what it holds', async () => {
    const state = {
      store: 'up' as Store,
      accepting: true,
      scanners: [{ name: 'prod-dal09-infra-nessus-01', healthy: true }],
    };
    const metrics = metricsWith(state);
    await scrape(metrics);
    state.store = 'down';
    const samples = await scrape(metrics);
    expect(samples.get('nessus_gap_store_up')).toBe(0);
    expect(samples.get('nessus_gap_ready')).toBe(0);
    expect(samples.get('nessus_gap_scanner_healthy{scanner="prod-dal09-infra-nessus-01"}')).toBe(1);
    expect(samples.get('nessus_gap_investigations_active{status="running"}')).toBe(1);
  });

  it('answer within the deadline when the store hangs', async () => {
    const metrics = metricsWith({ store: 'hangs', accepting: true, scanners: [] });
    const started = Date.now();
    const samples = await scrape(metrics);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(samples.get('nessus_gap_store_up')).toBe(0);
    expect(samples.get('nessus_gap_ready')).toBe(0);
  });

  it('drop a scanner that is no longer reported', async () => {
    const state = {
      store: 'up' as Store,
      accepting: true,
      scanners: [
        { name: 'old-scanner', healthy: false },
        { name: 'new-scanner', healthy: true },
      ],
    };
    const metrics = metricsWith(state);
    expect((await scrape(metrics)).get('nessus_gap_scanner_healthy{scanner="old-scanner"}')).toBe(0);
    state.scanners = [{ name: 'new-scanner', healthy: true }];
    const samples = await scrape(metrics);
    expect(samples.has('nessus_gap_scanner_healthy{scanner="old-scanner"}')).toBe(false);
    expect(samples.get('nessus_gap_scanner_healthy{scanner="new-scanner"}')).toBe(1);
  });
});
