/**
 * Anyone who can comment on a gap issue can copy the bot's hidden markers (they are in the raw text
 * of its comments). The bot adopts a marked comment as its own only when its GitHub login wrote it:
 * a planted close-out, a planted report after a crash, a planted action record are each ignored, and
 * the bot writes its own. Its own marked comments are still adopted (test/integration/restart).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../../sandbox/index.js';
import { publishReport } from '../../../src/app/investigations/publish.js';
import { closeOutMarker, reportMarker } from '../../../src/app/markers.js';
import { finishInterruptedActions } from '../../../src/app/schedule/finish-interrupted.js';
import { recheckOpenInvestigations } from '../../../src/app/schedule/recheck-job.js';
import { slackIdentity } from '../../../src/bot/identity.js';
import { findPostedInThread } from '../../../src/bot/resume-thread.js';
import { startWorld, type World } from '../../../src/cli/world.js';
import { openStore } from '../../../src/store/open-store.js';
import type { InvestigationRecord } from '../../../src/store/store.js';
import { CHANNEL, postedComments } from '../bot/world-helpers.js';

const demo = loadScenario('examples/scenarios/demo.yaml');
const REPO = 'alchemy-conductors/alcatraz';
const ISSUE_URL = `https://github.ibm.com/${REPO}/issues/5120`;
const MINUTE = 60_000;

describe('markers planted by someone else', () => {
  let world: World;
  let record: InvestigationRecord;
  let alertTs: string;
  beforeEach(async () => {
    world = await startWorld(demo);
    const alert = await world.driver.postAlert({ channel: CHANNEL, text: `GAP ALERT ${ISSUE_URL}` });
    alertTs = alert.ts;
    await world.idle();
    const found = await world.store.findInvestigationByThread(CHANNEL, alert.ts);
    if (!found?.report) throw new Error('the alert was not investigated');
    record = found;
  });
  afterEach(async () => {
    await world.close();
  });

  const plant = (body: string) => world.sandbox.emulators.github.addComment(REPO, 5120, body, 'mallory');
  const botLogin = () => world.bot.context.identity.github();

  it('gives every investigation an unguessable marker', async () => {
    expect(record.marker).toMatch(/^[0-9a-f]{24}$/);
    const report = postedComments(world).find((c) => c.body.includes('nessus-gap:report'));
    expect(report?.body.startsWith(reportMarker(record, 1))).toBe(true);
    expect(report?.body).toContain(`ref=${record.marker}`);
  });

  it('close-out: a planted close-out marker is not taken for the bot’s, which it posts', async () => {
    const planted = [
      plant(`${closeOutMarker(record)}\nclosed out (not really)`),
      plant(`<!-- nessus-gap:close-out investigation=${record.id} -->\nthe old, guessable form`),
    ];
    world.sandbox.emulators.github.editIssue(REPO, 5120, { state: 'closed' });
    const before = postedComments(world).length;
    const outcome = await recheckOpenInvestigations(world.bot.context, new Date(Date.now() + 2 * MINUTE));
    expect(outcome.closedOut).toEqual([record.id]);
    const posted = postedComments(world).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.login).toBe(await botLogin());
    expect(posted[0]?.body.startsWith(closeOutMarker(record))).toBe(true);
    const ref = (await world.store.listMessages(record.id)).find((m) => m.key === 'close-out-comment')?.ref;
    expect(ref).toMatch(new RegExp(`#issuecomment-${posted[0]?.id}$`));
    for (const { id } of planted) expect(ref).not.toMatch(new RegExp(`#issuecomment-${id}$`));
  });

  it('report after a crash: a planted report marker is not adopted; the bot posts its report', async () => {
    const { report } = record;
    if (!report) throw new Error('the alert was not investigated');
    const forged = plant(`${reportMarker(record, 1)}\nA report the bot did not write.`);
    // The crash came before the bot's own report comment: the issue holds only the planted one.
    const login = await botLogin();
    const issue = await world.bot.integrations.issues.getIssue(REPO, 5120);
    const comments = issue.comments.filter((c) => c.author !== login);
    expect(comments.some((c) => c.id === forged.id && c.author === 'mallory')).toBe(true);

    const scratch = mkdtempSync(join(tmpdir(), 'ng-planted-'));
    const amnesic = await openStore(`sqlite:${join(scratch, 'store.db')}`);
    try {
      await amnesic.recordMessage({
        investigationId: record.id,
        key: 'summary',
        ref: record.summaryTs ?? '',
      });
      const before = postedComments(world).length;
      await publishReport({ ...world.bot.context, store: amnesic }, record, report, {
        adoptFrom: { comments },
      });
      const posted = postedComments(world).slice(before);
      expect(posted).toHaveLength(1);
      expect(posted[0]?.body.startsWith(reportMarker(record, 1))).toBe(true);
      const ref = (await amnesic.listMessages(record.id)).find((m) => m.key === 'issue-comment:1')?.ref;
      expect(ref).toBe(`http://github.sandbox.local/${REPO}/issues/5120#issuecomment-${posted[0]?.id}`);
    } finally {
      await amnesic.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('thread after a crash: another app’s message with the bot’s block id is not adopted', async () => {
    const summaryId = 'summary';
    const ours = world.slack
      .thread(CHANNEL, alertTs)
      .find(
        (m) =>
          m.author === 'bot' && (m.blocks?.[0] as { block_id?: string } | undefined)?.block_id !== summaryId,
      );
    const ourBlockId = (ours?.blocks?.[0] as { block_id?: string } | undefined)?.block_id ?? '';
    expect(ourBlockId).not.toBe('');
    const impostor = await world.driver.postAlert({
      channel: CHANNEL,
      threadTs: alertTs,
      botId: 'B0IMPOSTOR',
      username: 'nessus-gap',
      text: 'a category message',
      blocks: [{ type: 'section', block_id: 'category:planted:1', text: { type: 'mrkdwn', text: 'x' } }],
    });
    const found = await findPostedInThread(world.bot.slack.client, {
      bot: await slackIdentity(world.bot.slack.client)(),
      channel: CHANNEL,
      threadTs: alertTs,
      after: alertTs,
      firstBlockIds: new Map([
        ['category:planted:1', 'planted'],
        [ourBlockId, 'ours'],
      ]),
      fileName: 'none.md',
    });
    expect(found.get('ours')).toBe(ours?.ts);
    expect(found.has('planted')).toBe(false);
    expect(impostor.ts).not.toBe('');
  });

  it('action record: a planted action marker does not stand in for documenting a real change', async () => {
    // An inventory change done, and the process gone before it commented on the issue.
    const key = `${REPO}#5120:mark_notalchemy:10.10.1.11`;
    const at = new Date(Date.now() - 20 * MINUTE);
    await world.store.beginAction({
      key,
      investigationId: record.id,
      repo: REPO,
      issueNumber: 5120,
      action: 'mark_notalchemy',
      ip: '10.10.1.11',
      userId: 'U0ALICE',
      userName: 'alice',
      createdAt: at,
    });
    await world.store.finishAction(key, 'done', 'inventory server 1001 environment set to NOTALCHEMY', at);
    const names = `nessus-gap:action action=mark_notalchemy ip=10.10.1.11 issue=${REPO}#5120 status=done`;
    plant(`10.10.1.11 was marked (says mallory)\n\n<!-- ${names} ref=${record.marker} -->`);
    plant(`old form\n\n<!-- ${names} -->`);

    const before = postedComments(world).length;
    const summary = await finishInterruptedActions(world.bot.context, new Date(Date.now() + 11 * MINUTE));
    expect(summary.comments).toBe(1);
    const posted = postedComments(world).slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]?.login).toBe(await botLogin());
    expect(posted[0]?.body).toContain(`<!-- ${names} ref=${record.marker} -->`);
    const ref = (await world.store.listMessages(record.id)).find(
      (m) => m.key === `action-comment:${key}`,
    )?.ref;
    expect(ref).toMatch(new RegExp(`#issuecomment-${posted[0]?.id}$`));
  });
});
