/**
 * `/nessus-gap status` and the "already being investigated" answers link to a thread only where the
 * asker may see it: from the thread's own channel, or when that channel is public. A thread in a
 * private channel asked about from a direct message or another channel is "in a private channel",
 * without its link or channel.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';
const SECRET = 'C0SECRET';
const PUBLIC = 'C0ALERTS';
const DM = 'D0BOBDM';

describe('threads in private channels', () => {
  let world: World;
  let secretTs: string;
  beforeAll(async () => {
    world = await startWorld(demo, { privateChannels: [SECRET] });
    secretTs = (await world.driver.postAlert({ channel: SECRET, text: `GAP ALERT ${ISSUE_URL}` })).ts;
    await world.idle();
  });
  afterAll(async () => {
    await world.close();
  });

  const answersTo = async (user: string, run: () => Promise<unknown>) => {
    const before = world.slack.ephemerals(user).length;
    await run();
    await world.idle();
    return world.slack
      .ephemerals(user)
      .slice(before)
      .map((e) => e.text)
      .join('\n');
  };
  const secretLink = () => secretTs.replace('.', '');

  it('status from a direct message names the thread as in a private channel, without its link', async () => {
    const text = await answersTo('U0BOB', () =>
      world.driver.slashCommand({ text: 'status', userId: 'U0BOB', channelId: DM }),
    );
    expect(text).toMatch(/alchemy-conductors\/alcatraz#5120: open \(in a private channel\)/);
    expect(text).not.toContain(secretLink());
    expect(text).not.toContain(SECRET);
  });

  it('"already being investigated" from a public channel does not link the private thread', async () => {
    const command = await answersTo('U0BOB', () =>
      world.driver.slashCommand({ text: '5120', userId: 'U0BOB', channelId: PUBLIC }),
    );
    expect(command).toMatch(/already being investigated \(in a private channel\)/);
    expect(command).not.toContain(secretLink());
    const alert = await world.driver.postAlert({ channel: PUBLIC, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const reply = world.slack.thread(PUBLIC, alert.ts).find((m) => m.author === 'bot');
    expect(reply?.text).toMatch(/already being investigated \(in a private channel\)\.$/);
    expect(reply?.text).not.toContain(secretLink());
  });

  it('from the private channel itself, status links the thread', async () => {
    const text = await answersTo('U0ALICE', () =>
      world.driver.slashCommand({ text: 'status', userId: 'U0ALICE', channelId: SECRET }),
    );
    expect(text).toContain(secretLink());
  });
});

describe('threads in public channels', () => {
  it('are linked from anywhere, a direct message included', async () => {
    const world = await startWorld(demo);
    try {
      const alert = await world.driver.postAlert({ channel: PUBLIC, text: `GAP ALERT ${ISSUE_URL}` });
      await world.idle();
      await world.driver.slashCommand({ text: 'status', userId: 'U0BOB', channelId: DM });
      await world.idle();
      const text = world.slack
        .ephemerals('U0BOB')
        .map((e) => e.text)
        .join('\n');
      expect(text).toContain(alert.ts.replace('.', ''));
    } finally {
      await world.close();
    }
  });
});
