/**
 * Crash safety in process, where the moment of the "crash" can be chosen exactly:
 * - a run that posted everything but recorded nothing (killed right after each Slack or GitHub
 *   answer): resumed, it adopts what the thread and the issue already have and posts nothing;
 * - a graceful stop whose grace period ends mid-investigation: the run stops before its next post,
 *   its claim is released, and a replica started on the same store finishes it, nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../sandbox/index.js';
import { publishReport } from '../../../src/app/investigations/publish.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { attachBot } from '../../../src/cli/world-replica.js';
import { openStore } from '../../../src/store/open-store.js';
import { botReplies, CHANNEL, postedComments } from '../bot/world-helpers.js';
import { until } from './child-bot.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';

describe('resuming after a crash, in process', () => {
  let world: World;
  afterEach(async () => {
    await world.close();
  });

  it('adopts what a dead run posted but never recorded, and posts nothing again', async () => {
    world = await startWorld(demo);
    const alert = await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const record = await world.store.findInvestigationByThread(CHANNEL, alert.ts);
    if (!record?.report) throw new Error('the alert was not investigated');
    const { report } = record;
    const posts = () => world.slack.apiCalls.filter((c) => c.method === 'chat.postMessage').length;
    const before = { posts: posts(), comments: postedComments(world).length };

    // The same investigation with a memory that lost every record after the summary.
    const scratch = mkdtempSync(join(tmpdir(), 'ng-adopt-'));
    const amnesic = await openStore(`sqlite:${join(scratch, 'store.db')}`);
    try {
      const services = { ...world.bot.context, store: amnesic };
      await amnesic.recordMessage({
        investigationId: record.id,
        key: 'summary',
        ref: record.summaryTs ?? '',
      });
      const issue = await services.ports.issues.getIssue(record.repo, record.issueNumber);
      await publishReport(services, record, report, { adoptFrom: { comments: issue.comments } });

      expect(posts()).toBe(before.posts);
      expect(postedComments(world)).toHaveLength(before.comments);
      const adopted = new Map((await amnesic.listMessages(record.id)).map((m) => [m.key, m.ref]));
      const original = await world.store.listMessages(record.id);
      expect(original.length).toBeGreaterThan(3);
      for (const message of original) {
        if (message.key.startsWith('issue-comment:'))
          expect(adopted.get(message.key)).toMatch(/#issuecomment-\d+$/);
        else expect(adopted.get(message.key)).toBe(message.ref);
      }

      // Without adopting, the same call would have posted the whole thread again.
      const blank = await openStore(`sqlite:${join(scratch, 'blank.db')}`);
      await publishReport({ ...services, store: blank }, record, report);
      await blank.close();
      expect(posts()).toBeGreaterThan(before.posts);
    } finally {
      await amnesic.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('stops at the end of the grace period, releases the claim, and another replica finishes once', async () => {
    world = await startWorld(demo, { replica: 'first', latencyMs: 60 });
    const alert = await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await until(() => botReplies(world, alert.ts).length >= 2, 'the thread has begun');

    const stopped = world.bot.stop(50);
    const during = await Promise.all([
      world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` }),
      fetch(`${world.botUrl}/healthz`),
    ]);
    expect(during.map((r) => r.status)).toEqual([503, 503]);
    await stopped;

    const record = await world.store.findInvestigationByThread(CHANNEL, alert.ts);
    expect(record?.status).toBe('running');
    expect(record?.leaseUntil?.getTime()).toBeLessThanOrEqual(Date.now());
    expect((await world.store.listReplicas()).map((r) => r.name)).not.toContain('first');
    const postedAtStop = botReplies(world, alert.ts).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(botReplies(world, alert.ts)).toHaveLength(postedAtStop);

    const second = await attachBot(world, { replica: 'second' });
    try {
      await until(
        async () => (await world.store.getInvestigation(record?.id ?? 0))?.status === 'open',
        'the other replica finished the investigation',
      );
      await second.idle();
      const ids = botReplies(world, alert.ts).map(
        (m) => (m.blocks?.[0] as { block_id?: string } | undefined)?.block_id ?? m.ts,
      );
      expect(ids.length).toBeGreaterThan(postedAtStop);
      expect(ids.length).toBe(new Set(ids).size);
      expect(postedComments(world).filter((c) => c.body.includes('nessus-gap:report'))).toHaveLength(1);
      expect((await world.store.getInvestigation(record?.id ?? 0))?.owner).toBe('second');
    } finally {
      await second.close();
    }
  });
});
