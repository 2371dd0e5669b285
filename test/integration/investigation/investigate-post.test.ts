/**
 * `nessus-gap investigate --issue N --post`: the bot's own use case from the command line, with no
 * Slack configured. The report goes on the gap issue as the bot writes it (hidden marker, by the
 * bot's login), the store remembers the investigation, and a second run changes nothing: one
 * investigation per issue, whoever starts it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, type Sandbox, startSandbox } from '../../../sandbox/index.js';
import { main } from '../../../src/cli/main.js';
import { startWorld } from '../../../src/cli/world.js';
import { openStore } from '../../../src/store/open-store.js';
import { capturedStream } from '../../helpers/captured-stream.js';

const REPO = 'alchemy-conductors/alcatraz';

describe('nessus-gap investigate --post', () => {
  let sandbox: Sandbox;
  let scratch: string;
  let databaseUrl: string;

  beforeEach(async () => {
    sandbox = await startSandbox(loadScenario('examples/scenarios/demo.yaml'));
    scratch = mkdtempSync(join(tmpdir(), 'ng-post-'));
    databaseUrl = `sqlite:${join(scratch, 'store.db')}`;
  });
  afterEach(async () => {
    await sandbox.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const run = async () => {
    const stdout = capturedStream();
    const stderr = capturedStream();
    // The sandbox's endpoints and no Slack at all: no SLACK_* variable is set.
    const env = { LOG_LEVEL: 'silent', ...sandbox.env, DATABASE_URL: databaseUrl };
    expect(Object.keys(env).filter((name) => name.startsWith('SLACK_'))).toEqual([]);
    const code = await main(['investigate', '--issue', '5120', '--post', '--format', 'json'], {
      stdout,
      stderr,
      env,
      interactive: false,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  };
  const comments = () => sandbox.emulators.github.state().postedComments.filter((c) => c.number === 5120);

  it('comments the report on the issue, remembers it, and does not post it twice', async () => {
    const first = await run();
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { findings: { ip: string }[] };
    expect(report.findings.length).toBeGreaterThan(0);

    const posted = comments();
    expect(posted.length).toBeGreaterThan(0);
    expect(posted[0]?.body).toMatch(/^<!-- nessus-gap:report investigation=\d+ ref=\S+ part=1 -->/);
    // Every finding's IP is in the comments, as the bot writes them from Slack.
    const text = posted.map((c) => c.body).join('\n');
    for (const finding of report.findings) expect(text).toContain(finding.ip);
    expect(first.stderr).toContain(`Posted on ${REPO}#5120: `);

    const store = await openStore(databaseUrl);
    try {
      const record = await store.findActiveInvestigation(REPO, 5120);
      expect(record).toMatchObject({ status: 'open', channel: null, threadTs: null });
      expect(record?.report?.findings).toHaveLength(report.findings.length);
      const keys = (await store.listMessages(record?.id ?? 0)).map((m) => m.key);
      expect(keys).toEqual(posted.map((_, i) => `issue-comment:${i + 1}`));
    } finally {
      await store.close();
    }

    const second = await run();
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/already being investigated .*nothing was posted/);
    expect(comments()).toHaveLength(posted.length);
  });

  it('refuses an empty store while the bot has already commented on the gap issues', async () => {
    expect((await run()).code).toBe(0);
    const before = comments().length;
    rmSync(join(scratch, 'store.db'));
    const again = await run();
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the store .* is empty, but .* has already written nessus-gap comments/);
    expect(comments()).toHaveLength(before);
  });

  it('is the same investigation for the bot: Slack is told where the report is, nothing is posted again', async () => {
    const world = await startWorld(loadScenario('examples/scenarios/demo.yaml'));
    try {
      const stdout = capturedStream();
      const stderr = capturedStream();
      const env = { LOG_LEVEL: 'silent', ...world.sandbox.env, DATABASE_URL: world.config.database.url };
      expect(
        await main(['investigate', '--issue', '5120', '--post'], { stdout, stderr, env, interactive: false }),
      ).toBe(0);
      const comments = () => world.sandbox.emulators.github.state().postedComments.length;
      const posted = comments();
      expect(posted).toBeGreaterThan(0);

      await world.driver.slashCommand({ text: '5120', userId: 'U0BOB', channelId: 'C0ALERTS' });
      await world.idle();
      const toBob = world.slack
        .ephemerals('U0BOB')
        .map((e) => e.text)
        .join('\n');
      expect(toBob).toMatch(
        /alcatraz#5120 was investigated from the command line: its report is on the issue/,
      );
      expect(comments()).toBe(posted);
      expect(await world.store.listActiveInvestigations()).toHaveLength(1);
    } finally {
      await world.close();
    }
  });
});
