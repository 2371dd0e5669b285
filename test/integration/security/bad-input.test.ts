/**
 * Malformed input from Slack, each sent signed through the driver as Slack would deliver it: slash
 * command text, button payloads and values, modal submissions and events. Each gets a clear private
 * answer, or is dropped with a log line, and nothing changes anywhere. Buttons from old messages (the
 * bot restarted with a fresh store, the target resolved, the issue closed) are answered gracefully.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import {
  type CapturedLog,
  CHANNEL,
  captureLog,
  ephemeralTexts,
  FORM,
  fingerprint,
  formPayload,
  ISSUE_URL,
} from './security-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');

/** The first bot message with a button whose action id starts with `prefix`, and that button. */
function buttonOf(world: World, prefix: string) {
  for (const message of world.slack.messages(CHANNEL)) {
    for (const block of (message.blocks ?? []) as { elements?: { action_id?: string; value?: string }[] }[]) {
      for (const element of block.elements ?? []) {
        if (element.action_id?.startsWith(prefix))
          return { message, actionId: element.action_id, value: element.value ?? '' };
      }
    }
  }
  throw new Error(`no ${prefix} button`);
}

/** A block_actions payload as the driver builds it for a real click, for the tests to spoil. */
async function clickPayload(world: World, prefix: string): Promise<Record<string, unknown>> {
  const { message, actionId } = buttonOf(world, prefix);
  // A click whose answer is discarded would act: record a real payload from a refused click instead.
  const refused = await world.driver.clickButton({
    userId: 'U0MALLORY',
    channel: CHANNEL,
    messageTs: message.ts,
    actionId,
    ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
  });
  return refused.payload;
}

describe('malformed input', () => {
  let world: World;
  let log: CapturedLog;
  let before: string;
  beforeAll(async () => {
    log = captureLog();
    world = await startWorld(demo, { logger: log.logger });
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
  });
  afterAll(async () => {
    await world.close();
  });
  beforeEach(async () => {
    before = await fingerprint(world);
  });
  afterEach(async () => {
    await world.idle();
    // The world outside, the thread and the store are exactly as before (refused clicks are audited,
    // and mallory's set-up click is the only one; it happens before `before` is taken).
    expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
  });

  it.each([
    ['empty', '', /investigates a Nessus scan gap issue/],
    ['blank', '   \t ', /investigates a Nessus scan gap issue/],
    ['unknown word', 'frobnicate', /is not something I understand/],
    ['too long', `5120 ${'x'.repeat(5000)}`, /too long for a command/],
    ['zero', '#0', /is not something I understand/],
    ['negative', '-1', /is not something I understand/],
    ['huge number', '99999999999999999999999', /is not something I understand/],
    ['two issues', '5120 5121', /is not something I understand/],
    ['another repository', 'https://github.ibm.com/evil/repo/issues/5120', /is not something I understand/],
    ['a mention', '<!channel>', /&lt;!channel&gt;" is not something I understand/],
    ['shell', '5120; rm -rf /', /is not something I understand/],
    ['substitution', '$(reboot)', /is not something I understand/],
    ['control characters', '\u0000\u202e5120', /is not something I understand/],
    ['recheck without issue', 'recheck', /recheck needs one issue/],
    ['recheck of junk', 'recheck ../../etc/passwd', /recheck needs one issue/],
    ['status with junk', 'status --all', /is not something I understand/],
  ])('answers a slash command with %s text privately and clearly', async (_name, text, answer) => {
    const response = await world.driver.slashCommand({ text, userId: 'U0BOB', channelId: CHANNEL });
    expect(response.status).toBe(200);
    expect(`${response.body}\n${ephemeralTexts(world, 'U0BOB')}`).toMatch(answer);
    expect(response.body).not.toMatch(/<!channel>/);
  });

  it('answers an issue that does not exist privately', async () => {
    await world.driver.slashCommand({ text: '#99999', userId: 'U0BOB', channelId: CHANNEL });
    await world.idle();
    expect(ephemeralTexts(world, 'U0BOB')).toMatch(/alcatraz#99999 was not found/);
  });

  it('drops slash command bodies without a user or a channel, with a clear answer and a log line', async () => {
    for (const body of [
      'command=%2Fnessus-gap&text=5120',
      'token=x&team_id=T0SANDBOX&user_id=U0BOB&command=%2Fnessus-gap&text=5120',
      'token=x&team_id=T0SANDBOX&user_id=..%2F..&channel_id=C0ALERTS&command=%2Fnessus-gap&text=5120',
    ]) {
      const response = await world.driver.raw({ body, contentType: FORM });
      expect(response.status).toBe(200);
      expect(response.body).toMatch(/arrived incomplete from Slack; nothing was done/);
    }
    expect(log.lines().filter((l) => l.includes('malformed slash command dropped'))).toHaveLength(3);
    // A body that is no slash command at all matches no listener: never acknowledged, never processed.
    expect((await world.driver.raw({ body: 'not a form \u0000', contentType: FORM })).status).toBe(404);
  });

  it('drops block_actions payloads that are not what Slack sends, with a log line', async () => {
    const real = await clickPayload(world, 'mark_notalchemy:');
    before = await fingerprint(world);
    const spoiled: unknown[] = [
      { ...real, actions: [] },
      { ...real, user: { id: 'mallory; DROP TABLE actions' } },
      { ...real, channel: { id: '../../etc' } },
      { ...real, message: { ts: 'yesterday' } },
    ];
    const dropsBefore = log.lines().filter((l) => l.includes('malformed button click dropped')).length;
    for (const payload of spoiled) {
      const response = await world.driver.raw(formPayload(payload));
      expect(response.status).toBeLessThan(500);
    }
    expect(
      (await world.driver.raw({ body: 'payload=%7Bnot%20json', contentType: FORM })).status,
    ).toBeLessThan(500);
    await world.idle();
    const drops = log.lines().filter((l) => l.includes('malformed button click dropped')).length;
    // Without an action Bolt matches no listener (never acknowledged); the others reach ours and zod drops them.
    expect(drops - dropsBefore).toBe(spoiled.length - 1);
  });

  it.each([
    ['no value', undefined, /carries no value/],
    ['a value that is not JSON', '{"i":', /not JSON/],
    ['a value with the wrong fields', '{"i":"1","r":5,"n":-3}', /malformed/],
    [
      'a value with extra fields',
      '{"i":1,"r":"alchemy-conductors/alcatraz","n":5120,"admin":true}',
      /malformed/,
    ],
    ['a value of another repository', '{"r":"evil/repo","n":5120}', /investigation I no longer have/],
    ['an action id naming no target', 'mark_notalchemy:', /names no target/],
  ])('answers a click with %s privately, changing nothing', async (_name, value, answer) => {
    const { message, actionId } = buttonOf(world, 'mark_notalchemy:');
    const spoiledActionId = value === 'mark_notalchemy:' ? 'mark_notalchemy:' : actionId;
    const spoiledValue = value === 'mark_notalchemy:' ? undefined : value;
    const payload = await clickPayload(world, 'mark_notalchemy:');
    before = await fingerprint(world);
    const actions = [
      {
        type: 'button',
        action_id: spoiledActionId,
        block_id: 'x',
        action_ts: '1.2',
        ...(spoiledValue === undefined ? {} : { value: spoiledValue }),
      },
    ];
    if (value === 'mark_notalchemy:') {
      const real = buttonOf(world, 'mark_notalchemy:');
      actions[0] = { ...actions[0], value: real.value } as (typeof actions)[number];
    }
    const ephemeralsBefore = world.slack.ephemerals('U0ALICE').length;
    await world.driver.raw(
      formPayload({
        ...payload,
        user: { id: 'U0ALICE', username: 'alice' },
        actions,
        message: { ...(payload.message as object), ts: message.ts },
      }),
    );
    await world.idle();
    const answers = world.slack.ephemerals('U0ALICE').slice(ephemeralsBefore);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.text).toMatch(answer);
  });

  it('drops a modal submission it did not open, with a log line', async () => {
    for (const metadata of [
      '',
      'not json',
      '{"i":1,"a":"power_on","ips":["10.10.1.11"],"c":"C0ALERTS","ts":"1.2","id":"x"}',
    ]) {
      await world.driver.raw(
        formPayload({
          type: 'view_submission',
          team: { id: 'T0SANDBOX', domain: 'sandbox' },
          user: { id: 'U0ALICE', username: 'alice', name: 'alice', team_id: 'T0SANDBOX' },
          api_app_id: world.slack.appId,
          view: {
            id: 'V0FORGED',
            type: 'modal',
            callback_id: 'manual_action_done',
            private_metadata: metadata,
            state: { values: {} },
          },
        }),
      );
    }
    await world.idle();
    expect(log.lines().filter((l) => l.includes('malformed manual-mode submission dropped'))).toHaveLength(3);
  });

  it('drops events of an unexpected shape, with a log line, and starts nothing', async () => {
    const text = `GAP ALERT ${ISSUE_URL.replace('5120', '5121')}`;
    const shapes: Record<string, unknown>[] = [
      { type: 'message', channel: '../etc', ts: '1.2', text },
      { type: 'message', channel: CHANNEL, ts: 'now', text },
      { type: 'message', channel: CHANNEL, ts: '1.2', text: { evil: true } },
      { type: 'message', channel: CHANNEL, ts: '1.2', text, attachments: 'not a list' },
    ];
    const ignoredBefore = log.lines().filter((l) => l.includes('message event ignored')).length;
    for (const [index, event] of shapes.entries()) {
      const response = await world.driver.deliverEvent({
        token: 'sandbox-verification-token',
        team_id: 'T0SANDBOX',
        api_app_id: world.slack.appId,
        type: 'event_callback',
        event_id: `Ev0BAD${index}`,
        event_time: Math.floor(Date.now() / 1000),
        event,
      });
      expect(response.status).toBe(200);
    }
    for (const body of [
      '{"type":"event_callback"}',
      '{"type":"event_callback","event":null}',
      '[1,2,3]',
      '{',
    ]) {
      expect((await world.driver.raw({ body, contentType: 'application/json' })).status).toBeLessThan(500);
    }
    await world.idle();
    expect(log.lines().filter((l) => l.includes('message event ignored')).length - ignoredBefore).toBe(
      shapes.length,
    );
  });
});

describe('buttons of old messages', () => {
  it('explains privately when the bot restarted with a fresh store, and does nothing', async () => {
    const first = await startWorld(demo);
    let blocks: unknown[];
    let actionId: string;
    try {
      await first.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
      await first.idle();
      const button = buttonOf(first, 'mark_notalchemy:');
      blocks = button.message.blocks ?? [];
      actionId = button.actionId;
    } finally {
      await first.close();
    }
    const second = await startWorld(demo);
    try {
      const old = second.slack.addMessage({
        channel: CHANNEL,
        author: 'app',
        botId: second.slack.botId,
        text: 'old',
        blocks: blocks as never,
      });
      const before = await fingerprint(second);
      await second.driver.clickButton({ userId: 'U0ALICE', channel: CHANNEL, messageTs: old.ts, actionId });
      await second.idle();
      expect(ephemeralTexts(second, 'U0ALICE')).toMatch(
        /belongs to an investigation I no longer have \(alchemy-conductors\/alcatraz#5120\): run `\/nessus-gap 5120` again/,
      );
      expect(JSON.parse(await fingerprint(second))).toEqual(JSON.parse(before));
    } finally {
      await second.close();
    }
  });

  describe('in a running bot', () => {
    let world: World;
    beforeEach(async () => {
      world = await startWorld(demo);
      await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
      await world.idle();
    });
    afterEach(async () => {
      await world.close();
    });

    it('explains privately when the target was resolved since, and does nothing', async () => {
      const { message, actionId, value } = buttonOf(world, 'mark_notalchemy:');
      const { i, ip } = JSON.parse(value) as { i: number; ip: string };
      await world.store.markFindingsResolved(i, [ip]);
      const before = await fingerprint(world);
      await world.driver.clickButton({
        userId: 'U0ALICE',
        channel: CHANNEL,
        messageTs: message.ts,
        actionId,
      });
      await world.idle();
      expect(ephemeralTexts(world, 'U0ALICE')).toMatch(/is not a target .* \(it may be resolved already\)/);
      expect(world.sandbox.emulators.inventory.state().history).toHaveLength(0);
      expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
    });

    it('explains privately when the whole issue was closed out, even for a bulk of the category', async () => {
      const { message, actionId, value } = buttonOf(world, 'mark_notalchemy:');
      const { i } = JSON.parse(value) as { i: number };
      const findings = (await world.store.listFindings(i)).map((f) => f.finding);
      await world.store.markFindingsResolved(
        i,
        findings.map((f) => f.ip),
      );
      await world.store.updateInvestigation(i, { status: 'resolved', finishedAt: new Date() });
      const before = await fingerprint(world);
      await world.driver.clickButton({
        userId: 'U0ALICE',
        channel: CHANNEL,
        messageTs: message.ts,
        actionId,
      });
      await world.driver.clickButton({
        userId: 'U0ALICE',
        channel: CHANNEL,
        messageTs: message.ts,
        actionId: 'mark_notalchemy:bulk:not_in_account',
        value: JSON.stringify({ i, r: 'alchemy-conductors/alcatraz', n: 5120, c: 'not_in_account' }),
      });
      await world.idle();
      const told = ephemeralTexts(world, 'U0ALICE');
      expect(told).toMatch(/it may be resolved already/);
      expect(told).toMatch(/no target of alchemy-conductors\/alcatraz#5120 is left in that category/);
      expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
    });
  });
});
