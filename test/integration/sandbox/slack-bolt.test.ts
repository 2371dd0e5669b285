/**
 * The emulator and the driver against a real Bolt app over HTTP: Bolt accepts the driver's
 * signatures and payloads, and its WebClient (through clientOptions.slackApiUrl) lands in the emulator.
 */

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type BlockButtonAction, LogLevel } from '@slack/bolt';
import { createSlackDriver, type SlackDriver } from '../../../sandbox/slack/driver.js';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/slack/index.js';

const TOKEN = 'xoxb-sandbox-bolt';
const SECRET = 'sandbox-signing-secret';
const CHANNEL = 'C0ALERTS';

let slack: SlackEmulator;
let app: App;
let driver: SlackDriver;

async function eventually(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

beforeEach(async () => {
  slack = await startSlackEmulator({
    botToken: TOKEN,
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    users: { U0ALICE: { name: 'alice' } },
  });
  app = new App({
    token: TOKEN,
    signingSecret: SECRET,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  app.command('/nessus-gap', async ({ ack, respond, client, command }) => {
    await ack();
    await client.views.open({
      trigger_id: command.trigger_id,
      view: {
        type: 'modal',
        callback_id: 'confirm_gap',
        private_metadata: JSON.stringify({ c: command.channel_id }),
        title: { type: 'plain_text', text: 'Confirm' },
        submit: { type: 'plain_text', text: 'Submit' },
        blocks: [
          {
            type: 'input',
            block_id: 'reason',
            label: { type: 'plain_text', text: 'Reason' },
            element: { type: 'plain_text_input', action_id: 'reason_input' },
          },
        ],
      },
    });
    await respond({ text: `Looking up ${command.text}` });
  });
  app.event('message', async ({ event, client }) => {
    const message = event as { bot_id?: string; ts: string; thread_ts?: string; channel: string };
    if (message.bot_id !== 'B0PD' || message.thread_ts) return;
    await client.chat.postMessage({
      channel: message.channel,
      thread_ts: message.ts,
      text: 'Investigating',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'One unscanned target' } },
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'gap_confirm:10.0.0.1',
              value: '10.0.0.1',
              text: { type: 'plain_text', text: 'Confirm' },
            },
          ],
        },
      ],
    });
    await client.filesUploadV2({
      channel_id: message.channel,
      thread_ts: message.ts,
      content: 'report',
      filename: 'r.txt',
    });
  });
  app.action<BlockButtonAction>(/^gap_confirm/, async ({ ack, respond, action, body }) => {
    await ack();
    await respond({ replace_original: true, text: `Confirmed ${action.value} by ${body.user.id}` });
  });
  app.view('confirm_gap', async ({ ack, view, client, body }) => {
    await ack();
    const meta = JSON.parse(view.private_metadata) as { c: string };
    const reason = view.state.values.reason?.reason_input?.value ?? '';
    await client.chat.postEphemeral({ channel: meta.c, user: body.user.id, text: `Reason: ${reason}` });
  });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  driver = createSlackDriver({
    botUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    signingSecret: SECRET,
    emulator: slack,
  });
});
afterEach(async () => {
  await app.stop();
  await slack.close();
});

describe('Slack emulator and driver with a Bolt app', () => {
  it('runs alert -> threaded reply with a file -> click -> replace_original', async () => {
    const alert = await driver.postAlert({
      channel: CHANNEL,
      attachments: [{ fallback: 'Nessus scan gap', title: 'GAP #123' }],
    });
    expect(alert.status).toBe(200);
    await eventually(() => slack.thread(CHANNEL, alert.ts).length === 3, 'the reply and the file');
    const [, reply, fileMessage] = slack.thread(CHANNEL, alert.ts);
    expect(reply).toMatchObject({ text: 'Investigating', author: 'bot', user: 'U0BOT' });
    expect(fileMessage?.files?.[0]?.name).toBe('r.txt');
    expect(slack.files()[0]?.content?.toString()).toBe('report');

    const click = await driver.clickButton({
      userId: 'U0ALICE',
      channel: CHANNEL,
      messageTs: reply?.ts ?? '',
      actionId: 'gap_confirm:10.0.0.1',
    });
    expect(click.status).toBe(200);
    await eventually(
      () => slack.message(CHANNEL, reply?.ts ?? '')?.text === 'Confirmed 10.0.0.1 by U0ALICE',
      'the replacement',
    );
    expect(slack.message(CHANNEL, reply?.ts ?? '')?.history).toHaveLength(1);
  });

  it('runs slash command -> modal -> submission', async () => {
    const command = await driver.slashCommand({ text: '123', userId: 'U0ALICE', channelId: CHANNEL });
    expect(command.status).toBe(200);
    await eventually(() => slack.ephemerals('U0ALICE').length === 1, 'the response URL reply');
    expect(slack.ephemerals('U0ALICE')[0]?.text).toBe('Looking up 123');
    const [view] = slack.views();
    expect(view).toMatchObject({ user: 'U0ALICE', view: { callback_id: 'confirm_gap' } });

    const submitted = await driver.submitView({
      userId: 'U0ALICE',
      view: view ?? '',
      values: { reason: { reason_input: { type: 'plain_text_input', value: 'decommissioned' } } },
    });
    expect(submitted.status).toBe(200);
    await eventually(() => slack.ephemerals('U0ALICE').length === 2, 'the submission reply');
    expect(slack.ephemerals('U0ALICE')[1]).toMatchObject({
      channel: CHANNEL,
      text: 'Reason: decommissioned',
    });
  });

  it('is refused by Bolt with 401 when the signature is forged or the timestamp stale', async () => {
    const body = JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'message' } });
    expect((await driver.raw({ body, contentType: 'application/json', signature: 'v0=00' })).status).toBe(
      401,
    );
    const stale = Math.floor(Date.now() / 1000) - 600;
    expect((await driver.raw({ body, contentType: 'application/json', timestamp: stale })).status).toBe(401);
    expect((await driver.raw({ body, contentType: 'application/json' })).status).toBe(200);
  });
});
