/**
 * Guided manual mode (no INVENTORY_API_URL): a mark button opens the exact dashboard steps with a
 * search link; "Done" documents the change on the issue and in the audit log, once.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { aliceClicks, CHANNEL, messageWithButton, postedComments } from './world-helpers.js';

describe('guided manual mode', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld(loadScenario('examples/scenarios/demo.yaml'), { inventory: false });
  });
  afterEach(async () => {
    await world.close();
  });

  it('guides the person, then documents what they did', async () => {
    await world.driver.postAlert({
      channel: CHANNEL,
      text: 'GAP ALERT https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120',
    });
    await world.idle();
    const { message, actionId } = messageWithButton(world, 'mark_notalchemy:');
    await aliceClicks(world, { message, actionId });
    await world.idle();

    const views = world.slack.views();
    expect(views).toHaveLength(1);
    const guide = JSON.stringify(views[0]);
    expect(guide).toContain('search=10.10.1.11');
    expect(guide).toMatch(/NOTALCHEMY/);
    expect(await world.store.listActions()).toHaveLength(0);

    const [view] = views;
    if (!view) throw new Error('no modal was opened');
    await world.driver.submitView({ userId: 'U0ALICE', userName: 'alice', view });
    await world.idle();
    const actions = await world.store.listActions({ issueNumber: 5120 });
    expect(actions.map((a) => [a.action, a.ip, a.status])).toEqual([
      ['mark_notalchemy', '10.10.1.11', 'done'],
    ]);
    const comment = postedComments(world).find((c) => c.body.includes('nessus-gap:action'));
    expect(comment?.body).toMatch(/done by hand/);
    expect(JSON.stringify(world.slack.message(CHANNEL, message.ts)?.blocks)).toMatch(
      /Marked NOTALCHEMY \(done by hand\) by <@U0ALICE>/,
    );
  });
});
