/**
 * The batch probe command's output is read strictly (src/integrations/probe/probe-commands.ts): every
 * IP of the batch and each of its two checks exactly once, nothing else; anything else makes the
 * whole answer unreadable, since a half-read answer could pass a silent host as up.
 */
import { batchDeadlineMs, parseBatchOutput } from '../../../src/integrations/probe/probe-commands.js';

const IPS = ['10.1.0.1', '10.1.0.2'];

describe('parseBatchOutput', () => {
  it('reads one line per IP and check, in any order, with the exit codes as printed', () => {
    const out = '10.1.0.2 tcp22 1\n10.1.0.1 ping 0\n10.1.0.2 ping 1\n10.1.0.1 tcp22 127\n';
    expect(parseBatchOutput(out, IPS)).toEqual(
      new Map([
        ['10.1.0.1', { ping: 0, tcp22: 127 }],
        ['10.1.0.2', { ping: 1, tcp22: 1 }],
      ]),
    );
  });

  it('refuses a missing, repeated, unknown or malformed line', () => {
    const full = '10.1.0.1 ping 0\n10.1.0.1 tcp22 0\n10.1.0.2 ping 1\n10.1.0.2 tcp22 1\n';
    expect(parseBatchOutput('10.1.0.1 ping 0\n10.1.0.1 tcp22 0\n10.1.0.2 ping 1\n', IPS)).toBe(
      'no tcp22 result for 10.1.0.2',
    );
    expect(parseBatchOutput('', IPS)).toBe('no ping result for 10.1.0.1');
    expect(parseBatchOutput(`${full}10.1.0.2 ping 0\n`, IPS)).toBe('ping of 10.1.0.2 reported twice');
    expect(parseBatchOutput(`${full}10.1.0.3 ping 0\n`, IPS)).toBe(
      'output for 10.1.0.3, which the batch did not name',
    );
    expect(parseBatchOutput(`${full}10.1.0.1 ssh 0\n`, IPS)).toBe('unexpected output line "10.1.0.1 ssh 0"');
    expect(parseBatchOutput(`${full} 10.1.0.1 ping 0\n`, IPS)).toBe(
      'unexpected output line " 10.1.0.1 ping 0"',
    );
    expect(parseBatchOutput(full.replace('ping 0', 'ping -1'), IPS)).toBe(
      'unexpected output line "10.1.0.1 ping -1"',
    );
  });
});

describe('batchDeadlineMs', () => {
  it('gives a batch the command deadline plus 3 s per wave of IPs the parallelism lets through', () => {
    expect(batchDeadlineMs(200, 64, 3000)).toBe(3000 + 4 * 3000);
    expect(batchDeadlineMs(64, 64, 3000)).toBe(6000);
    expect(batchDeadlineMs(1, 64, 1000)).toBe(4000);
  });
});
