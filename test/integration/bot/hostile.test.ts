/**
 * Hostile text in every place a person or an API can put it (examples/scenarios/hostile.yaml):
 * nothing of it may mention anyone, link anywhere or inject markup once the bot has posted it, in
 * Slack or on the issue.
 */
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { allStrings, CHANNEL, postedComments } from './world-helpers.js';

describe('hostile content', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(loadScenario('examples/scenarios/hostile.yaml'));
    await world.driver.postAlert({
      channel: CHANNEL,
      text: 'GAP ALERT <!channel> https://github.ibm.com/alchemy-conductors/alcatraz/issues/6666',
    });
    await world.idle();
  });
  afterAll(async () => {
    await world.close();
  });

  it('reaches Slack only as inert text', () => {
    const posted = world.slack.messages(CHANNEL).filter((m) => m.author === 'bot');
    expect(posted.length).toBeGreaterThan(2);
    const texts = posted.flatMap((m) => allStrings([m.text, m.blocks, m.history]));
    const joined = texts.join('\n');
    for (const forbidden of [
      '<!channel>',
      '<!here>',
      '<!everyone>',
      '<@U0ADMIN>',
      '<!subteam^S0ADMINS',
      '<http://evil',
      '<script',
    ]) {
      expect(joined).not.toContain(forbidden);
    }
    // The only Slack links are our own: nothing from the world links to the evil host.
    expect(joined).not.toMatch(/<[^>]*evil\.example[^>]*>/);
    expect(joined).toContain('&lt;!channel&gt;');
    // Untrusted text sits only in verbatim mrkdwn objects (no auto-linking) or plain text.
    const mrkdwnObjects = posted.flatMap((m) => collect(m.blocks, (o) => o.type === 'mrkdwn'));
    for (const object of mrkdwnObjects) expect(object.verbatim).toBe(true);
    expect(posted.every((m) => !('link_names' in m))).toBe(true);
  });

  it('reaches the issue only as inert text', () => {
    const comments = postedComments(world).map((c) => c.body);
    expect(comments.length).toBeGreaterThan(0);
    const body = comments.join('\n');
    expect(body).not.toMatch(/@[A-Za-z0-9]/); // no mention can form (a zero-width space follows every @)
    expect(body).not.toMatch(/<script|<img|<b>bold|<b>Main/i); // the world's HTML (ours is only <details>, <summary>, <b>, <code>)
    expect(body).not.toMatch(/\]\(http:\/\/evil/);
    expect(body).not.toContain('http://evil.example');
    expect(body).not.toContain('<!channel>');
  });

  it('never probes an IP outside the account and the configured CIDRs, and says why', () => {
    const probes = world.sandbox.emulators.network.calls.map((c) => c.path);
    expect(probes.length).toBeGreaterThan(0);
    // The probes go in batches: the IPs are those the batches named.
    const probedIps = world.sandbox.emulators.network.batches.flatMap((batch) => batch.ips);
    expect(probedIps).toHaveLength(3);
    expect(probedIps).not.toContain('8.8.8.8');
    const report = JSON.stringify(world.slack.messages(CHANNEL).map((m) => m.blocks));
    expect(report).toContain('8.8.8.8');
  });
});

function collect(
  value: unknown,
  match: (o: Record<string, unknown>) => boolean,
  out: Record<string, unknown>[] = [],
) {
  if (Array.isArray(value)) for (const v of value) collect(v, match, out);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (match(object)) out.push(object);
    for (const v of Object.values(object)) collect(v, match, out);
  }
  return out;
}
