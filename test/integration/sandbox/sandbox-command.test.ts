import { PassThrough } from 'node:stream';
import { sandboxCommand } from '../../../src/cli/commands/sandbox.js';
import type { CommandIo } from '../../../src/cli/io.js';
import { main } from '../../../src/cli/main.js';

const FIXTURES = new URL('../../fixtures/scenarios/', import.meta.url).pathname;

function capture(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const io: CommandIo = { argv, stdin: new PassThrough(), stdout, stderr, env: {}, interactive: false };
  return { io, out: () => out, err: () => err };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error('condition not met in time');
}

describe('nessus-gap sandbox', () => {
  it('prints one {"env":...} line when ready, serves until aborted, then exits 0', async () => {
    const run = capture([
      '--scenario',
      `${FIXTURES}sandbox-small.yaml`,
      '--latency',
      '0',
      '--faults',
      '0',
      '--seed',
      '5',
    ]);
    const controller = new AbortController();
    const exit = sandboxCommand(run.io, { signal: controller.signal });
    await until(() => run.out().includes('\n'));
    const lines = run.out().split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const { env } = JSON.parse(lines[0] ?? '') as { env: Record<string, string> };
    expect(env.GITHUB_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v3$/);
    const issue = await fetch(`${env.GITHUB_API_URL}/repos/alchemy-conductors/alcatraz/issues/4711`, {
      headers: { authorization: `token ${env.GITHUB_TOKEN}` },
    });
    expect(issue.status).toBe(200);
    controller.abort();
    await expect(exit).resolves.toBe(0);
    await expect(fetch(`${env.GITHUB_API_URL}/repos/x/y/issues/1`)).rejects.toThrow();
    expect(run.out().split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.err()).toBe('');
  });

  it('prints the credentials of every further SoftLayer account, all at the one SoftLayer URL', async () => {
    const run = capture(['--scenario', `${FIXTURES}two-accounts.yaml`]);
    const controller = new AbortController();
    const exit = sandboxCommand(run.io, { signal: controller.signal });
    await until(() => run.out().includes('\n'));
    const { env } = JSON.parse(run.out().trim()) as { env: Record<string, string> };
    expect(
      Object.keys(env)
        .filter((name) => name.startsWith('SOFTLAYER_'))
        .sort(),
    ).toEqual([
      'SOFTLAYER_ALC_FR2_API_KEY',
      'SOFTLAYER_ALC_FR2_USERNAME',
      'SOFTLAYER_API_KEY',
      'SOFTLAYER_API_URL',
      'SOFTLAYER_USERNAME',
    ]);
    const basic = Buffer.from(`${env.SOFTLAYER_ALC_FR2_USERNAME}:${env.SOFTLAYER_ALC_FR2_API_KEY}`).toString(
      'base64',
    );
    const guests = await fetch(`${env.SOFTLAYER_API_URL}SoftLayer_Account/getVirtualGuests.json`, {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(((await guests.json()) as Array<{ id: number }>).map((guest) => guest.id)).toEqual([7101, 7102]);
    controller.abort();
    await expect(exit).resolves.toBe(0);
  });

  it('is registered in main', async () => {
    const run = capture([]);
    expect(await main(['sandbox'], run.io)).toBe(2);
    expect(run.err()).toContain('--scenario');
  });

  it.each([
    [[], /needs --scenario FILE/],
    [['--scenario', `${FIXTURES}sandbox-small.yaml`, '--latency', 'fast'], /--latency must be milliseconds/],
    [
      ['--scenario', `${FIXTURES}sandbox-small.yaml`, '--latency=-5'],
      /--latency must be milliseconds, a whole number from 0, got '-5'/,
    ],
    [
      ['--scenario', `${FIXTURES}sandbox-small.yaml`, '--latency', '-5'],
      /argument is ambiguous\. Did you forget/,
    ],
    [
      ['--scenario', `${FIXTURES}sandbox-small.yaml`, '--faults', '1.5'],
      /--faults must be a rate from 0 to 1, got '1.5'/,
    ],
    [['--scenario', `${FIXTURES}sandbox-small.yaml`, '--seed', '1.5'], /--seed must be a whole number/],
    [['--scenario', `${FIXTURES}sandbox-small.yaml`, '--bogus'], /Unknown option '--bogus'/],
    [
      ['--scenario', `${FIXTURES}sandbox-bad.yaml`],
      /scenario .*sandbox-bad\.yaml: github\.issues\.0\.number: expected number/,
    ],
    [['--scenario', `${FIXTURES}missing.yaml`], /missing\.yaml: cannot read it \(no such file\)/],
  ])('exits 2 for %j with a message naming the problem', async (argv, message) => {
    const run = capture(argv);
    expect(await main(['sandbox', ...argv], run.io)).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.err()).toMatch(/^nessus-gap: /);
    expect(run.out()).toBe('');
  });
});
