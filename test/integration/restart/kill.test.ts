/**
 * The bot as a real process (`node bin/nessus-gap.js serve`), killed with SIGKILL in the middle of an
 * investigation and in the middle of an action, then started again on the same SQLite file: the
 * thread, the issue and the inventory end up complete, and nothing is posted or changed twice. Then
 * SIGTERM stops it cleanly. Slack is the local emulator; every other system is the sandbox.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSlackDriver,
  loadScenario,
  type Sandbox,
  type SlackEmulator,
  startSandbox,
  startSlackEmulator,
} from '../../../sandbox/index.js';
import { openStore } from '../../../src/store/open-store.js';
import type { Store } from '../../../src/store/store.js';
import { assertBuilt, type ChildBot, startChildBot, until } from './child-bot.js';
import { type HoldingProxy, startHoldingProxy } from './holding-proxy.js';

const CHANNEL = 'C0ALERTS';
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';

describe('the bot killed and restarted', () => {
  let sandbox: Sandbox;
  let slack: SlackEmulator;
  let proxy: HoldingProxy;
  let scratch: string;
  let store: Store;
  let env: Record<string, string>;
  let bot: ChildBot | null = null;
  const signingSecret = randomBytes(16).toString('hex');

  beforeAll(async () => {
    assertBuilt();
    const botToken = `xoxb-restart-${randomBytes(6).toString('hex')}`;
    sandbox = await startSandbox(loadScenario('examples/scenarios/demo.yaml'), { latencyMs: 15 });
    // Slow Slack widens the window in which the thread is half posted.
    slack = await startSlackEmulator({ botToken, latencyMs: 120, users: { U0ALICE: { name: 'alice' } } });
    proxy = await startHoldingProxy(sandbox.env.INVENTORY_API_URL ?? '');
    scratch = mkdtempSync(join(tmpdir(), 'nessus-gap-restart-'));
    env = {
      ...sandbox.env,
      INVENTORY_API_URL: proxy.url,
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: `sqlite:${join(scratch, 'store.db')}`,
      AUTHORIZED_USERS: 'U0ALICE',
      NESSUS_GAP_REPLICA: 'restart-test',
    };
  });
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await store?.close();
    await proxy?.close();
    await slack?.close();
    await sandbox?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  const start = async () => {
    bot = await startChildBot(env);
    store ??= await openStore(env.DATABASE_URL ?? '');
    return { bot, driver: createSlackDriver({ botUrl: bot.url, signingSecret, emulator: slack }) };
  };
  const kill = async (child: ChildBot) => {
    child.child.kill('SIGKILL');
    expect(await child.exited).toBe('SIGKILL');
  };
  const replies = (threadTs: string) =>
    slack.thread(CHANNEL, threadTs).filter((m) => m.author === 'bot' && m.ts !== threadTs);
  const firstBlockId = (m: { blocks?: unknown[] }) =>
    (m.blocks?.[0] as { block_id?: string } | undefined)?.block_id ?? '';
  const comments = () => sandbox.emulators.github.state().postedComments;
  const inventoryChanges = () => sandbox.emulators.inventory.state().history.filter((h) => h.id === '1001');

  it('finishes the thread, the issue and the inventory change once, whatever was cut off', async () => {
    // 1. Killed while the findings are being posted in the thread.
    const first = await start();
    const alert = await first.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await until(() => replies(alert.ts).length >= 3, 'the thread is half posted');
    await kill(first.bot);
    const record = await store.findInvestigationByThread(CHANNEL, alert.ts);
    expect(record?.status).toBe('running');
    const postedBeforeRestart = replies(alert.ts).length;

    await start();
    await until(
      async () => (await store.getInvestigation(record?.id ?? 0))?.status === 'open',
      'the resumed investigation is posted',
    );
    const thread = replies(alert.ts);
    expect(thread.length).toBeGreaterThan(postedBeforeRestart);
    const ids = thread.map(firstBlockId);
    expect(ids.filter((id) => id === 'summary')).toHaveLength(1);
    expect(ids.length).toBe(new Set(ids).size);
    const categories = new Set((await store.listFindings(record?.id ?? 0)).map((f) => f.category));
    expect(ids.filter((id) => id.startsWith('category:')).sort()).toEqual(
      [...categories].map((c) => `category:${c}`).sort(),
    );
    expect(thread[0]?.text).toMatch(/alcatraz#5120: 8 unscanned IPs/);
    const reportComments = comments().filter((c) => c.body.includes('nessus-gap:report'));
    expect(reportComments.map((c) => c.body.split('\n')[0])).toEqual([
      `<!-- nessus-gap:report investigation=${record?.id} ref=${record?.marker} part=1 -->`,
    ]);

    // 2. Killed after the inventory was changed, before the bot heard back and recorded the outcome.
    const second = bot as ChildBot;
    const withButton = thread.find((m) => JSON.stringify(m.blocks).includes('"action_id":"mark_notalchemy:'));
    const actionId = /"action_id":"(mark_notalchemy:[^"]+)"/.exec(JSON.stringify(withButton?.blocks))?.[1];
    proxy.holdAnswersTo = { method: 'PATCH', path: /^\/servers\// };
    const secondDriver = createSlackDriver({ botUrl: second.url, signingSecret, emulator: slack });
    await secondDriver.clickButton({
      userId: 'U0ALICE',
      userName: 'alice',
      channel: CHANNEL,
      messageTs: withButton?.ts ?? '',
      threadTs: alert.ts,
      actionId: actionId ?? '',
    });
    await until(() => proxy.held === 1 && inventoryChanges().length === 1, 'the inventory is changed');
    await kill(second);
    const key = 'alchemy-conductors/alcatraz#5120:mark_notalchemy:10.10.1.11';
    expect((await store.getAction(key))?.status).toBe('intent');

    proxy.holdAnswersTo = null;
    const third = await start();
    await until(async () => (await store.getAction(key))?.status === 'done', 'the action is settled');
    await until(
      () => comments().some((c) => c.body.includes('nessus-gap:action')),
      'the action is noted on the issue',
    );
    // A click on the old button now is told it was done, and changes nothing.
    await third.driver.clickButton({
      userId: 'U0ALICE',
      userName: 'alice',
      channel: CHANNEL,
      messageTs: withButton?.ts ?? '',
      threadTs: alert.ts,
      actionId: actionId ?? '',
    });
    await until(
      () => slack.ephemerals('U0ALICE').some((e) => /Already done/.test(e.text)),
      'the second click is answered',
    );
    expect(inventoryChanges()).toHaveLength(1);
    expect((await store.getAction(key))?.result).toMatch(/already had environment NOTALCHEMY/);
    expect(comments().filter((c) => c.body.includes('nessus-gap:action'))).toHaveLength(1);
    expect(replies(alert.ts).filter((m) => /finished after a restart/.test(m.text))).toHaveLength(1);
    expect(comments().filter((c) => c.body.includes('nessus-gap:report'))).toHaveLength(1);
    expect(await store.listUnfinishedActions()).toEqual([]);

    // 3. SIGTERM: stops taking work, closes the store, exits 0.
    third.bot.child.kill('SIGTERM');
    expect(await third.bot.exited).toBe(0);
    expect(third.bot.lines.some((line) => /"msg":"stopping/.test(line))).toBe(true);
    expect(third.bot.lines.some((line) => /"msg":"stopped"/.test(line))).toBe(true);
  }, 90_000);
});
