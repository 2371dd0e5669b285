/**
 * The weekly digest posted by the schedule (through runJobOnce, as the cron does) over the history
 * seed, on SQLite and on PostgreSQL when TEST_DATABASE_URL is set: the figures go to the configured
 * digest channel with the chart uploaded as a PNG; one replica posts it; without a digest channel
 * nothing is posted.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { type JobDeps, runJobOnce } from '../../../src/app/schedule/run-job.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { seedHistory } from '../../helpers/seed-history.js';
import { testDatabases } from '../replicas/databases.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const DIGEST = 'C0DIGEST';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe.each(testDatabases())('the weekly digest job on %s', (_name, setup) => {
  let world: World;
  let cleanup: () => Promise<void>;
  afterEach(async () => {
    await world.close();
    await cleanup();
  });

  async function start(digestChannel?: string) {
    const db = await setup();
    cleanup = db.cleanup;
    world = await startWorld(demo, {
      ...(db.url ? { databaseUrl: db.url } : {}),
      ...(digestChannel ? { configOverrides: { schedule: { digestChannel } } } : {}),
    });
    await seedHistory(world.store);
  }

  it('posts the week`s figures and the chart to the digest channel, once for every replica', async () => {
    await start(DIGEST);
    const tick = new Date();
    const deps = world.bot.context as JobDeps;
    const run = await runJobOnce(deps, 'digest', tick);
    expect(run).toMatchObject({ job: 'digest', ran: true, result: { unscanned: 2 } });
    // A second replica's cron fires on the same minute: the lease lets one post.
    expect(await runJobOnce({ ...deps, replica: 'other' }, 'digest', tick)).toMatchObject({ ran: false });

    const posted = world.slack.messages(DIGEST);
    expect(posted).toHaveLength(2);
    const [message, image] = posted;
    const text = JSON.stringify(message?.blocks);
    // The seed's week: none unscanned at its start (I5's target was resolved exactly 7 days ago), I6's two now.
    expect(text).toContain('Unscanned at the start of the week: 0 (none)');
    expect(text).toContain('Unscanned at the end of the week: 2 (');
    expect(text).toContain('10.10.9.9: 3 investigations');
    expect(message?.text).toMatch(
      /^Nessus scan gaps: week of \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: 2 unscanned$/,
    );

    expect(image?.files).toHaveLength(1);
    const file = world.slack.files().find((f) => f.id === image?.files?.[0]?.id);
    expect(file?.filename).toMatch(/^nessus-gap-digest-\d{4}-\d\d-\d\d\.png$/);
    expect(file?.content?.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(file?.content?.length).toBe(file?.declaredLength);
    expect(file?.content?.length).toBeGreaterThan(10_000);
  });

  it('posts nothing without a digest channel', async () => {
    await start();
    expect(world.bot.config.schedule.digestChannel).toBeNull();
    const run = await runJobOnce(world.bot.context as JobDeps, 'digest', new Date());
    expect(run).toMatchObject({ ran: true, result: { postedTs: null, unscanned: 2 } });
    expect(world.slack.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });
});
