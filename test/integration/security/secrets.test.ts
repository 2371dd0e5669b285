/**
 * Secrets never leave: a world runs at LOG_LEVEL=debug with 30% of every upstream call failing, one
 * credential wrong (Tenable.sc refuses it), clicks allowed and refused, commands, and two systems
 * going down mid-way; then every log line, every Slack message, ephemeral, file and API call the bot
 * made, every issue comment, ticket and inventory note is searched for every configured secret (as
 * is, URL-encoded, JSON-escaped and base64, SoftLayer's basic-auth pair included).
 */
import { Writable } from 'node:stream';
import { generateWorld } from '../../../sandbox/generate-world.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { FAST_TIMEOUTS } from '../faults/fault-helpers.js';
import { CHANNEL } from './security-helpers.js';

const WRONG_TENABLE_KEY = 'c0ffee00c0ffee00c0ffee00c0ffee00';

function secretForms(
  secrets: string[],
  softlayer: { username: string; apiKey: string },
): Map<string, string> {
  const forms = new Map<string, string>();
  for (const secret of secrets) {
    forms.set(secret, secret);
    forms.set(encodeURIComponent(secret), secret);
    forms.set(JSON.stringify(secret).slice(1, -1), secret);
    forms.set(Buffer.from(secret).toString('base64'), secret);
  }
  const basic = Buffer.from(`${softlayer.username}:${softlayer.apiKey}`).toString('base64');
  forms.set(basic, 'SoftLayer basic auth');
  return forms;
}

describe('secrets', () => {
  let world: World;
  const lines: string[] = [];
  const answers: string[] = [];
  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const { scenario } = generateWorld(40);
    world = await startWorld(scenario, {
      faultRate: 0.3,
      seed: 99,
      logLevel: 'debug',
      logDestination: destination,
      configOverrides: FAST_TIMEOUTS,
      fastSlackRetries: true,
      env: { TENABLE_SC_SECRET_KEY: WRONG_TENABLE_KEY },
    });
    const issue = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/9001';
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${issue}` });
    await world.idle(60_000);
    for (const text of ['status', 'scanners', '#99999', 'frobnicate']) {
      answers.push((await world.driver.slashCommand({ text, userId: 'U0BOB', channelId: CHANNEL })).body);
    }
    const buttons = world.slack
      .messages(CHANNEL)
      .flatMap((m) =>
        [
          ...JSON.stringify(m.blocks ?? []).matchAll(
            /"action_id":"((?:power_on|open_ipmi_ticket|mark_notalchemy)[^"]*)"/g,
          ),
        ].map((match) => ({ ts: m.ts, actionId: match[1] as string })),
      )
      .slice(0, 6);
    for (const [index, button] of buttons.entries()) {
      const userId = index % 2 === 0 ? 'U0ALICE' : 'U0MALLORY';
      answers.push(
        (
          await world.driver.clickButton({
            userId,
            channel: CHANNEL,
            messageTs: button.ts,
            actionId: button.actionId,
          })
        ).body,
      );
    }
    await world.idle(60_000);
    await world.sandbox.emulators.softlayer.close();
    await world.sandbox.emulators.nessus.close();
    answers.push(
      (await world.driver.slashCommand({ text: 'recheck 9001', userId: 'U0ALICE', channelId: CHANNEL })).body,
    );
    answers.push(
      (await world.driver.slashCommand({ text: 'scanners', userId: 'U0ALICE', channelId: CHANNEL })).body,
    );
    await world.idle(60_000);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  function corpora(): Record<string, string> {
    const slack = world.slack;
    const { github, softlayer, inventory } = world.sandbox.emulators;
    return {
      logs: lines.join(''),
      'Slack messages': JSON.stringify(slack.messages()),
      'Slack ephemerals': JSON.stringify(slack.ephemerals()),
      'Slack files': slack
        .files()
        .map((f) => `${f.filename} ${f.title ?? ''} ${f.content?.toString('utf8') ?? ''}`)
        .join('\n'),
      'Slack views': JSON.stringify(slack.views()),
      'Slack API calls': JSON.stringify(slack.apiCalls.map((c) => c.args)),
      'answers to Slack': answers.join('\n'),
      'issue comments': JSON.stringify(github.state()),
      'SoftLayer tickets': JSON.stringify(softlayer.state().tickets),
      'inventory notes': JSON.stringify(inventory.state().history),
    };
  }

  it('went through errors: faults, a refused credential, systems down', () => {
    const logged = lines.join('');
    expect(lines.length).toBeGreaterThan(100);
    expect(logged).toMatch(/"level":(?:40|50)/);
    const thread = JSON.stringify(world.slack.messages(CHANNEL));
    expect(thread).toMatch(/Could not check|Could not reach/);
    expect(JSON.stringify(world.slack.ephemerals())).toMatch(
      /unreachable|refused|failed|nothing was changed/i,
    );
  });

  it('appear in no log line, Slack message, ephemeral, file, API call, answer, comment, ticket or note', () => {
    const secrets = world.config.secrets();
    expect(secrets.length).toBeGreaterThanOrEqual(8);
    expect(secrets).toContain(WRONG_TENABLE_KEY);
    const forms = secretForms(secrets, {
      username: world.sandbox.env.SOFTLAYER_USERNAME ?? '',
      apiKey: world.sandbox.env.SOFTLAYER_API_KEY ?? '',
    });
    const leaksIn = (where: string, text: string) =>
      [...forms]
        .filter(([form]) => text.includes(form))
        .map(
          ([form, secret]) =>
            `${where}: ${secret.slice(0, 6)}… (as ${form === secret ? 'is' : form.slice(0, 8)})`,
        );
    // The search finds what it looks for: the bot's own environment holds every credential.
    expect(leaksIn('environment', JSON.stringify(world.sandbox.env)).length).toBeGreaterThanOrEqual(4);
    const leaks: string[] = [];
    for (const [where, text] of Object.entries(corpora())) {
      expect(text.length).toBeGreaterThan(0);
      leaks.push(...leaksIn(where, text));
    }
    expect(leaks).toEqual([]);
  });
});
