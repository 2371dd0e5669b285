/**
 * The bot with its worker pool running (its workers started from the TypeScript sources): a slash
 * command is acked while a large report renders, and a report rendered off the thread is posted
 * exactly as the bot rendered it before: the same issue comments, and a report file byte for byte
 * the document `renderMarkdown` gives, for a fixed generated world.
 */
import { generateWorld } from '../../../sandbox/generate-world.js';
import { reportMarker } from '../../../src/app/markers.js';
import { ALERT_CHANNEL, alertFor } from '../../../src/bench/run-bench.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { renderIssueComments, renderMarkdown } from '../../../src/runbook/report/markdown.js';
import { sourceWorker } from '../../helpers/source-worker.js';
import { buildReport, manyFindings } from '../../unit/runbook/report/finding-builder.js';

const LONG = 180_000;
const TARGETS = 600;

describe('the bot with its worker pool', () => {
  let world: World;
  beforeAll(async () => {
    // seed 42 (the default) and a generated world: the same report on every run.
    world = await startWorld(generateWorld(TARGETS).scenario, {
      seed: 42,
      workers: { spawn: sourceWorker, inThreadBelow: 50 },
    });
  }, LONG);
  afterAll(async () => {
    await world?.close();
  }, LONG);

  const help = async () => {
    const started = performance.now();
    const answer = await world.driver.slashCommand({
      text: 'help',
      userId: 'U0ALICE',
      channelId: ALERT_CHANNEL,
    });
    expect(answer.status).toBe(200);
    return performance.now() - started;
  };

  it(
    'posts the comments and the report file the old rendering gives, byte for byte',
    async () => {
      await help();
      const issueNumber = world.sandbox.scenario.github.gapIssue ?? 0;
      await world.driver.postAlert(alertFor(world, issueNumber));
      await world.idle(LONG);

      const [record] = (await world.store.listActiveInvestigations()).filter(
        (r) => r.issueNumber === issueNumber,
      );
      const report = record?.report;
      if (!record || !report) throw new Error('the alert was not investigated');
      expect(report.findings).toHaveLength(TARGETS);

      const expected = renderIssueComments(report);
      expect(expected.length).toBeGreaterThan(1);
      const posted = world.sandbox.emulators.github
        .state()
        .postedComments.filter((c) => c.number === issueNumber)
        .map((c) => c.body);
      expect(posted).toEqual(expected.map((body, index) => `${reportMarker(record, index + 1)}\n${body}`));

      const files = world.slack.files();
      expect(files).toHaveLength(1);
      expect(files[0]?.content?.equals(Buffer.from(renderMarkdown(report), 'utf8'))).toBe(true);
    },
    LONG,
  );

  it(
    'acks a slash command while a large report renders',
    async () => {
      const heavy = world.bot.context.heavy;
      if (!heavy) throw new Error('the bot has no worker pool');
      const report = buildReport(manyFindings(6000));
      const started = performance.now();
      renderIssueComments(report);
      const syncMs = performance.now() - started;

      await help();
      let rendering = true;
      const render = heavy.issueComments(report).finally(() => {
        rendering = false;
      });
      const acks: number[] = [];
      while (rendering) acks.push(await help());
      await render;
      console.log(
        `rendering 6000 findings on the main thread: ${syncMs.toFixed(0)} ms; acks meanwhile: ${acks.map((ms) => ms.toFixed(0)).join(', ')} ms`,
      );
      // More than one answer during the render, none of them held for half of it.
      expect(acks.length).toBeGreaterThan(1);
      expect(Math.max(...acks)).toBeLessThan(syncMs / 2);
    },
    LONG,
  );
});
