/**
 * `nessus-gap demo`, the embedded default: the sandbox world of examples/scenarios/demo.yaml, a local
 * Slack and the bot; PagerDuty posts a gap alert, the bot answers in its thread, an authorised
 * person marks the machine that is not ours NOTALCHEMY. Prints the thread, the issue comments, the
 * audit log and the App Home tab as alice sees it when she opens it. The store starts with one earlier
 * investigation (src/cli/demo-history.ts), so a finding shows its history.
 * No credentials, nothing beyond 127.0.0.1, SQLite in a temporary directory.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  blockKitBuilderUrl,
  blocksToLines,
  loadScenario,
  renderThreadAsText,
} from '../../../sandbox/index.js';
import { checkScannerHealth } from '../../app/schedule/scanner-health-job.js';
import { seedDemoHistory } from '../demo-history.js';
import { type CommandIo, writeLine } from '../io.js';
import { packageRoot } from '../package-root.js';
import type { World } from '../world.js';
import { startWorld } from '../world.js';

const ALERT_CHANNEL = 'C0ALERTS';

export async function demoCommand(io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args: io.argv, options: { scenario: { type: 'string' } } });
  const scenario = loadScenario(values.scenario ?? join(packageRoot(), 'examples', 'scenarios', 'demo.yaml'));
  const world = await startWorld(scenario, { logLevel: io.env.LOG_LEVEL ?? 'silent' });
  try {
    await seedDemoHistory(world.store, scenario.github.gapRepo);
    const issueUrl = `https://github.ibm.com/${scenario.github.gapRepo}/issues/${scenario.github.gapIssue}`;
    const alert = await world.driver.postAlert({
      channel: ALERT_CHANNEL,
      username: 'PagerDuty',
      text: '',
      attachments: [
        {
          fallback: '[Triggered] GAP ALERT - unscanned machines require investigation',
          title: 'GAP ALERT - unscanned machines require investigation',
          title_link: issueUrl,
          text: `Alchemy Compliance: machines in our inventory are not being scanned. Details: ${issueUrl}`,
          color: '#d00000',
        },
      ],
    });
    await world.idle();

    // An authorised SRE presses the first Mark NOTALCHEMY button of the thread.
    const thread = world.slack.thread(ALERT_CHANNEL, alert.ts);
    const withButton = thread.find((m) =>
      JSON.stringify(m.blocks ?? []).includes('"action_id":"mark_notalchemy:'),
    );
    if (withButton) {
      const actionId = /"action_id":"(mark_notalchemy:[^"]+)"/.exec(JSON.stringify(withButton.blocks))?.[1];
      if (actionId) {
        await world.driver.clickButton({
          userId: 'U0ALICE',
          userName: 'alice',
          channel: ALERT_CHANNEL,
          messageTs: withButton.ts,
          threadTs: alert.ts,
          actionId,
        });
        await world.idle();
      }
    }

    const final = world.slack.thread(ALERT_CHANNEL, alert.ts);
    writeLine(io.stdout, '═══ Slack thread (#alerts) ═══');
    writeLine(io.stdout, renderThreadAsText(final));
    writeLine(io.stdout, '═══ Block Kit Builder links ═══');
    const withBlocks = final.filter((m) => (m.blocks?.length ?? 0) > 0);
    for (const [i, m] of withBlocks.entries())
      writeLine(io.stdout, `message ${i + 1}: ${blockKitBuilderUrl(m.blocks ?? [])}`);
    writeLine(io.stdout, '');
    writeLine(io.stdout, `═══ Comments on ${scenario.github.gapRepo}#${scenario.github.gapIssue} ═══`);
    for (const comment of world.sandbox.emulators.github.state().postedComments) {
      writeLine(io.stdout, comment.body);
      writeLine(io.stdout, '───');
    }
    const audit = await world.store.listActions();
    writeLine(io.stdout, '═══ Audit log ═══');
    for (const a of audit)
      writeLine(
        io.stdout,
        `${a.createdAt.toISOString()} ${a.userName ?? a.userId} ${a.action} ${a.ip} ${a.status}: ${a.result ?? ''}`,
      );
    await printHome(io, world, 'U0ALICE');
    return 0;
  } finally {
    await world.close();
  }
}

/** Opens the bot's Home tab as `user` and prints what Slack shows there. */
async function printHome(io: CommandIo, world: World, user: string): Promise<void> {
  // The demo runs no cron: the scanner health job runs once, as the schedule would have by now.
  await checkScannerHealth(world.bot.context, new Date());
  await world.driver.openAppHome({ userId: user });
  await world.idle();
  const home = world.slack.homeView(user);
  writeLine(io.stdout, `═══ App Home (${world.slack.userName(user) ?? user}) ═══`);
  const blocks = Array.isArray(home?.view.blocks) ? (home.view.blocks as Record<string, unknown>[]) : [];
  writeLine(io.stdout, blocks.length > 0 ? blocksToLines(blocks).join('\n') : '(nothing published)');
}
