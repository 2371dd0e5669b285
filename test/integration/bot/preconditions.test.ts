/**
 * A button's preconditions are checked again when it is clicked, on fresh evidence: a click whose
 * precondition no longer holds changes nothing outside, tells the clicker why, and is audited. One
 * case per changing action, each with the world changed under the running bot between the thread
 * and the click; and one click on an unchanged world, which acts (so the refusals are no accident).
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { CHANNEL, clickAsAlice, messageWithButton } from './world-helpers.js';

const scenario = loadScenario('test/fixtures/scenarios/preconditions.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5201';

/** Everything outside the bot an action could change. */
function outside(world: World): string {
  const { github, softlayer, tenable, inventory } = world.sandbox.emulators;
  const { powerCommands, tickets } = softlayer.state();
  return JSON.stringify({
    comments: github.state().postedComments.map((c) => c.body),
    powerCommands,
    tickets,
    tenable: tenable.state(),
    inventory: inventory.state(),
  });
}

interface Case {
  button: string;
  /** What someone else did between the thread and the click. */
  change: (world: World) => void;
  reason: RegExp;
}

const CASES: Record<string, Case> = {
  mark_notalchemy: {
    button: 'mark_notalchemy:10.31.0.1',
    change: (world) => {
      world.sandbox.emulators.softlayer.live().virtualGuests.push({
        id: 9001,
        hostname: 'prod-dal10-carrier9-worker-01',
        primaryBackendIpAddress: '10.31.0.1',
        datacenter: { name: 'dal10' },
        powerState: { keyName: 'RUNNING', name: 'Running' },
        billingItem: { id: 59001, cancellationDate: null },
        activeTickets: [],
      });
    },
    reason: /prod-dal10-carrier9-worker-01 \(id 9001\) of account ALC uses 10\.31\.0\.1/,
  },
  mark_pending_deletion: {
    button: 'mark_pending_deletion:10.31.0.2',
    change: (world) => withdrawCancellation(world),
    reason: /no cancellation pending and no decommission record/,
  },
  request_reclaim: {
    button: 'request_reclaim:10.31.0.2',
    change: (world) => withdrawCancellation(world),
    reason: /no cancellation ticket of prod-dal10-carrier9-worker-02 is known/,
  },
  open_ipmi_ticket: {
    button: 'open_ipmi_ticket:10.31.0.3',
    change: (world) =>
      world.sandbox.emulators.network.setReachability('10.31.0.3', { ping: true, tcp22: false }),
    reason: /10\.31\.0\.3 answers ping/,
  },
  power_on: {
    button: 'power_on:10.31.0.4',
    change: (world) => {
      const guest = world.sandbox.emulators.softlayer.live().findVirtualGuest(9004);
      if (guest) guest.powerState = { keyName: 'RUNNING', name: 'Running' };
    },
    reason: /SoftLayer says prod-dal10-carrier9-worker-04 is on/,
  },
  reboot: {
    button: 'power_on:10.31.0.5',
    change: (world) =>
      world.sandbox.emulators.network.setReachability('10.31.0.5', { ping: false, tcp22: true }),
    reason: /answers SSH \(TCP 22\): it is up/,
  },
  launch_scan: {
    button: 'launch_scan:10.31.0.6',
    change: (world) =>
      world.sandbox.emulators.network.setReachability('10.31.0.6', { ping: false, tcp22: false }),
    reason: /10\.31\.0\.6 does not answer ping from its scanner/,
  },
};

function withdrawCancellation(world: World): void {
  const guest = world.sandbox.emulators.softlayer.live().findVirtualGuest(9002);
  if (!guest) return;
  guest.billingItem = { id: 59002, cancellationDate: null };
  guest.activeTickets = [];
}

async function investigated(): Promise<World> {
  const world = await startWorld(scenario);
  await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
  await world.idle();
  return world;
}

describe('a click whose precondition no longer holds', () => {
  it.each(Object.entries(CASES))(
    '%s: changes nothing, says why, and is audited',
    async (_verb, item) => {
      const world = await investigated();
      try {
        const { message, actionId } = messageWithButton(world, item.button);
        item.change(world);
        const before = outside(world);
        await clickAsAlice(world, { messageTs: message.ts, actionId });
        expect(outside(world)).toBe(before);
        const told = world.slack
          .ephemerals('U0ALICE')
          .map((e) => e.text)
          .join('\n');
        expect(told).toMatch(/Nothing was changed/);
        expect(told).toMatch(item.reason);
        const audit = await world.store.listActions({ issueNumber: 5201 });
        expect(audit.map((a) => [a.status, a.result])).toEqual([
          ['refused', expect.stringMatching(item.reason)],
        ]);
        // The button stays: the thread is not rewritten by a refused click.
        expect(
          JSON.stringify(world.slack.messages(CHANNEL).find((m) => m.ts === message.ts)?.blocks),
        ).toContain(actionId);
      } finally {
        await world.close();
      }
    },
    30_000,
  );
});

describe('a click whose precondition still holds', () => {
  it.each([
    ['power_on:10.31.0.4', (w: World) => w.sandbox.emulators.softlayer.state().powerCommands.length, 1],
    ['launch_scan:10.31.0.6', (w: World) => JSON.stringify(w.sandbox.emulators.tenable.state()).length, null],
  ] as const)(
    '%s acts',
    async (button, measure, expected) => {
      const world = await investigated();
      try {
        const { message, actionId } = messageWithButton(world, button);
        const before = measure(world);
        await clickAsAlice(world, { messageTs: message.ts, actionId });
        if (expected === null) expect(measure(world)).not.toBe(before);
        else expect(measure(world) - before).toBe(expected);
        const audit = await world.store.listActions({ issueNumber: 5201 });
        expect(audit.map((a) => a.status)).toEqual(['done']);
      } finally {
        await world.close();
      }
    },
    30_000,
  );
});
