/**
 * `nessus-gap demo` starts from a store holding one earlier investigation (src/cli/demo-history.ts):
 * alcatraz#5096, 12 days ago, found 10.10.5.31 powered off; bob powered it on 11 days ago and it left
 * that issue 10 days ago. The demo's thread and issue comment show it as that target's history.
 */
import { main } from '../../../src/cli/main.js';
import { capturedStream } from '../../helpers/captured-stream.js';

const DAY = 86_400_000;

describe('nessus-gap demo with a past', () => {
  it('prints the history line of the target seen before, in the thread and on the issue', async () => {
    const stdout = capturedStream();
    const stderr = capturedStream();
    const before = Date.now();
    const code = await main(['demo'], { stdout, stderr, env: { LOG_LEVEL: 'silent' }, interactive: false });
    expect(stderr.text()).toBe('');
    expect(code).toBe(0);
    const day = new Date(before - 12 * DAY).toISOString().slice(0, 10);
    const line = `Earlier: alcatraz#5096 (${day}) · Powered off · Powered on by @bob · unscanned again 10 days later`;
    const [thread = '', comments = ''] = stdout.text().split('═══ Comments on');
    expect(thread).toContain(`_${line}_`);
    // On GitHub the issue number and the handle are kept from linking and mentioning.
    expect(comments.replace(/\u200b/g, '')).toContain(`_${line}_`);
    expect(thread.match(/Earlier: /g)).toHaveLength(1);
  }, 60_000);
});
