/**
 * An action cut off between the upstream call and its outcome is recorded "failed: interrupted" with
 * a Retry button. Only that button sends it again, and before it does, the bot reads what the API can
 * tell of the current state and says what it found: a power-on that went through before the crash is
 * not sent twice.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { actionKey } from '../../../src/app/actions/perform-action.js';
import { finishInterruptedActions } from '../../../src/app/schedule/finish-interrupted.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { CHANNEL, clickAsAlice, messageWithButton } from './world-helpers.js';

const scenario = loadScenario('test/fixtures/scenarios/preconditions.yaml');
const REPO = 'alchemy-conductors/alcatraz';
const ISSUE_URL = `https://github.ibm.com/${REPO}/issues/5201`;
const IP = '10.31.0.4';
const KEY = actionKey(REPO, 5201, 'power_on', IP);

/** The power-on of IP, begun by Alice, then the process dies before it records the outcome. */
async function interruptedPowerOn(): Promise<World> {
  const world = await startWorld(scenario);
  await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
  await world.idle();
  const [record] = await world.store.listActiveInvestigations();
  if (!record) throw new Error('the alert was not investigated');
  await world.store.beginAction({
    key: KEY,
    investigationId: record.id,
    repo: REPO,
    issueNumber: 5201,
    action: 'power_on',
    ip: IP,
    userId: 'U0ALICE',
    userName: 'alice',
    createdAt: new Date(Date.now() - 15 * 60_000),
  });
  await finishInterruptedActions(world.bot.context, new Date());
  await world.idle();
  return world;
}

function retryButton(world: World): { messageTs: string; actionId: string } {
  const message = world.slack
    .messages(CHANNEL)
    .find((m) => JSON.stringify(m.blocks ?? []).includes('"text":"Retry"'));
  const actionId = /"action_id":"(power_on:[^"]*)"/.exec(JSON.stringify(message?.blocks ?? []))?.[1];
  if (!message || !actionId) throw new Error('no Retry button in the thread');
  return { messageTs: message.ts, actionId };
}

const powerCommands = (world: World) => world.sandbox.emulators.softlayer.state().powerCommands.length;
const told = (world: World) =>
  world.slack
    .ephemerals('U0ALICE')
    .map((e) => e.text)
    .join('\n');

describe('an interrupted power-on', () => {
  it('is recorded failed with a Retry button; the original button sends nothing again', async () => {
    const world = await interruptedPowerOn();
    try {
      expect(await world.store.getAction(KEY)).toMatchObject({ status: 'failed', result: /^interrupted/ });
      retryButton(world);
      const { message, actionId } = messageWithButton(world, `power_on:${IP}`);
      const before = powerCommands(world);
      await clickAsAlice(world, { messageTs: message.ts, actionId });
      expect(powerCommands(world)).toBe(before);
      expect(told(world)).toMatch(/failed earlier and was not sent again[\s\S]*Use the Retry button/);
      expect(await world.store.getAction(KEY)).toMatchObject({ status: 'failed' });
    } finally {
      await world.close();
    }
  }, 30_000);

  it('Retry reads the power state first: on already, it records the action done and sends nothing', async () => {
    const world = await interruptedPowerOn();
    try {
      // The power-on reached SoftLayer before the crash.
      const guest = world.sandbox.emulators.softlayer.live().findVirtualGuest(9004);
      if (guest) guest.powerState = { keyName: 'RUNNING', name: 'Running' };
      const before = powerCommands(world);
      await clickAsAlice(world, retryButton(world));
      expect(powerCommands(world)).toBe(before);
      expect(told(world)).toMatch(/Before retrying for 10\.31\.0\.4, I checked: SoftLayer says .* is on/);
      expect(await world.store.getAction(KEY)).toMatchObject({
        status: 'done',
        result: expect.stringMatching(/^found already done, nothing sent again/),
      });
    } finally {
      await world.close();
    }
  }, 30_000);

  it('Retry reads the power state first: still off, it sends the power-on once', async () => {
    const world = await interruptedPowerOn();
    try {
      const before = powerCommands(world);
      await clickAsAlice(world, retryButton(world));
      expect(powerCommands(world) - before).toBe(1);
      expect(told(world)).toMatch(/I checked: SoftLayer says .* is still off/);
      expect(await world.store.getAction(KEY)).toMatchObject({ status: 'done' });
    } finally {
      await world.close();
    }
  }, 30_000);
});
