/**
 * The App Home tab end to end, over the history seed (test/helpers/seed-history.ts) on SQLite and on
 * PostgreSQL when TEST_DATABASE_URL is set: a person opens the tab in the Slack emulator, the bot
 * publishes a view that the emulator checks against Block Kit's limits (views.publish refuses a view
 * that breaks one), and the view says what the store holds and what this person may press.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { viewProblems } from '../../../sandbox/slack/block-limits.js';
import { PERMALINK_HOST } from '../../../sandbox/slack/index.js';
import { checkScannerHealth } from '../../../src/app/schedule/scanner-health-job.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { seedHistory } from '../../helpers/seed-history.js';
import { testDatabases } from '../replicas/databases.js';
import { CHANNEL } from './world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');

describe.each(testDatabases())('the App Home tab on %s', (_name, setup) => {
  let world: World;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const db = await setup();
    cleanup = db.cleanup;
    world = await startWorld(demo, { ...(db.url ? { databaseUrl: db.url } : {}) });
    await seedHistory(world.store);
    await world.driver.postAlert({
      channel: CHANNEL,
      text: 'GAP ALERT https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120',
    });
    await world.idle();
    await checkScannerHealth(world.bot.context, new Date());
  });
  afterAll(async () => {
    await world.close();
    await cleanup();
  });

  /** The text of the Home tab published for `user`, one string per block. */
  async function openHome(user: string): Promise<string[]> {
    await world.driver.openAppHome({ userId: user });
    await world.idle();
    const published = world.slack.homeView(user);
    if (!published) throw new Error(`no Home tab published for ${user}`);
    expect(published.view.type).toBe('home');
    expect(viewProblems(published.view)).toEqual([]);
    return (published.view.blocks as unknown[]).map((block) => texts(block).join(' '));
  }

  /** The `text` strings of a block, wherever they are nested. */
  function texts(value: unknown): string[] {
    if (Array.isArray(value)) return value.flatMap(texts);
    if (!value || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, v]) =>
      key === 'text' && typeof v === 'string' ? [v] : texts(v),
    );
  }

  it('shows the open investigations with their threads, the scanners, the recurring targets and the last actions', async () => {
    const blocks = await openHome('U0ALICE');
    const text = blocks.join('\n');
    const section = (title: string) => blocks[blocks.indexOf(title) + 1] ?? '';

    expect(blocks).toContain('Open investigations (2)');
    // The alert's investigation links to its thread (a public channel); the seed's open one has no thread.
    const alert = blocks.find((b) => b.includes('alcatraz#5120')) ?? '';
    expect(alert).toContain(`<${PERMALINK_HOST}/archives/${CHANNEL}/p`);
    expect(alert).toMatch(/\d+ unresolved/);
    expect(alert).toContain('Powered off: ');
    const seeded = blocks.find((b) => b.includes('alcatraz#5105')) ?? '';
    expect(seeded).toContain('2 unresolved');
    expect(seeded).not.toContain('<http');
    expect(seeded).toMatch(/No device on the IP: 1/);

    // The seed's falls within 30 days (-20 d, -5 d, -1 h); the health job found it still not ready.
    expect(section('Scanners')).toMatch(
      /:red_circle: stage-dal09-infra-nessus-01: .*down 3 times in 30 days/,
    );
    expect(section('Scanners')).toMatch(
      /:large_green_circle: prod-dal09-infra-nessus-01: ready .*never down in 30 days/,
    );

    // 10.10.5.31 and 10.10.7.8: three seeded investigations within 90 days and the alert's; 10.10.9.9: three.
    const recurring = section('Recurring targets').split('\n');
    expect(recurring.map((line) => /`([\d.]+)`: (\d+) investigations/.exec(line)?.slice(1))).toEqual([
      ['10.10.5.31', '4'],
      ['10.10.7.8', '4'],
      ['10.10.9.9', '3'],
    ]);

    const actions = section('Last actions');
    // Newest first: bob's power-on and mallory's refused click, both 8 days ago, then bob's of 13 days ago.
    const [first = '', second = '', third = ''] = actions.split('\n');
    expect([first, second].join('\n')).toMatch(/ bob Power on `10\.10\.5\.31` on #5120 \(done/);
    expect([first, second].join('\n')).toMatch(/ mallory Power on `10\.10\.5\.31` on #5120 \(refused/);
    expect(third).toMatch(/ bob Power on `10\.10\.10\.30` on #5104 \(done/);
    expect(text).toContain('You may press: Mark NOTALCHEMY');
    expect(text).not.toContain('You may not press');
  });

  it('tells someone who is not authorised that only Re-check is theirs, and who may act', async () => {
    const text = (await openHome('U0MALLORY')).join('\n');
    expect(text).toContain('You may press: Re-check.');
    expect(text).toMatch(/You may not press: Mark NOTALCHEMY, .*Power on.* Changes are made by <@U0ALICE>\./);
  });

  it('publishes nothing for the Messages tab', async () => {
    await world.driver.openAppHome({ userId: 'U0BOB', tab: 'messages' });
    await world.idle();
    expect(world.slack.homeView('U0BOB')).toBeUndefined();
  });
});
