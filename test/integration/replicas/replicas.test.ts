/**
 * Two replicas of the bot on one database, behind one Slack app (the same local Slack, the same
 * emulators): each scheduled tick runs once, an event delivered to both is handled once, a click
 * delivered to both acts once. On a shared SQLite file always, on PostgreSQL when TEST_DATABASE_URL
 * is set.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { eventEnvelope, messageEvent } from '../../../sandbox/slack/payloads.js';
import { type JobName, runJobOnce } from '../../../src/app/schedule/run-job.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { attachBot, type Replica } from '../../../src/cli/world-replica.js';
import { aliceClicks, botReplies, CHANNEL, messageWithButton, postedComments } from '../bot/world-helpers.js';
import { type TestDatabase, testDatabases } from './databases.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';
const TICKS = 6;

describe.each(testDatabases())('two replicas on %s', (_backend, setup) => {
  let database: TestDatabase;
  let world: World;
  let b: Replica;

  beforeEach(async () => {
    database = await setup();
    world = await startWorld(demo, {
      replica: 'replica-a',
      ...(database.url ? { databaseUrl: database.url } : {}),
    });
    b = await attachBot(world, { replica: 'replica-b' });
  });
  afterEach(async () => {
    await b.close();
    await world.close();
    await database.cleanup();
  });

  const idle = () => Promise.all([world.idle(), b.idle()]);

  /** A gap alert stored in Slack, and its event as Slack would deliver it (to either replica). */
  function alertEvent(eventId: string) {
    const stored = world.slack.addMessage({
      channel: CHANNEL,
      author: 'app',
      text: `GAP ALERT ${ISSUE_URL}`,
      user: 'U0PAGERDUTY',
      botId: 'B0PD',
      appId: 'A0PD',
      username: 'PagerDuty',
    });
    const team = { id: world.slack.teamId, domain: world.slack.teamDomain };
    const envelope = eventEnvelope(
      world.slack,
      team,
      messageEvent(world.slack, stored),
      eventId,
      Math.floor(Date.now() / 1000),
    );
    return { ts: stored.ts, envelope };
  }

  it('handles an event delivered to both replicas at once exactly once', async () => {
    const { ts, envelope } = alertEvent('Ev0REPLICA1');
    const responses = await Promise.all([
      world.driver.deliverEvent(envelope),
      b.driver.deliverEvent(envelope),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    await idle();
    const replies = botReplies(world, ts);
    expect(replies.filter((m) => /alcatraz#5120: 8 unscanned IPs/.test(m.text))).toHaveLength(1);
    expect(replies.filter((m) => /already being investigated/.test(m.text))).toHaveLength(0);
    expect(postedComments(world)).toHaveLength(1);
    const [investigation, ...others] = await world.store.listActiveInvestigations();
    expect(others).toHaveLength(0);
    expect(['replica-a', 'replica-b']).toContain(investigation?.owner);
  });

  it('acts once on a click delivered to both replicas', async () => {
    const { envelope } = alertEvent('Ev0REPLICA2');
    await world.driver.deliverEvent(envelope);
    await idle();
    const { message, actionId } = messageWithButton(world, 'mark_notalchemy:');
    const click = await aliceClicks(world, { message, actionId });
    const again = {
      body: `payload=${encodeURIComponent(JSON.stringify(click.payload))}`,
      contentType: 'application/x-www-form-urlencoded',
    };
    await Promise.all([b.driver.raw(again), world.driver.raw(again), b.driver.raw(again)]);
    await idle();

    const inventory = world.sandbox.emulators.inventory.state();
    expect(inventory.history.filter((h) => h.id === '1001')).toHaveLength(1);
    expect(inventory.servers.find((s) => s.id === '1001')?.environment).toBe('NOTALCHEMY');
    expect(postedComments(world).filter((c) => c.body.includes('nessus-gap:action'))).toHaveLength(1);
    const audit = await b.store.listActions({ issueNumber: 5120 });
    expect(audit.map((a) => [a.action, a.ip, a.status])).toEqual([['mark_notalchemy', '10.10.1.11', 'done']]);
  });

  it.each<JobName>(['reminder', 'recheck', 'scannerHealth'])(
    'runs %s once per tick across replicas',
    async (job) => {
      const { ts, envelope } = alertEvent(`Ev0TICKS${job}`);
      await world.driver.deliverEvent(envelope);
      await idle();
      const threadBefore = botReplies(world, ts).length;
      const start = Date.parse('2026-11-30T09:00:00Z');
      const runs = [];
      for (let i = 0; i < TICKS; i += 1) {
        const tick = new Date(start + i * 15 * 60_000);
        runs.push(
          await Promise.all([runJobOnce(world.bot.context, job, tick), runJobOnce(b.bot.context, job, tick)]),
        );
      }
      expect(runs.map((pair) => pair.filter((run) => run.ran).length)).toEqual(Array(TICKS).fill(1));
      expect(runs.flat().filter((run) => 'error' in run)).toEqual([]);
      expect(new Set(runs.map((pair) => pair[0]?.lease)).size).toBe(TICKS);
      if (job === 'reminder') {
        const reminders = botReplies(world, ts).slice(threadBefore);
        expect(reminders).toHaveLength(TICKS);
        expect(reminders.every((m) => /Reminder: 8 IPs are still unscanned/.test(m.text))).toBe(true);
      } else {
        expect(botReplies(world, ts)).toHaveLength(threadBefore);
      }
      const metrics = await Promise.all([world.bot.metrics.render(), b.bot.metrics.render()]);
      const ran = metrics.map((m) =>
        Number(
          new RegExp(`nessus_gap_schedule_runs_total\\{job="${job}",outcome="ran"\\} (\\d+)`).exec(
            m.body,
          )?.[1] ?? 0,
        ),
      );
      expect(ran.reduce((sum, n) => sum + n, 0)).toBe(TICKS);
    },
  );
});
