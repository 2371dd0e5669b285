import type { Block } from '../../../../src/bot/render/blocks.js';
import { renderCategory } from '../../../../src/bot/render/category.js';
import {
  outcomeText,
  renderFailure,
  renderRefusal,
  replaceButtonWithOutcome,
} from '../../../../src/bot/render/outcome.js';
import { checkBlockLimits } from '../../../../src/bot/render/validate-blocks.js';
import { buildFinding, manyFindings } from '../../runbook/report/finding-builder.js';
import { buttonsOf, CTX } from './render-helpers.js';

const AT = new Date('2026-11-26T09:05:41Z');

function pendingDeletionMessage() {
  const findings = [
    buildFinding({
      ip: '10.10.4.20',
      category: 'pending_deletion',
      actions: ['request_reclaim', 'mark_pending_deletion'],
    }),
    buildFinding({
      ip: '10.10.4.21',
      category: 'pending_deletion',
      actions: ['request_reclaim', 'mark_pending_deletion'],
    }),
  ];
  const [message] = renderCategory('pending_deletion', findings, CTX);
  if (!message) throw new Error('no message');
  return message;
}

const ids = (blocks: Block[]) => blocks.map((block) => block.block_id);

describe('outcomeText', () => {
  it('says what was done, by whom (a mention) and when', () => {
    expect(outcomeText({ action: 'mark_notalchemy', userId: 'U123ABC', at: AT })).toBe(
      ':white_check_mark: Marked NOTALCHEMY by <@U123ABC> at 09:05 UTC',
    );
    expect(outcomeText({ action: 'power_on', userId: 'W0042', at: AT, byHand: true })).toBe(
      ':white_check_mark: Powered on (done by hand) by <@W0042> at 09:05 UTC',
    );
    // power_on on an unreachable machine was a reboot; on any other finding it powered on.
    expect(outcomeText({ action: 'power_on', userId: 'U1X', at: AT, category: 'unreachable' })).toBe(
      ':white_check_mark: Reboot sent by <@U1X> at 09:05 UTC',
    );
    expect(outcomeText({ action: 'power_on', userId: 'U1X', at: AT, category: 'powered_off' })).toBe(
      ':white_check_mark: Powered on by <@U1X> at 09:05 UTC',
    );
    expect(outcomeText({ action: 'mark_notalchemy', userId: 'U1X', at: AT, count: 37 })).toBe(
      ':white_check_mark: Marked NOTALCHEMY (37 IPs) by <@U1X> at 09:05 UTC',
    );
  });

  it('never builds a mention from anything but a Slack user id', () => {
    expect(outcomeText({ action: 'recheck', userId: '<!channel>', at: AT })).toBe(
      ':white_check_mark: Re-checked by &lt;!channel&gt; at 09:05 UTC',
    );
  });
});

describe('replaceButtonWithOutcome', () => {
  it('removes the clicked button and puts the outcome right after its finding', () => {
    const message = pendingDeletionMessage();
    const outcome = outcomeText({ action: 'mark_pending_deletion', userId: 'U123', at: AT });
    const blocks = replaceButtonWithOutcome(message.blocks, 'mark_pending_deletion:10.10.4.20', outcome);

    expect(buttonsOf({ blocks }).map((button) => button.action_id)).toEqual([
      'request_reclaim:10.10.4.20',
      'request_reclaim:10.10.4.21',
      'mark_pending_deletion:10.10.4.21',
    ]);
    const at = ids(blocks).indexOf('finding:10.10.4.20');
    expect(blocks[at + 1]).toEqual({
      type: 'context',
      block_id: 'outcome:10.10.4.20:1',
      elements: [{ type: 'mrkdwn', text: outcome, verbatim: true }],
    });
    expect(checkBlockLimits({ text: message.text, blocks })).toEqual([]);
    expect(message.blocks).toHaveLength(blocks.length - 1);
  });

  it('drops the actions block once its last button is gone and keeps outcomes in order', () => {
    const message = pendingDeletionMessage();
    const first = replaceButtonWithOutcome(message.blocks, 'request_reclaim:10.10.4.20', 'first');
    const second = replaceButtonWithOutcome(first, 'mark_pending_deletion:10.10.4.20', 'second');
    expect(ids(second)).not.toContain('actions:10.10.4.20');
    const at = ids(second).indexOf('finding:10.10.4.20');
    expect(ids(second).slice(at, at + 3)).toEqual([
      'finding:10.10.4.20',
      'outcome:10.10.4.20:1',
      'outcome:10.10.4.20:2',
    ]);
    expect(checkBlockLimits({ text: 'x', blocks: second })).toEqual([]);
  });

  it('puts a bulk outcome where the bulk buttons were', () => {
    const [message] = renderCategory('not_in_account', manyFindings(12, ['not_in_account']), CTX);
    const blocks = message?.blocks ?? [];
    const bulkAt = ids(blocks).indexOf('bulk:not_in_account');
    const after = replaceButtonWithOutcome(blocks, 'mark_notalchemy:bulk:not_in_account', 'all done');
    expect(after[bulkAt]).toEqual(
      expect.objectContaining({ type: 'context', elements: [expect.objectContaining({ text: 'all done' })] }),
    );
    expect(ids(after)).not.toContain('bulk:not_in_account');
  });

  it('changes nothing for an unknown action id (a second click)', () => {
    const message = pendingDeletionMessage();
    expect(replaceButtonWithOutcome(message.blocks, 'power_on:10.9.9.9', 'x')).toEqual(message.blocks);
  });
});

describe('renderFailure', () => {
  it('gives the escaped reason and a Retry that asks again', () => {
    const blocks = renderFailure('mark_notalchemy', '10.10.1.11', 'HTTP 503 <!here>', CTX);
    expect(blocks[0]).toEqual(
      expect.objectContaining({
        text: {
          type: 'mrkdwn',
          text: ':warning: Mark NOTALCHEMY failed for 10.10.1.11: HTTP 503 &lt;!here&gt;',
          verbatim: true,
        },
      }),
    );
    const [retry] = buttonsOf({ blocks });
    expect(retry?.text.text).toBe('Retry');
    expect(retry?.action_id).toBe('mark_notalchemy:10.10.1.11');
    expect(retry?.confirm?.text.text).toBe(
      'Mark 10.10.1.11 NOTALCHEMY in Inventory and note it on alcatraz#5120?',
    );
    expect(checkBlockLimits({ text: 'failed', blocks })).toEqual([]);
  });
});

describe('renderRefusal', () => {
  it('says who may act and where to ask, naming groups and the channel the Slack way', () => {
    const message = renderRefusal({
      allowedUsergroupIds: ['S0COMPSRE', 'S0SEC'],
      askChannelId: 'C0COMPLIANCE',
    });
    expect(message.text).toBe(
      ':lock: Only members of <!subteam^S0COMPSRE> or <!subteam^S0SEC> can change inventory or tickets from these buttons, so nothing was changed. Ask one of them in <#C0COMPLIANCE>.',
    );
    expect(checkBlockLimits(message)).toEqual([]);
  });

  it('ignores ids that are not Slack ids', () => {
    const message = renderRefusal({ allowedUsergroupIds: ['<!channel>'], askChannelId: '<!here>' });
    expect(message.text).not.toMatch(/<!channel>|<!here>/);
    expect(message.text).toContain('the people named in the bot’s configuration');
  });
});
