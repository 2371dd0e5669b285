import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { createSlackDriver, type SlackDriver, signSlackRequest } from '../../../sandbox/slack/driver.js';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/slack/index.js';

const SECRET = 'sandbox-signing-secret';
const CHANNEL = 'C0ALERTS';
const FIXED_NOW = 1_764_150_000_000;

/** A stand-in bot: records each request and answers 401 when Bolt's own check rejects the signature. */
interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  path: string;
}

let received: Received[];
let reply: { status: number; body: string; contentType?: string };
let bot: Server;
let slack: SlackEmulator;
let driver: SlackDriver;

beforeEach(async () => {
  received = [];
  reply = { status: 200, body: '' };
  bot = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, body, path: req.url ?? '' });
      const valid = isValidSlackRequest({
        signingSecret: SECRET,
        body,
        headers: {
          'x-slack-signature': String(req.headers['x-slack-signature'] ?? ''),
          'x-slack-request-timestamp': Number(req.headers['x-slack-request-timestamp']),
        },
        nowMilliseconds: FIXED_NOW,
      });
      if (!valid) {
        res.writeHead(401).end();
        return;
      }
      res
        .writeHead(reply.status, reply.contentType ? { 'content-type': reply.contentType } : {})
        .end(reply.body);
    });
  });
  await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
  slack = await startSlackEmulator({
    botToken: 'xoxb-sandbox-token',
    botUserId: 'U0BOT',
    teamId: 'T0001',
    users: { U0ALICE: { name: 'alice' } },
  });
  driver = createSlackDriver({
    botUrl: `http://127.0.0.1:${(bot.address() as AddressInfo).port}`,
    signingSecret: SECRET,
    emulator: slack,
    now: () => FIXED_NOW,
    channelNames: { [CHANNEL]: 'alerts' },
  });
});
afterEach(async () => {
  await slack.close();
  await new Promise<void>((resolve) => bot.close(() => resolve()));
});

const last = (): Received => {
  const request = received.at(-1);
  if (!request) throw new Error('the bot received nothing');
  return request;
};
const payloadOf = (request: Received) =>
  JSON.parse(new URLSearchParams(request.body).get('payload') ?? 'null');

describe('signSlackRequest', () => {
  it("reproduces Slack's published example", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
    expect(signSlackRequest('8f742231b10e8888abcd99yyyzzz85a5', '1531420618', `${body} `)).not.toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('reproduces the self-generated command vector (not Slack-published)', () => {
    const body =
      'token=xyz&team_id=T0001&team_domain=example&channel_id=C0ALERTS&channel_name=alerts&user_id=U0USER&user_name=alice&command=%2Fnessus-gap&text=123&api_app_id=A0APP&is_enterprise_install=false&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0001%2F1%2Fabc&trigger_id=1.2.abc';
    expect(signSlackRequest('test-signing-secret-not-real', 1700000000, body)).toBe(
      'v0=e5587b2a221cbf4fa5e4cb6776a2b2f9230a88376c3fdb41911b1b2f5c5f7dae',
    );
  });
});

describe('Slack driver: slash commands', () => {
  it('sends every field of a real slash command, signed, form-encoded, to /slack/events', async () => {
    const result = await driver.slashCommand({ text: '123', userId: 'U0ALICE', channelId: CHANNEL });
    expect(result.status).toBe(200);
    const request = last();
    expect(request.path).toBe('/slack/events');
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.headers['x-slack-request-timestamp']).toBe(String(FIXED_NOW / 1000));
    expect(request.headers['x-slack-signature']).toBe(
      signSlackRequest(SECRET, FIXED_NOW / 1000, request.body),
    );
    const fields = Object.fromEntries(new URLSearchParams(request.body));
    expect(fields).toEqual({
      token: expect.any(String),
      team_id: 'T0001',
      team_domain: 'sandbox',
      channel_id: CHANNEL,
      channel_name: 'alerts',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/nessus-gap',
      text: '123',
      api_app_id: slack.appId,
      is_enterprise_install: 'false',
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
    });
    expect(result.responseUrl.startsWith(`${slack.url}/response/`)).toBe(true);
  });

  it('shows a non-empty command answer to the user, as Slack does with ack({ text })', async () => {
    reply = {
      status: 200,
      body: JSON.stringify({ text: 'Looking up #123' }),
      contentType: 'application/json',
    };
    await driver.slashCommand({ text: '123', userId: 'U0ALICE', channelId: CHANNEL });
    expect(slack.ephemerals('U0ALICE')).toEqual([
      expect.objectContaining({ text: 'Looking up #123', via: 'command_ack' }),
    ]);
  });
});

describe('Slack driver: events', () => {
  it('records the alert in the emulator, then delivers it as a signed event_callback', async () => {
    const attachments = [
      { fallback: '[Triggered] Nessus scan gap', title: 'Nessus scan gap', text: 'GAP ALERT #123' },
    ];
    const result = await driver.postAlert({ channel: CHANNEL, attachments });
    const stored = slack.message(CHANNEL, result.ts);
    expect(stored).toMatchObject({ author: 'app', bot_id: 'B0PD', username: 'PagerDuty', attachments });
    const request = last();
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-slack-retry-num']).toBeUndefined();
    const envelope = JSON.parse(request.body);
    expect(envelope).toMatchObject({
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: slack.appId,
      event_id: result.eventId,
      event_time: FIXED_NOW / 1000,
      authorizations: [{ team_id: 'T0001', user_id: 'U0BOT', is_bot: true }],
      event: {
        type: 'message',
        channel: CHANNEL,
        channel_type: 'channel',
        bot_id: 'B0PD',
        bot_profile: { id: 'B0PD', app_id: 'A0PD', name: 'PagerDuty' },
        attachments,
        ts: result.ts,
        event_ts: result.ts,
      },
    });
    expect(envelope.event.subtype).toBeUndefined();
    expect(slack.thread(CHANNEL, result.ts)).toHaveLength(1);
  });

  it('redelivers the same event with retry headers for a known event id', async () => {
    const first = await driver.postAlert({ channel: CHANNEL, text: 'alert' });
    const retry = await driver.postAlert({
      channel: CHANNEL,
      text: 'alert',
      eventId: first.eventId,
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.ts).toBe(first.ts);
    expect(slack.messages(CHANNEL)).toHaveLength(1);
    const request = last();
    expect(request.headers['x-slack-retry-num']).toBe('1');
    expect(request.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(JSON.parse(request.body).event_id).toBe(first.eventId);
  });

  it('gives each new alert its own event id and sends the legacy bot_message shape on request', async () => {
    const a = await driver.postAlert({ channel: CHANNEL, text: 'a' });
    const b = await driver.postAlert({ channel: CHANNEL, text: 'b', subtype: 'bot_message' });
    expect(a.eventId).not.toBe(b.eventId);
    const event = JSON.parse(last().body).event;
    expect(event).toMatchObject({ subtype: 'bot_message', bot_id: 'B0PD', username: 'PagerDuty' });
    expect(event.user).toBeUndefined();
  });

  it('delivers message_changed with the new and previous message', async () => {
    const alert = await driver.postAlert({ channel: CHANNEL, text: 'Triggered' });
    const edit = await driver.editMessage({ channel: CHANNEL, ts: alert.ts, text: 'Acknowledged' });
    const event = JSON.parse(last().body).event;
    expect(event).toMatchObject({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: CHANNEL,
      message: { ts: alert.ts, text: 'Acknowledged', edited: { ts: edit.ts } },
      previous_message: { ts: alert.ts, text: 'Triggered' },
    });
    expect(slack.message(CHANNEL, alert.ts)?.text).toBe('Acknowledged');
  });

  it('delivers an arbitrary envelope as is', async () => {
    await driver.deliverEvent(
      { type: 'event_callback', event_id: 'EvCUSTOM', event: { type: 'app_mention' } },
      { retryNum: 2 },
    );
    expect(JSON.parse(last().body)).toEqual({
      type: 'event_callback',
      event_id: 'EvCUSTOM',
      event: { type: 'app_mention' },
    });
    expect(last().headers['x-slack-retry-num']).toBe('2');
  });
});

describe('Slack driver: interactivity', () => {
  const blocks = [
    { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: '*10.0.0.1* unscanned' } },
    {
      type: 'actions',
      block_id: 'gap_actions',
      elements: [
        {
          type: 'button',
          action_id: 'gap_confirm:10.0.0.1',
          value: '10.0.0.1',
          style: 'danger',
          text: { type: 'plain_text', text: 'Confirm' },
        },
      ],
    },
  ];

  it('builds block_actions from the stored message: actions[0] from its blocks, container, response URL', async () => {
    const alert = await driver.postAlert({ channel: CHANNEL, text: 'alert' });
    const posted = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: CHANNEL, thread_ts: alert.ts, text: 'findings', blocks }),
    }).then((response) => response.json() as Promise<{ ts: string }>);

    const result = await driver.clickButton({
      userId: 'U0ALICE',
      channel: CHANNEL,
      messageTs: posted.ts,
      actionId: 'gap_confirm:10.0.0.1',
    });
    expect(result.status).toBe(200);
    const request = last();
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const payload = payloadOf(request);
    expect(payload).toEqual(result.payload);
    expect(payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', team_id: 'T0001' },
      api_app_id: slack.appId,
      team: { id: 'T0001', domain: 'sandbox' },
      container: {
        type: 'message',
        message_ts: posted.ts,
        channel_id: CHANNEL,
        is_ephemeral: false,
        thread_ts: alert.ts,
      },
      channel: { id: CHANNEL, name: 'alerts' },
      message: { ts: posted.ts, thread_ts: alert.ts, text: 'findings', bot_id: slack.botId, blocks },
      response_url: result.responseUrl,
      trigger_id: result.triggerId,
      actions: [
        {
          type: 'button',
          block_id: 'gap_actions',
          action_id: 'gap_confirm:10.0.0.1',
          value: '10.0.0.1',
          style: 'danger',
          text: { type: 'plain_text', text: 'Confirm' },
          action_ts: expect.stringMatching(/^\d+\.\d{6}$/),
        },
      ],
    });
  });

  it('clicks a button on an ephemeral message (no message field, is_ephemeral)', async () => {
    await fetch(`${slack.apiUrl}chat.postEphemeral`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({ channel: CHANNEL, user: 'U0ALICE', text: 'choose', blocks }),
    });
    const [ephemeral] = slack.ephemerals('U0ALICE');
    const result = await driver.clickButton({
      userId: 'U0ALICE',
      channel: CHANNEL,
      messageTs: ephemeral?.ts ?? '',
      actionId: 'gap_confirm:10.0.0.1',
    });
    expect(result.payload.message).toBeUndefined();
    expect(result.payload.container).toMatchObject({ is_ephemeral: true });
  });

  it('refuses to click a message the emulator does not hold', async () => {
    await expect(
      driver.clickButton({ userId: 'U0ALICE', channel: CHANNEL, messageTs: '1.000001', actionId: 'x' }),
    ).rejects.toThrow('no message');
  });

  it('submits an opened view with its private_metadata and the given state values', async () => {
    const trigger = slack.issueTriggerId('U0ALICE');
    await fetch(`${slack.apiUrl}views.open`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-sandbox-token', 'content-type': 'application/json' },
      body: JSON.stringify({
        trigger_id: trigger,
        view: {
          type: 'modal',
          callback_id: 'confirm_gap',
          private_metadata: '{"c":"C0ALERTS"}',
          title: { type: 'plain_text', text: 'Confirm' },
          blocks: [],
        },
      }),
    });
    const [view] = slack.views();
    if (!view) throw new Error('no view opened');
    const values = { reason: { reason_input: { type: 'plain_text_input', value: 'false positive' } } };
    const result = await driver.submitView({ userId: 'U0ALICE', view: view.id, values });
    const payload = payloadOf(last());
    expect(payload).toEqual(result.payload);
    expect(payload).toMatchObject({
      type: 'view_submission',
      user: { id: 'U0ALICE' },
      view: {
        id: view.id,
        callback_id: 'confirm_gap',
        private_metadata: '{"c":"C0ALERTS"}',
        state: { values },
      },
    });
    expect(payload.channel).toBeUndefined();
  });
});

describe('Slack driver: raw requests', () => {
  it('sends a forged signature, a stale timestamp or no signature as asked', async () => {
    expect((await driver.raw({ body: 'a=1', contentType: 'application/x-www-form-urlencoded' })).status).toBe(
      200,
    );
    expect(
      (
        await driver.raw({
          body: 'a=1',
          contentType: 'application/x-www-form-urlencoded',
          signature: 'v0=deadbeef',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await driver.raw({
          body: 'a=1',
          contentType: 'application/x-www-form-urlencoded',
          timestamp: FIXED_NOW / 1000 - 600,
        })
      ).status,
    ).toBe(401);
    const unsigned = await driver.raw({
      body: 'a=1',
      contentType: 'application/x-www-form-urlencoded',
      signature: null,
    });
    expect(unsigned.status).toBe(401);
    expect(last().headers['x-slack-signature']).toBeUndefined();
  });

  it('refuses a bot URL outside loopback', () => {
    expect(() =>
      createSlackDriver({ botUrl: 'http://10.0.0.5:3000', signingSecret: SECRET, emulator: slack }),
    ).toThrow('loopback');
  });
});
