/** Exit code 2 for a usage mistake, whatever the command: the message names the problem. */
import { main } from '../../../src/cli/main.js';
import { capturedStream } from '../../helpers/captured-stream.js';

describe('a usage mistake', () => {
  it.each(['parse', 'investigate', 'sandbox', 'demo', 'audit', 'doctor', 'bench'])(
    '%s --bogus exits 2 naming the option',
    async (command) => {
      const stderr = capturedStream();
      const code = await main([command, '--bogus'], {
        stdout: capturedStream(),
        stderr,
        env: {},
        interactive: false,
      });
      expect({ code, stderr: stderr.text() }).toEqual({ code: 2, stderr: expect.stringMatching(/--bogus/) });
    },
  );
});

describe('bench --dead', () => {
  it.each(['1.5', '0.9', 'a third', '1e-1'])('refuses %s as a share, naming the option', async (value) => {
    const stderr = capturedStream();
    const code = await main(['bench', '--dead', value], {
      stdout: capturedStream(),
      stderr,
      env: {},
      interactive: false,
    });
    expect({ code, stderr: stderr.text() }).toEqual({
      code: 2,
      stderr: expect.stringContaining(`--dead must be a share between 0 and 0.85 (got '${value}')`),
    });
  });
});
