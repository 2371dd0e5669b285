/**
 * The history's metrics on GET /metrics: how long targets stayed on their gap issue
 * (nessus_gap_time_to_resolve_seconds, observed when a target is marked resolved) and how many targets
 * keep coming back (nessus_gap_recurring_targets, counted after each investigation).
 *
 * By hand, from the seed (test/helpers/seed-history.ts) and the demo's alert: within 90 days,
 * 10.10.9.9 was found by I2, I3 and I6 (3), 10.10.5.31 by I2, I3, I5 and the demo's run (4), 10.10.7.8
 * by I2, I3, I4 and the demo's run (4), 10.10.10.30 by I4 and the demo's run only (2): 3 recurring.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { recheckOpenInvestigations } from '../../../src/app/schedule/recheck-job.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { seedHistory } from '../../helpers/seed-history.js';
import { CHANNEL } from '../bot/world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const REPO = 'alchemy-conductors/alcatraz';
const HOUR = 3_600_000;

describe('the history metrics', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld(demo);
  });
  afterEach(async () => {
    await world.close();
  });

  const scrape = async () => (await fetch(`${world.botUrl}/metrics`)).text();
  const value = (text: string, name: string, labels: string[] = []) => {
    const line = text
      .split('\n')
      .find(
        (l) => l.startsWith(`${name}${labels.length > 0 ? '{' : ' '}`) && labels.every((x) => l.includes(x)),
      );
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  it('counts the recurring targets after the investigation, and times a target to its resolution', async () => {
    expect(value(await scrape(), 'nessus_gap_recurring_targets')).toBe(0);
    await seedHistory(world.store);
    await world.driver.postAlert({
      channel: CHANNEL,
      text: `GAP ALERT https://github.ibm.com/${REPO}/issues/5120`,
    });
    await world.idle();
    expect(value(await scrape(), 'nessus_gap_recurring_targets')).toBe(3);

    // 10.10.1.11 leaves the issue; the hourly re-check, 36 hours on, marks it resolved.
    const record = await world.store.findActiveInvestigation(REPO, 5120);
    const found = (await world.store.listFindings(record?.id ?? 0)).find((f) => f.ip === '10.10.1.11');
    if (!found) throw new Error('10.10.1.11 was not found by the investigation');
    const body = demo.github.issues.find((i) => i.number === 5120)?.body ?? '';
    world.sandbox.emulators.github.editIssue(REPO, 5120, {
      body: body
        .split('\n')
        .filter((line) => !line.includes('10.10.1.11'))
        .join('\n'),
    });
    await recheckOpenInvestigations(world.bot.context, new Date(found.firstSeen.getTime() + 36 * HOUR));

    const text = await scrape();
    const series = 'nessus_gap_time_to_resolve_seconds';
    const category = 'category="not_in_account"';
    expect(value(text, `${series}_count`, [category])).toBe(1);
    expect(value(text, `${series}_sum`, [category])).toBe(36 * 3600);
    expect(value(text, `${series}_bucket`, [category, 'le="86400"'])).toBe(0);
    expect(value(text, `${series}_bucket`, [category, 'le="172800"'])).toBe(1);
    // A target not resolved is not timed.
    expect(value(text, `${series}_count`, ['category="powered_off"'])).toBeUndefined();
  });
});
