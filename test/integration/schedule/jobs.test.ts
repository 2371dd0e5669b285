/**
 * The scheduled jobs, called directly (the cron wiring only calls them) against the whole product on
 * 127.0.0.1: the demo world's alert is investigated, then the world changes (a scanner recovers, the
 * gap issue is edited or closed) and each job's posts in Slack and on the issue are checked.
 */
import { loadScenario } from '../../../sandbox/index.js';
import type { AppContext } from '../../../src/app/context.js';
import { closeOut } from '../../../src/app/schedule/close-out.js';
import { recheckOpenInvestigations } from '../../../src/app/schedule/recheck-job.js';
import { remindOpenThreads } from '../../../src/app/schedule/reminder-job.js';
import { checkScannerHealth } from '../../../src/app/schedule/scanner-health-job.js';
import { slackIdentity } from '../../../src/bot/identity.js';
import { createSlackNotifier } from '../../../src/bot/notify/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { botReplies, CHANNEL, postedComments } from '../bot/world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const REPO = 'alchemy-conductors/alcatraz';
const ISSUE_URL = `https://github.ibm.com/${REPO}/issues/5120`;
const STAGE = 'stage-dal09-infra-nessus-01';
const PROD = 'prod-dal09-infra-nessus-01';
const HOURS = 3_600_000;

describe('scheduled jobs', () => {
  let world: World;
  let services: AppContext;
  let alertTs: string;
  const later = (ms: number) => new Date(Date.now() + ms);

  beforeEach(async () => {
    world = await startWorld(demo);
    services = world.bot.context;
    alertTs = (await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` })).ts;
    await world.idle();
  });
  afterEach(async () => {
    await world.close();
  });

  const thread = () => botReplies(world, alertTs).map((m) => m.text);
  const issueBody = () => demo.github.issues.find((i) => i.number === 5120)?.body ?? '';
  const investigation = async () => {
    const record = await world.store.findInvestigationByThread(CHANNEL, alertTs);
    if (!record) throw new Error('the alert was not investigated');
    return record;
  };

  it('re-checks quietly, and says in the thread when a finding changes', async () => {
    const before = thread().length;
    const quiet = await recheckOpenInvestigations(services, later(HOURS));
    expect(quiet.rechecked).toEqual([{ id: (await investigation()).id, changes: 0 }]);
    expect(thread()).toHaveLength(before);

    world.sandbox.emulators.nessus.setStatus(STAGE, 'ready');
    const changed = await recheckOpenInvestigations(services, later(2 * HOURS));
    expect(changed.rechecked[0]?.changes).toBe(1);
    const posted = thread().slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatch(
      /Re-checked 8 IPs: 1 changed\.\n• 10\.20\.1\.15 stage-dal09-carrier1-worker-03: Scanner not ready → /,
    );
    const finding = (await world.store.listFindings((await investigation()).id)).find(
      (f) => f.ip === '10.20.1.15',
    );
    expect(finding?.category).not.toBe('scanner_down');
  });

  it('names targets the issue no longer lists, then closes out once when the issue is closed', async () => {
    const record = await investigation();
    const commentsBefore = postedComments(world).length;
    const without = issueBody()
      .split('\n')
      .filter((line) => !line.includes('10.10.1.11') && !line.includes('10.10.7.8'))
      .join('\n');
    world.sandbox.emulators.github.editIssue(REPO, 5120, { body: without });

    const first = await recheckOpenInvestigations(services, later(HOURS));
    expect(first.resolved[record.id]?.sort()).toEqual(['10.10.1.11', '10.10.7.8']);
    expect(thread().at(-1)).toMatch(
      /Resolved: alcatraz#5120 no longer lists these 2 IPs: 10\.10\.1\.11, 10\.10\.7\.8/,
    );
    const findings = await world.store.listFindings(record.id);
    expect(
      findings
        .filter((f) => f.resolvedAt !== null)
        .map((f) => f.ip)
        .sort(),
    ).toEqual(['10.10.1.11', '10.10.7.8']);
    expect(postedComments(world)).toHaveLength(commentsBefore);

    world.sandbox.emulators.github.editIssue(REPO, 5120, { state: 'closed' });
    const threadBefore = thread().length;
    const second = await recheckOpenInvestigations(services, later(26 * HOURS));
    expect(second.closedOut).toEqual([record.id]);
    const closeOutPosts = thread().slice(threadBefore);
    expect(closeOutPosts).toHaveLength(1);
    expect(closeOutPosts[0]).toMatch(
      /alcatraz#5120 is closed out\*: the gap issue was closed, so all 8 IPs count as resolved, 1 day 2 hours after/,
    );
    const comments = postedComments(world).slice(commentsBefore);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(
      /^<!-- nessus-gap:close-out investigation=\d+ ref=[0-9a-f]{24} -->\n### nessus-gap: closed out/,
    );
    expect(comments[0]?.body).toMatch(
      /All 8 unscanned IPs of this issue are resolved: the gap issue was closed/,
    );
    const resolved = await world.store.getInvestigation(record.id);
    expect(resolved?.status).toBe('resolved');
    expect((await world.store.listFindings(record.id)).every((f) => f.resolvedAt !== null)).toBe(true);

    // Nothing is open any more: the next ticks say nothing; a repeated close-out posts nothing twice.
    await recheckOpenInvestigations(services, later(27 * HOURS));
    const issue = await services.ports.issues.getIssue(REPO, 5120);
    if (!resolved) throw new Error('the investigation vanished');
    await closeOut(services, resolved, issue, 'issue_closed', later(28 * HOURS));
    expect(thread()).toHaveLength(threadBefore + 1);
    expect(postedComments(world)).toHaveLength(commentsBefore + 1);
  });

  it('closes out when the issue lists none of its IPs any more', async () => {
    world.sandbox.emulators.github.editIssue(REPO, 5120, {
      body: 'All machines were scanned in the last cycle.',
    });
    const result = await recheckOpenInvestigations(services, later(HOURS));
    expect(result.closedOut).toEqual([(await investigation()).id]);
    expect(thread().at(-1)).toMatch(/closed out\*: the gap issue no longer lists any of its IPs/);
  });

  it('reminds each open thread of what is still unscanned and for how long', async () => {
    const record = await investigation();
    const first = await remindOpenThreads(services, later(3 * 24 * HOURS + 5 * HOURS));
    expect(Object.keys(first.reminded)).toEqual([String(record.id)]);
    const reminder = world.slack.message(CHANNEL, first.reminded[record.id] ?? '');
    expect(reminder?.thread_ts).toBe(alertTs);
    const text = JSON.stringify(reminder?.blocks);
    expect(text).toMatch(
      /Reminder: 8 IPs are still unscanned on alcatraz#5120, for 3 days 5 hours \(first seen /,
    );
    expect(text).toMatch(/Not in our account \(1\): 10\.10\.1\.11/);
    expect(text).toMatch(/Scanner not ready \(1\): 10\.20\.1\.15/);

    await world.store.markFindingsResolved(record.id, ['10.10.1.11'], later(1000));
    const second = await remindOpenThreads(services, later(4 * 24 * HOURS));
    expect(JSON.stringify(world.slack.message(CHANNEL, second.reminded[record.id] ?? '')?.blocks)).toMatch(
      /7 IPs are still unscanned/,
    );

    const all = (await world.store.listFindings(record.id)).map((f) => f.ip);
    await world.store.markFindingsResolved(record.id, all, later(2000));
    const before = thread().length;
    expect((await remindOpenThreads(services, later(5 * 24 * HOURS))).reminded).toEqual({});
    expect(thread()).toHaveLength(before);
  });

  it('posts scanner health to the health channel on changes only', async () => {
    const HEALTH = 'C0HEALTH';
    const client = world.bot.slack.client;
    const withChannel: AppContext = {
      ...services,
      notifier: createSlackNotifier({
        slack: client,
        identity: slackIdentity(client),
        healthChannel: HEALTH,
      }),
    };
    const posts = () => world.slack.messages(HEALTH).map((m) => JSON.stringify(m.blocks));

    const first = await checkScannerHealth(withChannel, later(0));
    expect(first.scanners.map((s) => [s.name, s.healthy]).sort()).toEqual([
      [PROD, true],
      [STAGE, false],
    ]);
    expect(posts()).toHaveLength(1);
    expect(posts()[0]).toMatch(
      /:red_circle: Nessus scanner \*stage-dal09-infra-nessus-01\* is unhealthy: loading/,
    );

    expect((await checkScannerHealth(withChannel, later(15 * 60_000))).changes).toEqual([]);
    expect(posts()).toHaveLength(1);

    world.sandbox.emulators.nessus.setStatus(STAGE, 'ready');
    await checkScannerHealth(withChannel, later(45 * 60_000));
    expect(posts()).toHaveLength(2);
    expect(posts()[1]).toMatch(
      /:large_green_circle: Nessus scanner \*stage-dal09-infra-nessus-01\* recovered after 45 minutes unhealthy: ready/,
    );

    world.sandbox.emulators.nessus.setStatus(PROD, 'loading');
    await checkScannerHealth(withChannel, later(60 * 60_000));
    await checkScannerHealth(withChannel, later(75 * 60_000));
    expect(posts()).toHaveLength(3);
    expect(posts()[2]).toMatch(/prod-dal09-infra-nessus-01\* is unhealthy: loading \(was ready\)/);
    expect(posts()[2]).not.toMatch(/stage-dal09/);

    const stored = await world.store.listScannerHealth();
    expect(stored.map((s) => [s.name, s.healthy, s.status])).toEqual([
      [PROD, false, expect.stringMatching(/^loading/)],
      [STAGE, true, 'ready'],
    ]);
    // The history keeps each change (the quiet run in between added none).
    const history = await world.store.listScannerHealthChanges(later(-HOURS));
    expect(history.map((c) => [c.name, c.healthy])).toEqual([
      [STAGE, false],
      [STAGE, true],
      [PROD, false],
    ]);
  });

  it('keeps scanner states without posting when no health channel is configured', async () => {
    expect(world.bot.config.schedule.healthChannel).toBeNull();
    const result = await checkScannerHealth(services, later(0));
    expect(result.changes.map((c) => c.name)).toEqual([STAGE]);
    expect(result.postedTs).toBeNull();
    expect(await world.store.listScannerHealth()).toHaveLength(2);
  });
});
