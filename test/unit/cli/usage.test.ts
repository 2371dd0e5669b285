/** Exit code 2 for a usage mistake, whatever the command: the message names the problem. */
import { Writable } from 'node:stream';
import { main } from '../../../src/cli/main.js';

function capture(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

describe('a usage mistake', () => {
  it.each(['parse', 'investigate', 'sandbox', 'demo', 'audit', 'doctor', 'bench'])(
    '%s --bogus exits 2 naming the option',
    async (command) => {
      const stderr = capture();
      const code = await main([command, '--bogus'], {
        stdout: capture(),
        stderr,
        env: {},
        interactive: false,
      });
      expect({ code, stderr: stderr.text() }).toEqual({ code: 2, stderr: expect.stringMatching(/--bogus/) });
    },
  );
});
