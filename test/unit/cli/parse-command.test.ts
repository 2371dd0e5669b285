import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/gap-reports');

/** A writable stream that keeps what was written, for asserting on CLI output. */
class Capture extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(
    chunk: Buffer | string,
    _encoding: BufferEncoding,
    done: (error?: Error | null) => void,
  ): void {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    done();
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

async function run(
  argv: string[],
  stdinText = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const stdin = Readable.from([Buffer.from(stdinText)]);
  const code = await main(argv, { stdout, stderr, stdin, env: {}, interactive: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('nessus-gap parse', () => {
  it('prints the targets of a fixture as one JSON line and exits 0', async () => {
    const { code, stdout, stderr } = await run(['parse', join(FIXTURES, 'basic-table.md')]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().includes('\n')).toBe(false);
    const parsed = JSON.parse(stdout);
    expect(parsed.targets).toHaveLength(5);
    expect(parsed.targets[0]).toEqual({
      ip: '10.94.17.23',
      interface: 'private',
      hostname: 'prod-dal10-carrier6-worker-07',
      environment: 'PROD-US-SOUTH',
      neverScanned: true,
      lastScan: null,
    });
  });

  it('prints {"targets":[]} for a body without machines', async () => {
    const { code, stdout } = await run(['parse', join(FIXTURES, 'empty.md')]);
    expect(code).toBe(0);
    expect(stdout).toBe('{"targets":[]}\n');
  });

  it('exits 2 with a message naming the missing file', async () => {
    const missing = join(FIXTURES, 'does-not-exist.md');
    const { code, stdout, stderr } = await run(['parse', missing]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(missing);
    expect(stderr).toMatch(/no such file/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reads stdin when no FILE is given', async () => {
    const { code, stdout } = await run(
      ['parse'],
      '- 10.1.2.3 (private) prod-x-01 PROD-US-SOUTH — Scan attempted: never\n',
    );
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      targets: [
        {
          ip: '10.1.2.3',
          interface: 'private',
          hostname: 'prod-x-01',
          environment: 'PROD-US-SOUTH',
          neverScanned: true,
          lastScan: null,
        },
      ],
    });
  });

  it('reads stdin for "-"', async () => {
    const { code, stdout } = await run(['parse', '-'], 'The machine 10.1.2.3 has not been scanned');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).targets.map((t: { ip: string }) => t.ip)).toEqual(['10.1.2.3']);
  });

  it('exits 2 on more than one FILE', async () => {
    const { code, stderr } = await run(['parse', 'a.md', 'b.md']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/at most one FILE/);
  });
});
