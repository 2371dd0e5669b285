/**
 * `nessus-gap bench [--targets N] [--latency MS] [--dead SHARE] [--format json|text] [--faults RATE] [--seed N] [--cold]`
 * (docs/contract.md section 6): one alert through the whole product on a generated world of N targets,
 * after a small warm-up investigation (a running bot's state) unless `--cold`. `--bot-process`: the bot
 * runs as `nessus-gap serve` in a process of its own and its peak memory alone is reported.
 * `--sweep [--sweep-sizes 10,100,1000,10000]`: one run per size, each in a fresh process so that
 * peak memory is that size's own. `--ack [--investigations 3] [--commands 200]`: slash command ack
 * times while large investigations run. `--naive [--naive-budget SECONDS]`: after the run, the same
 * world walked one IP at a time as a script would (src/bench/naive-peer.ts), cut off after the budget
 * (default 60 s) and extrapolated. Results on stdout; progress on stderr only on a terminal.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MAX_DEAD_SHARE } from '../../../sandbox/generate-world.js';
import { runAckBench } from '../../bench/ack-bench.js';
import { summarizeAcks } from '../../bench/ack-stats.js';
import {
  benchJson,
  naiveJson,
  renderAckText,
  renderNaiveText,
  renderRunText,
  renderSweepText,
} from '../../bench/format.js';
import { DEFAULT_NAIVE_BUDGET_MS, runNaive } from '../../bench/naive-peer.js';
import { type BenchResult, DEFAULT_DEAD_SHARE, runBench } from '../../bench/run-bench.js';
import { InputError } from '../../errors.js';
import { type CommandIo, writeLine } from '../io.js';
import { parseNumberOption, parseRateOption } from '../options.js';

const FORMATS = ['json', 'text'] as const;
type Format = (typeof FORMATS)[number];
const DEFAULT_SWEEP = [10, 100, 1000, 10_000];
const MAX_TARGETS = 100_000;

export async function benchCommand(io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: io.argv,
    allowPositionals: false,
    options: {
      targets: { type: 'string' },
      latency: { type: 'string' },
      format: { type: 'string', default: 'json' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      sweep: { type: 'boolean', default: false },
      'sweep-sizes': { type: 'string' },
      ack: { type: 'boolean', default: false },
      cold: { type: 'boolean', default: false },
      'bot-process': { type: 'boolean', default: false },
      investigations: { type: 'string' },
      commands: { type: 'string' },
      dead: { type: 'string' },
      naive: { type: 'boolean', default: false },
      'naive-budget': { type: 'string' },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new InputError(`--format must be one of ${FORMATS.join(', ')} (got '${values.format}').`);
  const targets = checkTargets('--targets', parseNumberOption('--targets', values.targets, 1000));
  const latencyMs = parseNumberOption('--latency', values.latency, 50);
  const faultRate = parseRateOption('--faults', values.faults);
  const seed = parseNumberOption('--seed', values.seed, 42);
  const deadShare = parseDeadShare(values.dead);
  if (values.sweep && values.ack) throw new InputError('give --sweep or --ack, not both.');
  const botProcess = values['bot-process'];
  /** What every measured run of this command shares; each adds its number of targets. */
  const runOptions = { latencyMs, faultRate, seed, cold: values.cold, botProcess, deadShare };
  const progress = (line: string) => {
    if (io.interactive) writeLine(io.stderr, `bench: ${line}`);
  };

  if (values.ack) {
    const investigations = Math.max(1, parseNumberOption('--investigations', values.investigations, 3));
    const commands = Math.max(1, parseNumberOption('--commands', values.commands, 200));
    progress(`${investigations} investigations of ${targets} targets, slash commands meanwhile`);
    const { samples } = await runAckBench({ targets, latencyMs, investigations, commands, botProcess });
    const result = summarizeAcks(samples, { targets, latencyMs, investigations });
    io.stdout.write(format === 'json' ? `${JSON.stringify(result)}\n` : renderAckText(result));
    return 0;
  }

  if (values.sweep) {
    const sizes = parseSizes(values['sweep-sizes']);
    const results: BenchResult[] = [];
    for (const size of sizes) {
      progress(`${size} targets at ${latencyMs} ms`);
      results.push(await runIsolated(io, { ...runOptions, targets: size }));
    }
    io.stdout.write(
      format === 'json' ? `${JSON.stringify(results.map(benchJson))}\n` : renderSweepText(results),
    );
    return 0;
  }

  if (values.naive && (values.sweep || values.ack))
    throw new InputError('give --naive with a single run only.');
  progress(`${targets} targets at ${latencyMs} ms`);
  const run = await runBench({ ...runOptions, targets });
  if (!values.naive) {
    io.stdout.write(
      format === 'json'
        ? `${JSON.stringify(benchJson(run.result))}\n`
        : renderRunText(run.result, run.path.rounds, run.plan),
    );
    return 0;
  }
  const budgetMs =
    parseNumberOption('--naive-budget', values['naive-budget'], DEFAULT_NAIVE_BUDGET_MS / 1000) * 1000;
  progress(`the naive peer on the same world, for at most ${budgetMs / 1000} s`);
  const naive = await runNaive({ targets, latencyMs, deadShare, seed, budgetMs });
  io.stdout.write(
    format === 'json'
      ? `${JSON.stringify({ ...benchJson(run.result), naive: naiveJson(naive, run.result.wallMs) })}\n`
      : `${renderRunText(run.result, run.path.rounds, run.plan)}${renderNaiveText(naive, run.result.wallMs)}`,
  );
  return 0;
}

function checkTargets(name: string, n: number): number {
  if (n < 1 || n > MAX_TARGETS)
    throw new InputError(`${name} must be between 1 and ${MAX_TARGETS} (got ${n}).`);
  return n;
}

/** `--dead SHARE`: the share of probed IPs that are dead hosts (0 is the world without waits). */
function parseDeadShare(text: string | undefined): number {
  if (text === undefined) return DEFAULT_DEAD_SHARE;
  const share = Number(text);
  if (!/^\d*\.?\d+$/.test(text.trim()) || !(share >= 0 && share <= MAX_DEAD_SHARE))
    throw new InputError(`--dead must be a share between 0 and ${MAX_DEAD_SHARE} (got '${text}').`);
  return share;
}

function parseSizes(text: string | undefined): number[] {
  if (text === undefined) return DEFAULT_SWEEP;
  const sizes = text.split(',').map((part) => part.trim());
  if (sizes.length === 0 || sizes.some((size) => !/^\d+$/.test(size)))
    throw new InputError(`--sweep-sizes must be whole numbers separated by commas (got '${text}').`);
  return sizes.map((size) => checkTargets('each --sweep-sizes value', Number(size)));
}

interface RunRequest {
  targets: number;
  latencyMs: number;
  faultRate: number;
  seed: number;
  cold: boolean;
  botProcess: boolean;
  deadShare: number;
}

/**
 * One run in a fresh process running this same compiled CLI, so that one size's memory does not
 * count in the next; in this process when running from the TypeScript sources (no compiled CLI).
 */
async function runIsolated(io: CommandIo, request: RunRequest): Promise<BenchResult> {
  const cli = new URL('../main.js', import.meta.url);
  if (!existsSync(fileURLToPath(cli))) return (await runBench(request)).result;
  const script = `const { main } = await import(${JSON.stringify(cli.href)}); process.exitCode = await main(process.argv.slice(1));`;
  const args = [
    '--input-type=module',
    '-e',
    script,
    'bench',
    '--targets',
    String(request.targets),
    '--latency',
    String(request.latencyMs),
    '--seed',
    String(request.seed),
    '--format',
    'json',
    '--dead',
    String(request.deadShare),
    ...(request.faultRate > 0 ? ['--faults', String(request.faultRate)] : []),
    ...(request.cold ? ['--cold'] : []),
    ...(request.botProcess ? ['--bot-process'] : []),
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...io.env, LOG_LEVEL: 'silent' },
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0) {
    const reason = Buffer.concat(err).toString('utf8').trim() || `exit code ${code}`;
    throw new Error(`the run of ${request.targets} targets failed: ${reason}`);
  }
  return JSON.parse(Buffer.concat(out).toString('utf8')) as BenchResult;
}
