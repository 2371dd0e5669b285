/**
 * The store taken away from a running bot: its SQLite file deleted, overwritten with junk, or
 * replaced by another store. /healthz must then say 503 and why (the bot's own connection would
 * carry on writing to a deleted file). Started again on an empty store while its own comments are on
 * the gap issue, the bot refuses, naming the way out; ACCEPT_EMPTY_STORE=true lets it start.
 */
import { copyFileSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../sandbox/index.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { loadConfig, type ServeConfig } from '../../../src/config/index.js';
import { silentLogger } from '../../../src/logger.js';
import { createBot } from '../../../src/server/create-bot.js';
import { openStore } from '../../../src/store/open-store.js';
import { CHANNEL } from '../bot/world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';

describe('a store that vanishes under the bot', () => {
  let world: World;
  let scratch: string;
  let path: string;
  beforeEach(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'ng-vanish-'));
    path = join(scratch, 'store.db');
    world = await startWorld(demo, { databaseUrl: `sqlite:${path}` });
    await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    await world.idle();
  });
  afterEach(async () => {
    await world.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  const health = async () => {
    const response = await fetch(`${world.botUrl}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('deleted: /healthz says 503 and that the file is gone', async () => {
    expect((await health()).status).toBe(200);
    unlinkSync(path);
    const after = await health();
    expect(after.status).toBe(503);
    expect(String(after.body.store)).toMatch(/store file .*store\.db is gone/);
  });

  it('overwritten with junk: /healthz says 503 and that it cannot be read', async () => {
    expect((await health()).status).toBe(200);
    writeFileSync(path, Buffer.alloc(64 * 1024, 0x5a));
    const after = await health();
    expect(after.status).toBe(503);
    expect(String(after.body.store)).toMatch(/store file .*store\.db (cannot be read|is damaged)/);
  });

  it('replaced by another store: /healthz says 503 and that it was replaced', async () => {
    const other = join(scratch, 'other.db');
    (await openStore(`sqlite:${other}`)).close();
    renameSync(other, path);
    const after = await health();
    expect(after.status).toBe(503);
    expect(String(after.body.store)).toMatch(/store file .*store\.db was replaced/);
  });

  it('restarted on an empty store while its comments are on the issue: refuses, naming the way out', async () => {
    const backup = join(scratch, 'backup.db');
    await world.store.ping();
    copyFileSync(path, backup);
    const config = loadConfig(
      { ...configEnv(world), DATABASE_URL: `sqlite:${join(scratch, 'empty.db')}` },
      {
        mode: 'serve',
      },
    ) as ServeConfig;
    const empty = await openStore(config.database.url);
    const bot = createBot({ config, logger: silentLogger(), store: empty, fast: true });
    const posted = world.sandbox.emulators.github.state().postedComments.length;
    try {
      await expect(bot.start(0, '127.0.0.1')).rejects.toThrow(
        /the store \(sqlite:.*empty\.db\) is empty, but nessus-gap-bot has already written nessus-gap comments on alchemy-conductors\/alcatraz \(the newest on #5120: .*\).*Restore it from its backup.*ACCEPT_EMPTY_STORE=true/,
      );
      expect(bot.server.listening).toBe(false);
      expect(world.sandbox.emulators.github.state().postedComments).toHaveLength(posted);
    } finally {
      await bot.stop(0);
      await empty.close();
    }

    // Knowingly: ACCEPT_EMPTY_STORE=true starts, once; the store is then not empty any more.
    const accepting = loadConfig(
      {
        ...configEnv(world),
        DATABASE_URL: `sqlite:${join(scratch, 'empty.db')}`,
        ACCEPT_EMPTY_STORE: 'true',
      },
      { mode: 'serve' },
    ) as ServeConfig;
    const reopened = await openStore(accepting.database.url);
    const started = createBot({ config: accepting, logger: silentLogger(), store: reopened, fast: true });
    try {
      await started.start(0, '127.0.0.1');
      expect(await reopened.isFresh()).toBe(false);
    } finally {
      await started.stop(0);
      await reopened.close();
    }
  });
});

/** The bot's environment in this world: the sandbox's variables and the local Slack's. */
function configEnv(world: World): NodeJS.ProcessEnv {
  return {
    ...world.sandbox.env,
    SLACK_BOT_TOKEN: world.config.slack.botToken,
    SLACK_SIGNING_SECRET: world.signingSecret,
    SLACK_API_URL: world.config.slack.apiUrl,
    LOG_LEVEL: 'silent',
  };
}
