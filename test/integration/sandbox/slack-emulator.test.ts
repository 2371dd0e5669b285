import {
  LogLevel,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebClient,
  type WebClientOptions,
} from '@slack/web-api';
import { type SlackEmulator, startSlackEmulator } from '../../../sandbox/slack/index.js';

const TOKEN = 'xoxb-sandbox-token';
const CHANNEL = 'C0ALERTS';

let slack: SlackEmulator;
let client: WebClient;

/** The WebClient logs every platform error it gets; these tests provoke them on purpose. */
const quiet = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};
const clientFor = (token: string, options: WebClientOptions = {}) =>
  new WebClient(token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: quiet, ...options });

beforeEach(async () => {
  slack = await startSlackEmulator({
    botToken: TOKEN,
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    teamId: 'T0001',
    usergroups: { S0ONCALL: ['U0ALICE', 'U0BOB'] },
    users: { U0ALICE: { name: 'alice', real_name: 'Alice Doe' } },
  });
  client = clientFor(TOKEN);
});
afterEach(() => slack.close());

/** A Web API call as raw HTTP, for wire details the WebClient hides. */
async function rawCall(method: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${slack.url}/api/${method}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

async function platformError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      const data = error.data as unknown as { error: string; response_metadata?: { messages?: string[] } };
      return { error: data.error, messages: data.response_metadata?.messages ?? [] };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const button = (text: string, value: string, actionId = 'act') => ({
  type: 'actions',
  elements: [{ type: 'button', action_id: actionId, text: { type: 'plain_text', text }, value }],
});

describe('Slack emulator: auth', () => {
  it('answers auth.test with the bot identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: 'U0BOT',
      bot_id: 'B0BOT',
      team_id: 'T0001',
      user: 'nessus-gap',
    });
    expect(result.url).toBe('https://slack.sandbox.local/');
  });

  it('refuses a wrong or missing token with invalid_auth in an HTTP 200', async () => {
    const wrong = clientFor('xoxb-sandbox-wrong');
    expect((await platformError(wrong.auth.test())).error).toBe('invalid_auth');
    const missing = await fetch(`${slack.url}/api/auth.test`, { method: 'POST' });
    expect(missing.status).toBe(200);
    expect(await missing.json()).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('accepts the token as a form field, as Bolt sends it for auth.test', async () => {
    const response = await fetch(`${slack.url}/api/auth.test`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${TOKEN}`,
    });
    expect(await response.json()).toMatchObject({ ok: true, user_id: 'U0BOT' });
  });

  it('answers unknown_method for a method it does not serve', async () => {
    expect((await platformError(client.apiCall('chat.scheduleMessage', { channel: CHANNEL }))).error).toBe(
      'unknown_method',
    );
  });
});

describe('Slack emulator: chat.postMessage', () => {
  it('stores the message with unique increasing ts and returns it', async () => {
    const first = await client.chat.postMessage({
      channel: CHANNEL,
      text: 'fallback',
      blocks: [section('*hello*')],
    });
    const second = await client.chat.postMessage({ channel: CHANNEL, text: 'second', thread_ts: first.ts });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({ text: 'fallback', user: 'U0BOT', bot_id: 'B0BOT', ts: first.ts });
    const [parent, reply] = slack.messages(CHANNEL);
    expect(parent).toMatchObject({ ts: first.ts, text: 'fallback', user: 'U0BOT', author: 'bot' });
    expect(parent?.blocks?.[0]).toMatchObject({ type: 'section', text: { text: '*hello*' } });
    expect(typeof parent?.blocks?.[0]?.block_id).toBe('string');
    expect(reply).toMatchObject({ ts: second.ts, thread_ts: first.ts });
  });

  it('sees the blocks the WebClient JSON-stringified into one form field', async () => {
    await client.chat.postMessage({
      channel: CHANNEL,
      text: 't',
      blocks: [section('a'), { type: 'divider' }],
    });
    const call = slack.callsTo('chat.postMessage')[0];
    expect(call?.args.blocks).toEqual([section('a'), { type: 'divider' }]);
    expect(call?.args.token).toBeUndefined();
    expect(call).toMatchObject({ ok: true, status: 200 });
  });

  it('accepts a JSON body', async () => {
    const result = await rawCall('chat.postMessage', JSON.stringify({ channel: CHANNEL, text: 'json' }), {
      'content-type': 'application/json; charset=utf-8',
    });
    expect(result.body).toMatchObject({ ok: true, channel: CHANNEL });
    expect(slack.messages(CHANNEL)[0]?.text).toBe('json');
  });

  it('refuses a message without text, blocks or attachments, and one without channel', async () => {
    expect((await platformError(client.chat.postMessage({ channel: CHANNEL, text: '' }))).error).toBe(
      'no_text',
    );
    expect((await rawCall('chat.postMessage', 'text=hi')).body.error).toBe('channel_not_found');
  });

  it('refuses a reply to an unknown thread', async () => {
    const error = await platformError(
      client.chat.postMessage({ channel: CHANNEL, text: 'x', thread_ts: '1.000100' }),
    );
    expect(error.error).toBe('thread_not_found');
  });

  it('accepts 50 blocks and refuses 51 with invalid_blocks', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => section(`b${i}`));
    await expect(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: fifty }),
    ).resolves.toMatchObject({ ok: true });
    const error = await platformError(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [...fifty, section('x')] }),
    );
    expect(error.error).toBe('invalid_blocks');
    expect(error.messages[0]).toContain('no more than 50 items allowed [json-pointer:/blocks]');
  });

  it('accepts a 3000-character section and refuses 3001', async () => {
    await expect(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [section('x'.repeat(3000))] }),
    ).resolves.toMatchObject({ ok: true });
    const error = await platformError(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [section('x'.repeat(3001))] }),
    );
    expect(error).toEqual({
      error: 'invalid_blocks',
      messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
    });
  });

  it('refuses a button value over 2000 and a button text over 75 characters', async () => {
    await expect(
      client.chat.postMessage({
        channel: CHANNEL,
        text: 't',
        blocks: [button('y'.repeat(75), 'v'.repeat(2000))],
      }),
    ).resolves.toMatchObject({ ok: true });
    const value = await platformError(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [button('ok', 'v'.repeat(2001))] }),
    );
    expect(value.error).toBe('invalid_blocks');
    expect(value.messages[0]).toContain('/blocks/0/elements/0/value');
    const text = await platformError(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [button('y'.repeat(76), 'v')] }),
    );
    expect(text.error).toBe('invalid_blocks');
    expect(text.messages[0]).toContain('/blocks/0/elements/0/text/text');
  });

  it('refuses duplicate block ids, duplicate action ids in a block and a confirm label over 30', async () => {
    const duplicateBlocks = [
      { ...section('a'), block_id: 'same' },
      { ...section('b'), block_id: 'same' },
    ];
    expect(
      (await platformError(client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: duplicateBlocks })))
        .error,
    ).toBe('invalid_blocks');
    const twice = {
      type: 'actions',
      elements: [button('a', '1').elements[0], button('b', '2').elements[0]],
    };
    expect(
      (await platformError(client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [twice] }))).error,
    ).toBe('invalid_blocks');
    const confirm = {
      type: 'actions',
      elements: [
        {
          ...button('Go', '1').elements[0],
          confirm: {
            title: { type: 'plain_text', text: 'Sure?' },
            text: { type: 'plain_text', text: 'Really' },
            confirm: { type: 'plain_text', text: 'y'.repeat(31) },
            deny: { type: 'plain_text', text: 'No' },
          },
        },
      ],
    };
    const error = await platformError(
      client.chat.postMessage({ channel: CHANNEL, text: 't', blocks: [confirm] }),
    );
    expect(error.messages[0]).toContain('/blocks/0/elements/0/confirm/confirm/text');
  });

  it('answers invalid_blocks_format when blocks is not a JSON array', async () => {
    expect((await rawCall('chat.postMessage', `channel=${CHANNEL}&text=t&blocks=notjson`)).body.error).toBe(
      'invalid_blocks_format',
    );
  });

  it('truncates top-level text over 40,000 characters with a warning', async () => {
    const result = await client.chat.postMessage({ channel: CHANNEL, text: 'z'.repeat(40_010) });
    expect(result.ok).toBe(true);
    expect(result.warning).toBe('message_truncated');
    expect(slack.messages(CHANNEL)[0]?.text).toHaveLength(40_000);
  });
});

describe('Slack emulator: rate limit', () => {
  it('answers 429 with Retry-After: 1 for a second post in a channel within a second when enforced', async () => {
    await slack.close();
    slack = await startSlackEmulator({ botToken: TOKEN, enforceRateLimit: true });
    const first = await rawCall('chat.postMessage', `channel=${CHANNEL}&text=1`);
    const second = await rawCall('chat.postMessage', `channel=${CHANNEL}&text=2`);
    const otherChannel = await rawCall('chat.postMessage', 'channel=C0OTHER&text=3');
    expect(first.body.ok).toBe(true);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('1');
    expect(second.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(otherChannel.body.ok).toBe(true);
    expect(slack.messages().map((message) => message.text)).toEqual(['1', '3']);
  });

  it('is what a WebClient that rejects rate-limited calls sees as WebAPIRateLimitedError', async () => {
    await slack.close();
    slack = await startSlackEmulator({ botToken: TOKEN, enforceRateLimit: true });
    const strict = clientFor(TOKEN, { rejectRateLimitedCalls: true });
    await strict.chat.postMessage({ channel: CHANNEL, text: '1' });
    const error = await strict.chat
      .postMessage({ channel: CHANNEL, text: '2' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
  });

  it('does not limit when not enforced', async () => {
    for (const text of ['1', '2', '3']) await client.chat.postMessage({ channel: CHANNEL, text });
    expect(slack.messages(CHANNEL)).toHaveLength(3);
  });
});

describe('Slack emulator: chat.update, postEphemeral, getPermalink', () => {
  it('updates a message and keeps the earlier version', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'v1', blocks: [section('one')] });
    const updated = await client.chat.update({
      channel: CHANNEL,
      ts: posted.ts as string,
      text: 'v2',
      blocks: [section('two')],
    });
    expect(updated).toMatchObject({ ok: true, channel: CHANNEL, ts: posted.ts, text: 'v2' });
    const stored = slack.message(CHANNEL, posted.ts as string);
    expect(stored?.text).toBe('v2');
    expect(stored?.blocks?.[0]).toMatchObject({ text: { text: 'two' } });
    expect(stored?.history).toHaveLength(1);
    expect(stored?.history[0]).toMatchObject({ text: 'v1' });
    expect(stored?.edited?.user).toBe('U0BOT');
  });

  it('answers message_not_found for an unknown ts and validates blocks on update', async () => {
    expect(
      (await platformError(client.chat.update({ channel: CHANNEL, ts: '1.000001', text: 'x' }))).error,
    ).toBe('message_not_found');
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'v1' });
    const error = await platformError(
      client.chat.update({
        channel: CHANNEL,
        ts: posted.ts as string,
        text: 'x',
        blocks: [section('x'.repeat(3001))],
      }),
    );
    expect(error.error).toBe('invalid_blocks');
    expect(slack.message(CHANNEL, posted.ts as string)?.text).toBe('v1');
  });

  it('refuses to update a message another app posted', async () => {
    const alert = slack.addMessage({ channel: CHANNEL, author: 'app', text: 'alert', botId: 'B0PD' });
    expect(
      (await platformError(client.chat.update({ channel: CHANNEL, ts: alert.ts, text: 'mine' }))).error,
    ).toBe('cant_update_message');
  });

  it('records an ephemeral message for one user', async () => {
    const result = await client.chat.postEphemeral({
      channel: CHANNEL,
      user: 'U0ALICE',
      text: 'only you',
      blocks: [section('hi')],
    });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(slack.ephemerals('U0ALICE')).toEqual([
      expect.objectContaining({ channel: CHANNEL, user: 'U0ALICE', text: 'only you', ts: result.message_ts }),
    ]);
    expect(slack.ephemerals('U0BOB')).toEqual([]);
    expect(slack.messages()).toEqual([]);
  });

  it('gives a permalink for a stored message and message_not_found otherwise', async () => {
    const posted = await client.chat.postMessage({ channel: CHANNEL, text: 'x' });
    const result = await client.chat.getPermalink({ channel: CHANNEL, message_ts: posted.ts as string });
    expect(result.permalink).toBe(
      `https://slack.sandbox.local/archives/${CHANNEL}/p${(posted.ts as string).replace('.', '')}`,
    );
    expect(
      (await platformError(client.chat.getPermalink({ channel: CHANNEL, message_ts: '1.000001' }))).error,
    ).toBe('message_not_found');
  });
});

describe('Slack emulator: views', () => {
  const modal = {
    type: 'modal' as const,
    callback_id: 'confirm_gap',
    private_metadata: '{"c":"C0ALERTS"}',
    title: { type: 'plain_text' as const, text: 'Confirm' },
    submit: { type: 'plain_text' as const, text: 'Submit' },
    blocks: [
      {
        type: 'input',
        block_id: 'reason',
        label: { type: 'plain_text', text: 'Reason' },
        element: { type: 'plain_text_input', action_id: 'reason_input' },
      },
    ],
  };

  it('opens a modal with a trigger id it issued, once', async () => {
    const trigger = slack.issueTriggerId('U0ALICE');
    const result = await client.views.open({ trigger_id: trigger, view: modal });
    expect(result.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      callback_id: 'confirm_gap',
      app_id: slack.appId,
    });
    expect(slack.views()).toEqual([
      expect.objectContaining({ id: result.view?.id, user: 'U0ALICE', via: 'views.open' }),
    ]);
    expect((await platformError(client.views.open({ trigger_id: trigger, view: modal }))).error).toBe(
      'exchanged_trigger_id',
    );
    expect((await platformError(client.views.open({ trigger_id: '1.2.unknown', view: modal }))).error).toBe(
      'invalid_trigger_id',
    );
  });

  it('refuses a modal title over 24 characters or a modal with inputs but no submit', async () => {
    const long = await platformError(
      client.views.open({
        trigger_id: slack.issueTriggerId('U0ALICE'),
        view: { ...modal, title: { type: 'plain_text', text: 't'.repeat(25) } },
      }),
    );
    expect(long.error).toBe('invalid_arguments');
    expect(long.messages[0]).toContain('/view/title/text');
    const { submit: _submit, ...noSubmit } = modal;
    const missing = await platformError(
      client.views.open({ trigger_id: slack.issueTriggerId('U0ALICE'), view: noSubmit }),
    );
    expect(missing.messages[0]).toContain('/view/submit');
  });

  it('updates an opened view, checking the hash', async () => {
    const opened = await client.views.open({ trigger_id: slack.issueTriggerId('U0ALICE'), view: modal });
    const id = opened.view?.id as string;
    expect(
      (await platformError(client.views.update({ view_id: id, hash: 'stale', view: modal }))).error,
    ).toBe('hash_conflict');
    const updated = await client.views.update({
      view_id: id,
      hash: opened.view?.hash as string,
      view: { ...modal, title: { type: 'plain_text', text: 'Done' } },
    });
    expect(updated.view?.title).toEqual({ type: 'plain_text', text: 'Done' });
    expect(slack.view(id)?.history).toHaveLength(1);
    expect((await platformError(client.views.update({ view_id: 'V404', view: modal }))).error).toBe(
      'not_found',
    );
  });
});

describe('Slack emulator: views.publish (the Home tab)', () => {
  const home = (text: string, count = 1) => ({
    type: 'home' as const,
    blocks: Array.from({ length: count }, () => ({ type: 'section', text: { type: 'mrkdwn', text } })),
  });

  it('keeps one Home tab per user, the latest published, with the earlier ones in its history', async () => {
    await client.views.publish({ user_id: 'U0ALICE', view: home('first') });
    const second = await client.views.publish({ user_id: 'U0ALICE', view: home('second') });
    expect(second.view?.type).toBe('home');
    const stored = slack.homeView('U0ALICE');
    expect(stored).toMatchObject({ user: 'U0ALICE', via: 'views.publish', id: second.view?.id });
    expect(JSON.stringify(stored?.view)).toContain('second');
    expect(stored?.history).toHaveLength(1);
    expect(slack.homeView('U0BOB')).toBeUndefined();
  });

  it('refuses a view over the limits: 101 blocks, a section over 3000 characters, a modal', async () => {
    await client.views.publish({ user_id: 'U0ALICE', view: home('x', 100) });
    const tooMany = await platformError(client.views.publish({ user_id: 'U0ALICE', view: home('x', 101) }));
    expect(tooMany).toEqual({
      error: 'invalid_arguments',
      messages: ['[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]'],
    });
    const tooLong = await platformError(
      client.views.publish({ user_id: 'U0ALICE', view: home('x'.repeat(3001)) }),
    );
    expect(tooLong.messages).toEqual([
      '[ERROR] must be less than 3001 characters [json-pointer:/view/blocks/0/text/text]',
    ]);
    const modal = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'A' }, blocks: [] };
    expect((await platformError(client.views.publish({ user_id: 'U0ALICE', view: modal }))).error).toBe(
      'invalid_arguments',
    );
    expect(slack.homeView('U0ALICE')?.view.blocks).toHaveLength(100);
  });
});

describe('Slack emulator: files', () => {
  it('takes a filesUploadV2 upload into a thread', async () => {
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'alert' });
    const result = await client.filesUploadV2({
      channel_id: CHANNEL,
      thread_ts: parent.ts as string,
      content: 'ip,finding\n10.0.0.1,unscanned\n',
      filename: 'report.csv',
      title: 'Gap report',
      initial_comment: 'Full report attached',
    });
    expect(result.ok).toBe(true);
    const [file] = slack.files();
    expect(file).toMatchObject({
      filename: 'report.csv',
      title: 'Gap report',
      completed: true,
      channel: CHANNEL,
    });
    expect(file?.content?.toString('utf8')).toBe('ip,finding\n10.0.0.1,unscanned\n');
    expect(file?.declaredLength).toBe(file?.content?.length);
    const thread = slack.thread(CHANNEL, parent.ts as string);
    expect(thread).toHaveLength(2);
    expect(thread[1]).toMatchObject({
      text: 'Full report attached',
      thread_ts: parent.ts,
      files: [{ id: file?.id, title: 'Gap report' }],
    });
  });

  it('keeps a binary upload byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    await client.filesUploadV2({ channel_id: CHANNEL, file: bytes, filename: 'chart.png' });
    const [file] = slack.files();
    expect(file?.content?.equals(bytes)).toBe(true);
    expect(file?.declaredLength).toBe(512);
  });

  it('stores a raw upload body and refuses to complete an upload that sent no bytes', async () => {
    const url = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 5 });
    expect(url.upload_url).toBe(`${slack.url}/upload/${url.file_id}`);
    expect(
      (await platformError(client.files.completeUploadExternal({ files: [{ id: url.file_id as string }] })))
        .error,
    ).toBe('file_not_found');
    const upload = await fetch(url.upload_url as string, { method: 'POST', body: 'hello' });
    expect(upload.status).toBe(200);
    const done = await client.files.completeUploadExternal({
      files: [{ id: url.file_id as string, title: 'A' }],
    });
    expect(done.files?.[0]).toMatchObject({ id: url.file_id, title: 'A' });
    expect(slack.files()[0]?.content?.toString()).toBe('hello');
    expect(slack.messages()).toEqual([]);
  });

  it('answers invalid_arguments when filename or length is missing', async () => {
    expect((await rawCall('files.getUploadURLExternal', 'filename=a.txt')).body.error).toBe(
      'invalid_arguments',
    );
  });
});

describe('Slack emulator: users and user groups', () => {
  it('lists a user group and answers no_such_subteam for an unknown one', async () => {
    expect((await client.usergroups.users.list({ usergroup: 'S0ONCALL' })).users).toEqual([
      'U0ALICE',
      'U0BOB',
    ]);
    expect((await platformError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).error).toBe(
      'no_such_subteam',
    );
  });

  it('describes a user and answers user_not_found for an unknown one', async () => {
    const { user } = await client.users.info({ user: 'U0ALICE' });
    expect(user).toMatchObject({
      id: 'U0ALICE',
      name: 'alice',
      real_name: 'Alice Doe',
      profile: { display_name: 'alice' },
    });
    expect((await platformError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
  });
});

describe('Slack emulator: conversations', () => {
  it('returns a thread parent first, then replies in order, whoever posted them', async () => {
    const alert = slack.addMessage({
      channel: CHANNEL,
      author: 'app',
      text: 'alert',
      botId: 'B0PD',
      username: 'PagerDuty',
    });
    await client.chat.postMessage({ channel: CHANNEL, text: 'unrelated' });
    const first = await client.chat.postMessage({ channel: CHANNEL, thread_ts: alert.ts, text: 'reply 1' });
    slack.addMessage({
      channel: CHANNEL,
      author: 'user',
      user: 'U0ALICE',
      text: 'reply 2',
      threadTs: alert.ts,
    });
    await client.chat.postMessage({ channel: CHANNEL, thread_ts: first.ts as string, text: 'reply 3' });
    const result = await client.conversations.replies({ channel: CHANNEL, ts: alert.ts });
    expect(result.messages?.map((message) => message.text)).toEqual([
      'alert',
      'reply 1',
      'reply 2',
      'reply 3',
    ]);
    expect(result.messages?.[0]).toMatchObject({ reply_count: 3, thread_ts: alert.ts, bot_id: 'B0PD' });
    expect(result.messages?.[3]).toMatchObject({ thread_ts: alert.ts });
    expect(slack.thread(CHANNEL, alert.ts).map((message) => message.text)).toEqual([
      'alert',
      'reply 1',
      'reply 2',
      'reply 3',
    ]);
  });

  it('pages replies with a cursor and answers thread_not_found for an unknown parent', async () => {
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'p' });
    for (const text of ['r1', 'r2'])
      await client.chat.postMessage({ channel: CHANNEL, thread_ts: parent.ts as string, text });
    const page1 = await client.conversations.replies({ channel: CHANNEL, ts: parent.ts as string, limit: 2 });
    expect(page1.messages?.map((message) => message.text)).toEqual(['p', 'r1']);
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.replies({
      channel: CHANNEL,
      ts: parent.ts as string,
      limit: 2,
      cursor: page1.response_metadata?.next_cursor as string,
    });
    expect(page2.messages?.map((message) => message.text)).toEqual(['r2']);
    expect(
      (await platformError(client.conversations.replies({ channel: CHANNEL, ts: '1.000001' }))).error,
    ).toBe('thread_not_found');
  });

  it('lists channel history newest first without thread replies', async () => {
    const a = await client.chat.postMessage({ channel: CHANNEL, text: 'a' });
    await client.chat.postMessage({ channel: CHANNEL, text: 'a-reply', thread_ts: a.ts as string });
    await client.chat.postMessage({ channel: CHANNEL, text: 'b' });
    await client.chat.postMessage({ channel: 'C0OTHER', text: 'elsewhere' });
    const result = await client.conversations.history({ channel: CHANNEL });
    expect(result.messages?.map((message) => message.text)).toEqual(['b', 'a']);
  });
});

describe('Slack emulator: response URLs', () => {
  const post = (url: string, payload: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });

  it('shows a post as an ephemeral reply to the user by default, in the channel when asked', async () => {
    const url = slack.createResponseUrl({ kind: 'command', channel: CHANNEL, user: 'U0ALICE' });
    expect(url).toMatch(new RegExp(`^${slack.url}/response/`));
    expect((await post(url, { text: 'Looking up #123' })).status).toBe(200);
    expect((await post(url, { response_type: 'in_channel', text: 'Everyone sees this' })).status).toBe(200);
    expect(slack.ephemerals('U0ALICE')).toEqual([
      expect.objectContaining({ text: 'Looking up #123', via: 'response_url' }),
    ]);
    expect(slack.messages(CHANNEL)).toEqual([
      expect.objectContaining({ text: 'Everyone sees this', author: 'bot' }),
    ]);
  });

  it('replaces or deletes the clicked message', async () => {
    const posted = await client.chat.postMessage({
      channel: CHANNEL,
      text: 'with buttons',
      blocks: [button('Go', '1')],
    });
    const ts = posted.ts as string;
    const url = slack.createResponseUrl({ kind: 'action', channel: CHANNEL, user: 'U0ALICE', messageTs: ts });
    await post(url, { replace_original: true, text: 'done', blocks: [section('Done by alice')] });
    expect(slack.message(CHANNEL, ts)).toMatchObject({
      text: 'done',
      history: [expect.objectContaining({ text: 'with buttons' })],
    });
    await post(url, { delete_original: true });
    expect(slack.message(CHANNEL, ts)).toBeUndefined();
    expect(slack.messages(CHANNEL)[0]?.deleted).toBe(true);
  });

  it('allows five uses and answers 404 for an unknown URL', async () => {
    const url = slack.createResponseUrl({ kind: 'command', channel: CHANNEL, user: 'U0ALICE' });
    const statuses: number[] = [];
    for (let use = 0; use < 6; use += 1) statuses.push((await post(url, { text: `use ${use}` })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect((await post(`${slack.url}/response/R404`, { text: 'x' })).status).toBe(404);
  });

  it('refuses invalid blocks with a 400', async () => {
    const url = slack.createResponseUrl({ kind: 'command', channel: CHANNEL, user: 'U0ALICE' });
    const response = await post(url, { blocks: [section('x'.repeat(3001))] });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('invalid_blocks');
  });
});

describe('Slack emulator: faults and reset', () => {
  it('fails with 429, fatal_error, 500 and hangs when faultRate is set', async () => {
    await slack.close();
    slack = await startSlackEmulator({ botToken: TOKEN, faultRate: 1, seed: 7 });
    const seen = new Set<string>();
    for (let call = 0; call < 16; call += 1) {
      const index = slack.calls.length;
      const controller = new AbortController();
      const watch = setInterval(() => {
        if (slack.calls[index]?.status === 'hang') controller.abort();
      }, 5);
      try {
        const response = await fetch(`${slack.url}/api/auth.test`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}` },
          signal: controller.signal,
        });
        const text = await response.text();
        if (response.status === 429) {
          expect(response.headers.get('retry-after')).toBe('1');
          seen.add('429');
        } else if (response.status === 200) {
          expect(JSON.parse(text)).toEqual({ ok: false, error: 'fatal_error' });
          seen.add('fatal_error');
        } else {
          seen.add(String(response.status));
        }
      } catch {
        seen.add(controller.signal.aborted ? 'hang' : 'reset');
      } finally {
        clearInterval(watch);
      }
    }
    expect([...seen].sort()).toEqual(['429', '500', 'fatal_error', 'hang']);
    expect(slack.callsTo('auth.test')).toHaveLength(16);
  });

  it('forgets everything on reset', async () => {
    await client.chat.postMessage({ channel: CHANNEL, text: 'x' });
    await client.chat.postEphemeral({ channel: CHANNEL, user: 'U0ALICE', text: 'y' });
    slack.reset();
    expect(slack.messages()).toEqual([]);
    expect(slack.ephemerals()).toEqual([]);
    expect(slack.calls).toEqual([]);
    expect(slack.callsTo('chat.postMessage')).toEqual([]);
  });
});
