import {
  type ActionCommentInput,
  mentionSafeUser,
  renderActionComment,
} from '../../../../src/runbook/report/action-comment.js';
import { ZERO_WIDTH_SPACE } from '../../../../src/runbook/report/escape-markdown.js';
import { linkableMarkers } from './markdown-checks.js';

const ZW = ZERO_WIDTH_SPACE;

function input(overrides: Partial<ActionCommentInput> = {}): ActionCommentInput {
  return {
    action: 'mark_notalchemy',
    ip: '10.10.1.11',
    hostname: 'prod-dal10-carrier4-worker-01',
    user: 'alice',
    at: new Date('2026-11-26T09:05:42Z'),
    issue: { repo: 'alchemy-conductors/alcatraz', number: 5120 },
    outcome: { status: 'done' },
    category: 'not_in_account',
    ...overrides,
  };
}

describe('renderActionComment', () => {
  it('reads as one plain sentence, with a user that cannot be mentioned', () => {
    const [sentence, marker] = renderActionComment(input()).split('\n\n');
    expect(sentence).toBe(
      `10.10.1.11 (prod-dal10-carrier4-worker-01) was not in our IBM Cloud accounts and was marked NOTALCHEMY in Inventory by @${ZW}alice via Slack, 2026-11-26 09:05 UTC.`,
    );
    expect(marker).toBe(
      '<!-- nessus-gap:action action=mark_notalchemy ip=10.10.1.11 issue=alchemy-conductors/alcatraz#5120 status=done -->',
    );
  });

  it('says when a person made the change by hand, and adds the detail', () => {
    const text = renderActionComment(
      input({
        action: 'mark_pending_deletion',
        category: 'pending_deletion',
        hostname: null,
        outcome: { status: 'done_by_hand', detail: 'Cancellation ticket 88004.' },
      }),
    );
    expect(text.split('\n\n')[0]).toBe(
      `10.10.1.11 was pending deletion and was marked PENDING-DELETION (Environment and Application) in Inventory by @${ZW}alice (done by hand, confirmed via Slack), 2026-11-26 09:05 UTC. Cancellation ticket 88004.`,
    );
  });

  it('reports a failure with its reason', () => {
    const text = renderActionComment(
      input({ action: 'power_on', outcome: { status: 'failed', reason: 'SoftLayer said 500' } }),
    );
    expect(text).toContain(
      `Power on failed for 10.10.1.11 (prod-dal10-carrier4-worker-01), asked by @${ZW}alice via Slack, 2026-11-26 09:05 UTC: SoftLayer said 500.`,
    );
    expect(text).toContain('status=failed -->');
  });

  it('calls power_on on an unreachable machine a reboot, done or failed', () => {
    const done = renderActionComment(
      input({ action: 'power_on', category: 'unreachable', outcome: { status: 'done', detail: 'Sent.' } }),
    );
    expect(done).toMatch(/^10\.10\.1\.11 \(prod-dal10-carrier4-worker-01\) .*was rebooted by /);
    const failed = renderActionComment(
      input({
        action: 'power_on',
        category: 'unreachable',
        outcome: { status: 'failed', reason: 'HTTP 500' },
      }),
    );
    expect(failed).toMatch(/^Reboot failed for 10\.10\.1\.11/);
  });

  it('escapes every untrusted field, and the marker cannot be closed early', () => {
    const text = renderActionComment(
      input({
        ip: '10.1.2.3 --> <script>',
        hostname: '@org/team [x](http://evil)',
        user: '@here <!channel>',
        outcome: { status: 'failed', reason: '<img src=x> @everyone' },
      }),
    );
    expect(linkableMarkers(text.replace(/#5120/, ''))).toEqual([]);
    expect(text).not.toMatch(/<(?!!-- nessus-gap)/);
    expect(text.indexOf('-->')).toBe(text.length - 3);
    expect(text).toContain(`by @${ZW}here &lt;!channel&gt; via Slack`);
  });

  it('refuses an invalid date', () => {
    expect(() => renderActionComment(input({ at: new Date('nope') }))).toThrow(RangeError);
  });
});

describe('mentionSafeUser', () => {
  it('keeps one @ and breaks the mention', () => {
    expect(mentionSafeUser('@@alice')).toBe(`@${ZW}alice`);
    expect(mentionSafeUser('  ')).toBe('someone');
  });
});
