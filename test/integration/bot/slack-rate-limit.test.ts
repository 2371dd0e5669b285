/**
 * Slack allows about one chat.postMessage per second per channel (with short bursts) and answers
 * more with HTTP 429 and Retry-After. A 429 in the middle of a thread must cost time only: every
 * reply arrives, in the order the bot meant, as in a thread posted without any limit.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld } from '../../../src/cli/world.js';
import { botReplies, CHANNEL } from './world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');

async function threadOf(slackRateLimit: boolean) {
  const world = await startWorld(demo, { slackRateLimit });
  try {
    await world.driver.slashCommand({ text: '#5120', userId: 'U0ALICE', channelId: CHANNEL });
    await world.idle(90_000);
    const [root] = world.slack.messages(CHANNEL).filter((m) => m.author === 'bot' && !m.thread_ts);
    if (!root) throw new Error('the bot posted no thread root');
    const limited = world.slack.callsTo('chat.postMessage').filter((c) => c.status === 429).length;
    return { replies: botReplies(world, root.ts).map((m) => m.text), limited };
  } finally {
    await world.close();
  }
}

describe('a Slack rate limit in the middle of a thread', () => {
  it('keeps the order of the replies and loses none', async () => {
    const free = await threadOf(false);
    const limited = await threadOf(true);
    expect(free.limited).toBe(0);
    // The limit did strike, more than once, in the middle of the thread.
    expect(limited.limited).toBeGreaterThan(1);
    expect(free.replies.length).toBeGreaterThanOrEqual(7);
    expect(limited.replies).toEqual(free.replies);
  }, 120_000);
});
