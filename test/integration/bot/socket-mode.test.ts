/**
 * Socket Mode (SLACK_APP_TOKEN): the bot opens its connection through `apps.connections.open` on the
 * configured Slack API URL, receives a slash command and an alert post as envelopes over a WebSocket
 * on 127.0.0.1, acknowledges each within Slack's 3 s, and answers in the thread as over HTTP.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { eventEnvelope, messageEvent, slashCommandForm } from '../../../sandbox/slack/payloads.js';
import type { SocketModeServer } from '../../../sandbox/slack/socket-mode.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { botReplies, CHANNEL, postedComments } from './world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';

describe('the bot in Socket Mode', () => {
  let world: World;
  let socket: SocketModeServer;
  beforeEach(async () => {
    world = await startWorld(demo, { socketMode: true });
    if (!world.slack.socketMode) throw new Error('the emulator has no Socket Mode server');
    socket = world.slack.socketMode;
    await socket.waitForConnection();
  });
  afterEach(async () => {
    await world.close();
  });

  it('connects through the configured Slack API URL with the app-level token', () => {
    expect(world.config.slack.socketMode).toBe(true);
    const opens = world.slack.callsTo('apps.connections.open');
    expect(opens.map((c) => c.ok)).toEqual([true]);
    expect(socket.connections()).toBe(1);
  });

  it('acks a slash command envelope at once, then investigates in a new thread', async () => {
    const team = { id: world.slack.teamId, domain: world.slack.teamDomain };
    const payload = Object.fromEntries(
      new URLSearchParams(
        slashCommandForm({
          team,
          appId: world.slack.appId,
          channelId: CHANNEL,
          channelName: 'alerts',
          userId: 'U0ALICE',
          userName: 'alice',
          command: '/nessus-gap',
          text: '5120',
          responseUrl: world.slack.createResponseUrl({ kind: 'command', channel: CHANNEL, user: 'U0ALICE' }),
          triggerId: world.slack.issueTriggerId('U0ALICE'),
        }),
      ),
    );
    const ack = await socket.deliver('slash_commands', payload);
    expect(ack.ms).toBeLessThan(3000);
    await world.idle();
    const roots = world.slack.messages(CHANNEL).filter((m) => m.author === 'bot' && !m.thread_ts);
    expect(roots).toHaveLength(1);
    expect(roots[0]?.text).toMatch(/alcatraz#5120: 8 unscanned IPs/);
    expect(botReplies(world, roots[0]?.ts ?? '').length).toBeGreaterThan(1);
    expect(postedComments(world)).toHaveLength(1);
  });

  it('answers an alert post delivered as an events_api envelope, in its thread, once', async () => {
    const team = { id: world.slack.teamId, domain: world.slack.teamDomain };
    const alert = world.slack.addMessage({
      channel: CHANNEL,
      author: 'app',
      text: `GAP ALERT - unscanned machines require investigation ${ISSUE_URL}`,
      user: 'U0PAGERDUTY',
      botId: 'B0PD',
      appId: 'A0PD',
      username: 'PagerDuty',
    });
    const envelope = eventEnvelope(world.slack, team, messageEvent(world.slack, alert), 'EvSOCKET0001', 1);
    await socket.deliver('events_api', envelope);
    // Slack redelivers an event it thinks was lost: the bot answers it once.
    await socket.deliver('events_api', envelope);
    await world.idle();
    const replies = botReplies(world, alert.ts);
    expect(replies[0]?.text).toMatch(/alcatraz#5120: 8 unscanned IPs/);
    expect(world.slack.messages(CHANNEL).filter((m) => m.author === 'bot' && !m.thread_ts)).toHaveLength(0);
    expect(postedComments(world)).toHaveLength(1);
  });
});
