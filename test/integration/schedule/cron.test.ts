/**
 * The cron wiring: a bot started with the schedule runs each job from its cron expression (here
 * every second) through the lease, so one tick per minute runs and the others are skipped; stop()
 * ends the ticks.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { silentLogger } from '../../../src/logger.js';
import { createBot } from '../../../src/server/create-bot.js';
import { openStore } from '../../../src/store/open-store.js';

describe('the schedule', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
  });
  afterEach(async () => {
    await world.close();
  });

  it('runs jobs on their cron expressions, once per minute-long lease, until stopped', async () => {
    const store = await openStore(world.config.database.url);
    const never = '0 0 1 1 *';
    const bot = createBot({
      config: {
        ...world.config,
        schedule: { ...world.config.schedule, scannerHealth: '* * * * * *', recheck: never, reminder: never },
      },
      logger: silentLogger(),
      store,
      fast: true,
      schedule: true,
      replica: 'cron',
    });
    await bot.start(0, '127.0.0.1');
    const series = (outcome: string) =>
      bot.metrics
        .render()
        .then(({ body }) =>
          Number(
            new RegExp(
              `nessus_gap_schedule_runs_total\\{job="scannerHealth",outcome="${outcome}"\\} (\\d+)`,
            ).exec(body)?.[1] ?? 0,
          ),
        );
    try {
      const deadline = Date.now() + 10_000;
      while ((await series('ran')) + (await series('skipped')) < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const ran = await series('ran');
      const skipped = await series('skipped');
      expect(ran).toBeGreaterThanOrEqual(1);
      expect(ran).toBeLessThanOrEqual(2);
      expect(skipped).toBeGreaterThanOrEqual(1);
      expect((await world.store.listScannerHealth()).map((s) => s.name)).toHaveLength(2);
    } finally {
      await bot.stop(1000);
    }
    const after = (await series('ran')) + (await series('skipped'));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await series('ran')) + (await series('skipped'))).toBe(after);
    await store.close();
  });
});
