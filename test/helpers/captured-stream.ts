/** A writable stream that keeps what a command writes, for tests that run the command line in-process. */
import { Writable } from 'node:stream';

export function capturedStream(): Writable & { text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}
