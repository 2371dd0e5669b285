/**
 * Re-check from Slack cannot be multiplied: 150 users pressing Re-check all at once cost what one
 * re-check costs (the first starts it, the others join it and are told so privately), a captured
 * click replayed within its signature window is handled once, and a Re-check pressed while one runs
 * joins it. Figures are printed as `FIGURE` lines for SECURITY.md.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { recheckInvestigation } from '../../../src/app/investigations/recheck.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { CHANNEL, messageWithButton } from '../bot/world-helpers.js';
import { formPayload } from './security-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';
const users = Array.from({ length: 150 }, (_, i) => `U0CLICK${String(i + 1).padStart(3, '0')}`);

describe('re-checks asked from Slack', () => {
  let world: World;
  let alertTs: string;
  beforeAll(async () => {
    world = await startWorld(demo, { latencyMs: 20 });
    alertTs = (await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` })).ts;
    await world.idle();
  });
  afterAll(async () => {
    await world.close();
  });

  const calls = () => world.bot.integrations.counter.snapshot();
  const delta = (before: Record<string, number>, after: Record<string, number>) =>
    Object.fromEntries(Object.keys(after).map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]));
  const slackCalls = (method: string) => world.slack.apiCalls.filter((c) => c.method === method).length;
  const rechecked = () =>
    world.slack
      .thread(CHANNEL, alertTs)
      .filter((m) => m.author === 'bot' && /^:repeat: Re-checked/.test(m.text));

  it('150 concurrent Re-check all clicks from 150 users make the calls of one re-check', async () => {
    const record = await world.store.findInvestigationByThread(CHANNEL, alertTs);
    if (!record) throw new Error('the alert was not investigated');
    // What one re-check costs, run directly (not through Slack).
    const before = calls();
    await recheckInvestigation(world.bot.context, record, { requestedBy: 'U0ALICE' });
    const one = delta(before, calls());
    const threadBefore = rechecked().length;

    const { message, actionId } = messageWithButton(world, 'recheck:all');
    const startCalls = calls();
    const startPosts = slackCalls('chat.postMessage');
    const started = Date.now();
    const responses = await Promise.all(
      users.map((userId) =>
        world.driver.clickButton({
          userId,
          channel: CHANNEL,
          messageTs: message.ts,
          threadTs: alertTs,
          actionId,
        }),
      ),
    );
    await world.idle();
    const flood = delta(startCalls, calls());
    process.stdout.write(
      `FIGURE recheck.flood150 oneRecheck=${JSON.stringify(one)} flood=${JSON.stringify(flood)} threadPosts=${slackCalls('chat.postMessage') - startPosts} ephemerals=${users.filter((u) => world.slack.ephemerals(u).length > 0).length} wallMs=${Date.now() - started}\n`,
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(flood).toEqual(one);
    expect(rechecked().length - threadBefore).toBe(1);
    expect(slackCalls('chat.postMessage') - startPosts).toBe(1);
    // Everyone but the one who started it is told privately, once: theirs joined the running one, or
    // came just after it.
    const answers = users.map((u) => world.slack.ephemerals(u).map((e) => e.text));
    expect(answers.filter((a) => a.length === 0)).toHaveLength(1);
    expect(answers.filter((a) => a.length > 1)).toHaveLength(0);
    const joined = answers.filter((a) => /is running and covers yours/.test(a[0] ?? '')).length;
    const after = answers.filter((a) => /was re-checked less than 30 seconds ago/.test(a[0] ?? '')).length;
    expect(joined + after).toBe(149);
    expect(joined).toBeGreaterThan(0);
    process.stdout.write(`FIGURE recheck.flood150 answers joined=${joined} justAfter=${after}\n`);
  }, 60_000);

  it('a captured click replayed 8 times within the signature window is handled once', async () => {
    const { message, actionId } = messageWithButton(world, 'recheck:all');
    const original = await world.driver.clickButton({
      userId: 'U0BOB',
      channel: CHANNEL,
      messageTs: message.ts,
      threadTs: alertTs,
      actionId,
    });
    await world.idle();
    const answered = world.slack.ephemerals('U0BOB').length;
    const before = { calls: calls(), api: world.slack.apiCalls.length };
    for (let i = 0; i < 8; i++) {
      expect((await world.driver.raw(formPayload(original.payload, { asReplay: true }))).status).toBe(200);
    }
    await world.idle();
    expect(delta(before.calls, calls())).toEqual(
      Object.fromEntries(Object.keys(before.calls).map((k) => [k, 0])),
    );
    expect(world.slack.apiCalls.length).toBe(before.api);
    expect(world.slack.ephemerals('U0BOB')).toHaveLength(answered);
  });

  it('tells a clicker privately when the investigation was re-checked moments ago', async () => {
    const { message, actionId } = messageWithButton(world, 'recheck:all');
    await world.driver.clickButton({
      userId: 'U0MALLORY',
      channel: CHANNEL,
      messageTs: message.ts,
      threadTs: alertTs,
      actionId,
    });
    await world.idle();
    expect(world.slack.ephemerals('U0MALLORY').map((e) => e.text)).toEqual([
      'alchemy-conductors/alcatraz#5120 was re-checked less than 30 seconds ago: its result is in the thread. Press again in a moment if you still need it.',
    ]);
  });
});
