/** `/nessus-gap doctor` in Slack: the doctor's table, privately, to authorised users only. */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld } from '../../../src/cli/world.js';
import { CHANNEL } from './world-helpers.js';

describe('/nessus-gap doctor', () => {
  it('shows the table privately to an authorised user and refuses anyone else', async () => {
    const world = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
    try {
      await world.driver.slashCommand({ text: 'doctor', userId: 'U0ALICE', channelId: CHANNEL });
      await world.driver.slashCommand({ text: 'doctor', userId: 'U0MALLORY', channelId: CHANNEL });
      await world.idle();
      const toAlice = world.slack
        .ephemerals('U0ALICE')
        .map((e) => e.text)
        .join('\n');
      expect(toAlice).toMatch(/:white_check_mark: nessus-gap doctor\n```\n/);
      expect(toAlice).toMatch(/slack +✓ auth\.test +ok as nessus-gap/);
      expect(toAlice).toMatch(/tenable +✓ reachable/);
      expect(toAlice).toMatch(/all \d+ checks passed/);
      const toMallory = world.slack
        .ephemerals('U0MALLORY')
        .map((e) => e.text)
        .join('\n');
      expect(toMallory).toMatch(/may run the doctor/);
      expect(toMallory).not.toMatch(/tenable/);
      // Nothing in the channel itself.
      expect(world.slack.messages(CHANNEL).filter((m) => m.author === 'bot')).toHaveLength(0);
    } finally {
      await world.close();
    }
  });
});
