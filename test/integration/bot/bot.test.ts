/**
 * The Slack bot end to end over real HTTP: signed requests into Bolt, the Web API answered by the
 * Slack emulator, every other system by the sandbox. Nothing leaves 127.0.0.1.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { aliceClicks, botReplies, CHANNEL, messageWithButton, postedComments } from './world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';

describe('the bot', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld(demo);
  });
  afterEach(async () => {
    await world.close();
  });

  it('answers /nessus-gap N at once, then investigates in a new thread and comments on the issue', async () => {
    const started = Date.now();
    const response = await world.driver.slashCommand({
      text: '#5120',
      userId: 'U0ALICE',
      channelId: CHANNEL,
    });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500);
    await world.idle();
    const roots = world.slack.messages(CHANNEL).filter((m) => m.author === 'bot' && !m.thread_ts);
    expect(roots).toHaveLength(1);
    const [root] = roots;
    if (!root) throw new Error('the bot posted no thread root');
    expect(root.text).toMatch(/alcatraz#5120: 8 unscanned IPs/);
    const replies = botReplies(world, root.ts);
    expect(replies.length).toBeGreaterThanOrEqual(7);
    expect(replies.map((m) => m.text).join('\n')).toMatch(/Not in our account/);
    const comments = postedComments(world);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/8 unscanned IPs on alchemy-conductors\/alcatraz#5120/);
  });

  it('replies in the thread of an alert whose words are only in attachments, once despite a Slack retry', async () => {
    const alert = await world.driver.postAlert({
      channel: CHANNEL,
      text: '',
      attachments: [
        {
          fallback: '[Triggered] GAP ALERT - unscanned machines require investigation',
          title_link: ISSUE_URL,
        },
      ],
      eventId: 'Ev0GAP1',
    });
    expect(alert.status).toBe(200);
    const retry = await world.driver.postAlert({
      channel: CHANNEL,
      eventId: 'Ev0GAP1',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
    await world.idle();
    const replies = botReplies(world, alert.ts);
    expect(replies[0]?.text).toMatch(/alcatraz#5120/);
    expect(world.slack.messages(CHANNEL).filter((m) => m.author === 'bot' && !m.thread_ts)).toHaveLength(0);
    expect(replies.filter((m) => /unscanned IPs/.test(m.text))).toHaveLength(1);
    expect(postedComments(world)).toHaveLength(1);
    expect(await world.store.listActiveInvestigations()).toHaveLength(1);
  });

  it('ignores posts that are not gap alerts, edits, and its own messages', async () => {
    await world.driver.postAlert({ channel: CHANNEL, text: 'deploy finished' });
    const alert = await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    await world.driver.editMessage({
      channel: CHANNEL,
      ts: alert.ts,
      text: `GAP ALERT (acknowledged) ${ISSUE_URL}`,
    });
    await world.idle();
    expect(await world.store.listActiveInvestigations()).toHaveLength(1);
    expect(postedComments(world)).toHaveLength(1);
  });

  it('links to the running thread instead of starting the same issue again', async () => {
    const alert = await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    await world.driver.slashCommand({ text: '5120', userId: 'U0BOB', channelId: CHANNEL });
    await world.idle();
    const toBob = world.slack
      .ephemerals('U0BOB')
      .map((e) => e.text)
      .join('\n');
    expect(toBob).toMatch(/already being investigated/);
    expect(toBob).toContain(alert.ts.replace('.', ''));
    expect(postedComments(world)).toHaveLength(1);
  });

  it('answers bad input and unknown issues only to the caller', async () => {
    await world.driver.slashCommand({ text: 'frobnicate now', userId: 'U0BOB', channelId: CHANNEL });
    await world.driver.slashCommand({ text: '#999', userId: 'U0BOB', channelId: CHANNEL });
    await world.idle();
    const toBob = world.slack
      .ephemerals('U0BOB')
      .map((e) => e.text)
      .join('\n');
    expect(toBob).toMatch(/not something I understand/);
    expect(toBob).toMatch(/alcatraz#999 was not found/);
    expect(world.slack.messages(CHANNEL).filter((m) => m.author === 'bot')).toHaveLength(0);
  });

  it('acts on an authorised click once, however often it is clicked, with the message, issue and audit updated', async () => {
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const { message, actionId } = messageWithButton(world, 'mark_notalchemy:');
    const first = await aliceClicks(world, { message, actionId });
    // The same request delivered twice more at once (a replay): dropped, as one interaction.
    const again = {
      body: `payload=${encodeURIComponent(JSON.stringify(first.payload))}`,
      contentType: 'application/x-www-form-urlencoded',
    };
    await Promise.all([world.driver.raw(again), world.driver.raw(again)]);
    // A second click on the old message (a double click): told privately it is done.
    const value = (first.payload.actions as { value?: string }[])[0]?.value;
    await aliceClicks(world, { message, actionId }, value ? { value } : {});
    await world.idle();

    const inventory = world.sandbox.emulators.inventory.state();
    expect(inventory.servers.find((s) => s.ip === '10.10.1.11')?.environment).toBe('NOTALCHEMY');
    expect(inventory.history.filter((h) => h.id === '1001')).toHaveLength(1);
    const updated = world.slack.message(CHANNEL, message.ts);
    expect(JSON.stringify(updated?.blocks)).toMatch(/Marked NOTALCHEMY by <@U0ALICE>/);
    expect(JSON.stringify(updated?.blocks)).not.toContain(`"action_id":"${actionId}"`);
    const actionComments = postedComments(world).filter((c) => c.body.includes('nessus-gap:action'));
    expect(actionComments).toHaveLength(1);
    expect(actionComments[0]?.body).toMatch(
      /10\.10\.1\.11 .*marked NOTALCHEMY in Inventory by @\u200Balice via Slack/,
    );
    const audit = await world.store.listActions({ issueNumber: 5120 });
    expect(audit.map((a) => [a.action, a.ip, a.userId, a.status])).toEqual([
      ['mark_notalchemy', '10.10.1.11', 'U0ALICE', 'done'],
    ]);
    expect(
      world.slack
        .ephemerals('U0ALICE')
        .map((e) => e.text)
        .join('\n'),
    ).toMatch(/Already done by <@U0ALICE>|Already in progress/);
  });

  it('refuses an unauthorised click privately, changes nothing and audits the refusal', async () => {
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const { message, actionId } = messageWithButton(world, 'mark_notalchemy:');
    const before = JSON.stringify(world.slack.message(CHANNEL, message.ts)?.blocks);
    const commentsBefore = postedComments(world).length;
    await world.driver.clickButton({
      userId: 'U0MALLORY',
      userName: 'mallory',
      channel: CHANNEL,
      messageTs: message.ts,
      threadTs: message.thread_ts,
      actionId,
    });
    await world.idle();
    expect(world.sandbox.emulators.inventory.state().history).toHaveLength(0);
    expect(JSON.stringify(world.slack.message(CHANNEL, message.ts)?.blocks)).toBe(before);
    expect(postedComments(world)).toHaveLength(commentsBefore);
    const refusals = world.slack.ephemerals('U0MALLORY');
    expect(refusals).toHaveLength(1);
    expect(world.slack.ephemerals('U0ALICE')).toHaveLength(0);
    const audit = await world.store.listActions({ issueNumber: 5120 });
    expect(audit.map((a) => [a.userId, a.status])).toEqual([['U0MALLORY', 'refused']]);
  });

  it('reboots an unreachable machine (on, but silent) instead of powering it on, and says so', async () => {
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const { message, actionId } = messageWithButton(world, 'power_on:10.10.10.30');
    const button = JSON.stringify(message.blocks);
    expect(button).toContain('"text":"Reboot"');
    expect(button).toMatch(
      /Reboot 10\.10\.10\.30 \(a running machine restarts; agree it with its owner first\)/,
    );
    const before = world.sandbox.emulators.softlayer.state().powerCommands.length;
    await world.driver.clickButton({ userId: 'U0ALICE', channel: CHANNEL, messageTs: message.ts, actionId });
    await world.idle();
    const commands = world.sandbox.emulators.softlayer.state().powerCommands.slice(before);
    expect(commands.map((c) => [c.service, c.id, c.method])).toEqual([
      ['SoftLayer_Virtual_Guest', 5030, 'rebootDefault'],
    ]);
    const updated = world.slack.messages(CHANNEL).find((m) => m.ts === message.ts);
    expect(JSON.stringify(updated?.blocks)).toMatch(/Reboot sent by <@U0ALICE>/);
    expect(
      postedComments(world)
        .map((c) => c.body)
        .join('\n'),
    ).toMatch(/10\.10\.10\.30 \(prod-dal10-carrier7-worker-01\) .*was rebooted by @\S+ via Slack/);
  });

  it('acts only on a target of the investigation, whatever a crafted payload says', async () => {
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
    const { message } = messageWithButton(world, 'mark_notalchemy:');
    const [investigation] = await world.store.listActiveInvestigations();
    if (!investigation) throw new Error('no investigation recorded');
    await world.driver.clickButton({
      userId: 'U0ALICE',
      channel: CHANNEL,
      messageTs: message.ts,
      actionId: 'mark_notalchemy:10.10.10.31',
      value: JSON.stringify({
        i: investigation.id,
        ip: '10.10.10.31',
        r: 'alchemy-conductors/alcatraz',
        n: 5120,
      }),
    });
    await world.idle();
    expect(world.sandbox.emulators.inventory.state().history).toHaveLength(0);
    expect(
      world.slack
        .ephemerals('U0ALICE')
        .map((e) => e.text)
        .join('\n'),
    ).toMatch(/not a target .* that offers this action/);
  });

  it('refuses forged, stale and future-dated requests with 401 and never processes them', async () => {
    const body = `token=x&team_id=T0SANDBOX&channel_id=${CHANNEL}&user_id=U0ALICE&command=%2Fnessus-gap&text=5120&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr&trigger_id=1.2.3`;
    const type = 'application/x-www-form-urlencoded';
    const now = Math.floor(Date.now() / 1000);
    expect(
      (await world.driver.raw({ body, contentType: type, signature: `v0=${'0'.repeat(64)}` })).status,
    ).toBe(401);
    expect((await world.driver.raw({ body, contentType: type, timestamp: now - 600 })).status).toBe(401);
    expect((await world.driver.raw({ body, contentType: type, timestamp: now + 600 })).status).toBe(401);
    expect((await world.driver.raw({ body, contentType: type, signature: null })).status).toBe(401);
    expect((await world.driver.raw({ body: 'x'.repeat(2 * 1024 * 1024), contentType: type })).status).toBe(
      413,
    );
    await world.idle();
    expect(world.slack.apiCalls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(await world.store.listActiveInvestigations()).toHaveLength(0);
  });
});

describe('the bot on a large gap issue', () => {
  it('groups 300 findings into few messages with bulk buttons, attaches the full report, and shows progress', async () => {
    const { generateWorld } = await import('../../../sandbox/index.js');
    const big = generateWorld(300);
    const world = await startWorld(big.scenario);
    try {
      const alert = await world.driver.postAlert({ channel: CHANNEL, text: 'GAP ALERT #9001' });
      await world.idle();
      const replies = botReplies(world, alert.ts);
      expect(replies.length).toBeLessThanOrEqual(16);
      const blocks = JSON.stringify(replies.map((m) => m.blocks));
      expect(blocks.includes('"action_id":"mark_notalchemy:bulk:not_in_account"')).toBe(true);
      expect(world.slack.files()).toHaveLength(1);
      expect(world.slack.files()[0]?.title).toMatch(/alcatraz#9001/);
      const [summary] = replies;
      if (!summary) throw new Error('no summary in the thread');
      expect(summary.history.length).toBeGreaterThanOrEqual(1);
      expect(summary.text).toMatch(/300 unscanned IPs/);
      expect(postedComments(world).length).toBeGreaterThanOrEqual(1);
      const [active] = await world.store.listActiveInvestigations();
      if (!active) throw new Error('no investigation recorded');
      const findings = await world.store.listFindings(active.id);
      expect(findings).toHaveLength(300);
    } finally {
      await world.close();
    }
  });
});

describe('/nessus-gap status, scanners and recheck', () => {
  it('lists open investigations, the scanners, and re-checks an issue in its thread', async () => {
    const world = await startWorld(demo);
    try {
      await world.driver.slashCommand({ text: 'status', userId: 'U0BOB', channelId: CHANNEL });
      await world.driver.slashCommand({ text: '5120', userId: 'U0BOB', channelId: CHANNEL });
      await world.idle();
      await world.driver.slashCommand({ text: 'status', userId: 'U0BOB', channelId: CHANNEL });
      await world.driver.slashCommand({ text: 'scanners', userId: 'U0BOB', channelId: CHANNEL });
      await world.driver.slashCommand({ text: 'recheck #5120', userId: 'U0BOB', channelId: CHANNEL });
      await world.idle();
      const toBob = world.slack.ephemerals('U0BOB').map((e) => e.text);
      expect(toBob[0]).toMatch(/No open investigations/);
      expect(toBob.join('\n')).toMatch(/alchemy-conductors\/alcatraz#5120: open/);
      expect(toBob.join('\n')).toMatch(/prod-dal09-infra-nessus-01: ready/);
      expect(toBob.join('\n')).toMatch(/stage-dal09-infra-nessus-01: loading/);
      expect(toBob.join('\n')).toMatch(
        /Re-checked alchemy-conductors\/alcatraz#5120: 0 finding\(s\) changed/,
      );
      const root = world.slack.messages(CHANNEL).find((m) => m.author === 'bot' && !m.thread_ts);
      if (!root) throw new Error('the bot posted no thread root');
      expect(
        botReplies(world, root.ts)
          .map((m) => m.text)
          .join('\n'),
      ).toMatch(/Re-checked 8 IPs .*nothing changed/);
    } finally {
      await world.close();
    }
  });
});
