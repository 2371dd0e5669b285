/**
 * Hostile requests and access. Every request must carry Slack's signature over its exact body with a
 * timestamp within five minutes either way, and fit in 1 MB; anything else is refused before it is
 * read further and changes nothing. Every button that changes something is checked on the server for
 * each click (one user list, and user groups resolved through usergroups.users.list), bulk buttons and
 * the manual-mode "Done" included. An IP outside the account and the configured CIDRs is never probed.
 */
import { createHmac } from 'node:crypto';
import { generateWorld } from '../../../sandbox/generate-world.js';
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { ACTIONS } from '../../../src/runbook/model.js';
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

function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

describe('requests that are not from Slack', () => {
  let world: World;
  let log: CapturedLog;
  beforeAll(async () => {
    log = captureLog();
    world = await startWorld(demo, { logger: log.logger });
  });
  afterAll(async () => {
    await world.close();
  });

  const command = `token=x&team_id=T0SANDBOX&channel_id=${CHANNEL}&user_id=U0ALICE&command=%2Fnessus-gap&text=5120&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fr&trigger_id=1.2.3`;

  it('refuses each forgery with 401 and never processes it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const before = await fingerprint(world);
    const refusals: [string, Parameters<World['driver']['raw']>[0]][] = [
      ['forged signature', { body: command, contentType: FORM, signature: `v0=${'0'.repeat(64)}` }],
      [
        'signed with another secret',
        { body: command, contentType: FORM, signature: sign('guess', now, command) },
      ],
      [
        'body changed after signing',
        {
          body: command,
          contentType: FORM,
          signature: sign(world.signingSecret, now, command.replace('5120', '5121')),
        },
      ],
      ['5 min 1 s old', { body: command, contentType: FORM, timestamp: now - 301 }],
      ['5 min 10 s in the future', { body: command, contentType: FORM, timestamp: now + 310 }],
      ['a day in the future', { body: command, contentType: FORM, timestamp: now + 86_400 }],
      ['no timestamp', { body: command, contentType: FORM, timestamp: null }],
      ['no signature', { body: command, contentType: FORM, signature: null }],
      ['no headers at all', { body: command, contentType: FORM, timestamp: null, signature: null }],
      ['a timestamp that is not a number', { body: command, contentType: FORM, timestamp: '1e9' }],
      [
        'a signature of another scheme',
        { body: command, contentType: FORM, signature: `v1=${'a'.repeat(64)}` },
      ],
    ];
    const refusedBefore = log.lines().filter((l) => l.includes('refused a Slack request')).length;
    for (const [name, input] of refusals) {
      expect([name, (await world.driver.raw(input)).status]).toEqual([name, 401]);
    }
    await world.idle();
    expect(log.lines().filter((l) => l.includes('refused a Slack request')).length - refusedBefore).toBe(
      refusals.length,
    );
    expect(world.slack.apiCalls.filter((c) => c.method !== 'auth.test')).toHaveLength(0);
    expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
  });

  it('accepts a timestamp a few minutes off either way (clock skew), signed correctly', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const skew of [-240, 240]) {
      const help = command
        .replace('text=5120', 'text=help')
        .replace('trigger_id=1.2.3', `trigger_id=1.2.${skew}`);
      const response = await world.driver.raw({ body: help, contentType: FORM, timestamp: now + skew });
      expect(response.status).toBe(200);
      expect(response.body).toMatch(/investigates a Nessus scan gap issue/);
    }
  });

  it('refuses bodies over 1 MB with 413, declared or not, before reading them', async () => {
    const before = await fingerprint(world);
    const huge = `${command}&pad=${'x'.repeat(1024 * 1024)}`;
    expect((await world.driver.raw({ body: huge, contentType: FORM })).status).toBe(413);
    const json = JSON.stringify({
      type: 'event_callback',
      event: { type: 'message', text: 'x'.repeat(1_100_000) },
    });
    expect((await world.driver.raw({ body: json, contentType: 'application/json' })).status).toBe(413);
    await world.idle();
    expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
  });
});

describe('who may act', () => {
  let world: World;
  beforeAll(async () => {
    const { scenario } = generateWorld(160);
    world = await startWorld(scenario, { authorizedUsers: ['U0ALICE'], usergroups: { S0ONCALL: ['U0BOB'] } });
    await world.driver.postAlert({
      channel: CHANNEL,
      text: 'GAP ALERT https://github.ibm.com/alchemy-conductors/alcatraz/issues/9001',
    });
    await world.idle();
  });
  afterAll(async () => {
    await world.close();
  });

  /** Every button that changes something (all but Re-check): action id, value and message, one per action id. */
  function changingButtons() {
    const found = new Map<string, { actionId: string; ts: string; threadTs?: string }>();
    for (const message of world.slack.messages(CHANNEL)) {
      for (const block of (message.blocks ?? []) as { elements?: { action_id?: string }[] }[]) {
        for (const element of block.elements ?? []) {
          const id = element.action_id ?? '';
          if (id === '' || id.startsWith('recheck')) continue;
          found.set(id, {
            actionId: id,
            ts: message.ts,
            ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
          });
        }
      }
    }
    return [...found.values()];
  }

  it('refuses every changing button, one target or bulk, to someone not authorised, and audits each refusal', async () => {
    const buttons = changingButtons();
    const kinds = new Set(
      buttons.map((b) => b.actionId.replace(/:(?!bulk).*$/, '').replace(/:bulk:.*$/, ':bulk')),
    );
    const changing = ACTIONS.filter((action) => action !== 'recheck');
    for (const kind of [...changing, 'mark_notalchemy:bulk', 'power_on:bulk', 'launch_scan:bulk']) {
      expect(kinds).toContain(kind);
    }
    const outside = async () => {
      const all = JSON.parse(await fingerprint(world)) as Record<string, unknown>;
      delete all.actions;
      return JSON.stringify(all);
    };
    const before = await outside();
    const auditBefore = (await world.store.listActions()).length;
    for (const button of buttons) {
      await world.driver.clickButton({
        userId: 'U0MALLORY',
        channel: CHANNEL,
        messageTs: button.ts,
        actionId: button.actionId,
        ...(button.threadTs ? { threadTs: button.threadTs } : {}),
      });
    }
    await world.idle();
    expect(JSON.parse(await outside())).toEqual(JSON.parse(before));
    const audit = (await world.store.listActions()).slice(auditBefore);
    expect(audit).toHaveLength(buttons.length);
    expect(audit.every((a) => a.userId === 'U0MALLORY' && a.status === 'refused')).toBe(true);
    const refusals = world.slack.ephemerals('U0MALLORY');
    expect(refusals).toHaveLength(buttons.length);
    expect(refusals.every((r) => /nothing was changed/.test(r.text))).toBe(true);
  });

  it('lets a member of an authorised user group act, as checked through usergroups.users.list', async () => {
    const bulk = changingButtons().find((b) => b.actionId === 'power_on:bulk:powered_off');
    expect(bulk).toBeDefined();
    const before = world.sandbox.emulators.softlayer.state().powerCommands.length;
    await world.driver.clickButton({
      userId: 'U0BOB',
      channel: CHANNEL,
      messageTs: bulk?.ts ?? '',
      actionId: 'power_on:bulk:powered_off',
      ...(bulk?.threadTs ? { threadTs: bulk.threadTs } : {}),
    });
    await world.idle();
    expect(world.slack.callsTo('usergroups.users.list').map((c) => c.args.usergroup)).toContain('S0ONCALL');
    const powered = world.sandbox.emulators.softlayer.state().powerCommands.length - before;
    const investigation = (await world.store.listActiveInvestigations())[0];
    const poweredOff = (await world.store.listFindings(investigation?.id ?? 0)).filter(
      (f) => f.category === 'powered_off',
    );
    expect(powered).toBe(poweredOff.length);
    const audit = (await world.store.listActions()).filter((a) => a.userId === 'U0BOB');
    expect(audit.map((a) => a.status)).toEqual(poweredOff.map(() => 'done'));
  });

  it('acts only on what the finding offers, whatever a crafted action id says', async () => {
    const investigation = (await world.store.listActiveInvestigations())[0];
    const findings = (await world.store.listFindings(investigation?.id ?? 0)).map((f) => f.finding);
    const notInAccount = findings.find((f) => f.category === 'not_in_account');
    const button = changingButtons()[0];
    const before = await fingerprint(world);
    await world.driver.clickButton({
      userId: 'U0ALICE',
      channel: CHANNEL,
      messageTs: button?.ts ?? '',
      actionId: `power_on:${notInAccount?.ip}`,
      value: JSON.stringify({
        i: investigation?.id,
        ip: notInAccount?.ip,
        r: 'alchemy-conductors/alcatraz',
        n: 9001,
      }),
    });
    await world.driver.clickButton({
      userId: 'U0ALICE',
      channel: CHANNEL,
      messageTs: button?.ts ?? '',
      actionId: 'power_on:bulk:not_in_account',
      value: JSON.stringify({
        i: investigation?.id,
        r: 'alchemy-conductors/alcatraz',
        n: 9001,
        c: 'not_in_account',
      }),
    });
    await world.idle();
    const told = ephemeralTexts(world, 'U0ALICE');
    expect(told).toMatch(/is not a target of alchemy-conductors\/alcatraz#9001 that offers this action/);
    expect(told).toMatch(/no target of alchemy-conductors\/alcatraz#9001 is left in that category/);
    expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
  });
});

describe('the manual-mode guide', () => {
  it('documents nothing for someone not authorised, even with a well-formed submission', async () => {
    const world = await startWorld(demo, { inventory: false });
    try {
      await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
      await world.idle();
      const investigation = (await world.store.listActiveInvestigations())[0];
      const message = world.slack
        .messages(CHANNEL)
        .find((m) => JSON.stringify(m.blocks ?? []).includes('mark_notalchemy:'));
      const before = await fingerprint(world);
      await world.driver.raw(
        formPayload({
          type: 'view_submission',
          team: { id: 'T0SANDBOX', domain: 'sandbox' },
          user: { id: 'U0MALLORY', username: 'mallory', name: 'mallory', team_id: 'T0SANDBOX' },
          api_app_id: world.slack.appId,
          view: {
            id: 'V0FORGED',
            type: 'modal',
            callback_id: 'manual_action_done',
            private_metadata: JSON.stringify({
              i: investigation?.id,
              a: 'mark_notalchemy',
              ips: ['10.10.1.11'],
              c: CHANNEL,
              ts: message?.ts,
              id: 'mark_notalchemy:10.10.1.11',
            }),
            state: { values: {} },
          },
        }),
      );
      await world.idle();
      expect(JSON.parse(await fingerprint(world))).toEqual(JSON.parse(before));
      expect(ephemeralTexts(world, 'U0MALLORY')).toMatch(/nothing was changed/);
    } finally {
      await world.close();
    }
  });
});

describe('an IP outside the account and the configured CIDRs', () => {
  it('is never probed, and its finding says why', async () => {
    const world = await startWorld(loadScenario('examples/scenarios/hostile.yaml'));
    try {
      const probed: string[] = [];
      const probe = world.bot.context.investigation.probe;
      const real = probe.probe.bind(probe);
      probe.probe = (ip, from) => {
        probed.push(ip);
        return real(ip, from);
      };
      // The investigation probes in batches: every IP of a batch counts as probed.
      const realMany = probe.probeMany.bind(probe);
      probe.probeMany = (ips, from) => {
        probed.push(...ips);
        return realMany(ips, from);
      };
      await world.driver.postAlert({
        channel: CHANNEL,
        text: 'GAP ALERT https://github.ibm.com/alchemy-conductors/alcatraz/issues/6666',
      });
      await world.idle();
      expect(probed.length).toBeGreaterThan(0);
      expect(probed).not.toContain('8.8.8.8');
      const investigation = (await world.store.listActiveInvestigations())[0];
      const finding = (await world.store.listFindings(investigation?.id ?? 0))
        .map((f) => f.finding)
        .find((f) => f.ip === '8.8.8.8');
      expect(finding?.category).toBe('not_in_account');
      const why =
        '8.8.8.8 was not probed: the IP is neither in our IBM Cloud accounts nor in a configured CIDR';
      expect(finding?.evidence).toContain(why);
      const comments = world.sandbox.emulators.github.state().postedComments.map((c) => c.body);
      expect(comments.join('\n')).toContain(why);
    } finally {
      await world.close();
    }
  });
});
