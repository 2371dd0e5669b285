/**
 * `nessus-gap serve` in a process of its own, as production runs it: the bench measures the bot's
 * memory apart from the emulators and the generated world (which share the bench's process), and the
 * restart tests kill it for real. Its peak is the kernel's high-water mark of its resident set
 * (`VmHWM`, Linux).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSlackDriver, type SlackDriver } from '../../sandbox/index.js';
import type { Scenario } from '../../sandbox/scenario.js';
import { packageRoot } from '../cli/package-root.js';
import { type EmulatedWorld, startEmulatedWorld, type WorldOptions } from '../cli/world.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Every line the bot logged (pino JSON). */
  lines: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
  /** The process's peak resident memory so far, in bytes. */
  peakRss(): number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the compiled CLI's `serve` with `env` over PATH, LOG_LEVEL=info and PORT=0 (the log line
 * announcing the port is how the caller learns it, so the level must let it through).
 */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const root = packageRoot();
  const child = spawn(process.execPath, [join(root, 'bin', 'nessus-gap.js'), 'serve'], {
    cwd: root,
    // NODE_OPTIONS passes through, to try the bot under a heap limit (--max-old-space-size).
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      LOG_LEVEL: 'info',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start within ${timeoutMs} ms:\n${lines.join('\n')}`));
    }, timeoutMs);
    // pino writes to stderr (stdout is the commands' output); read both, line by line.
    for (const stream of [child.stdout, child.stderr]) {
      let buffered = '';
      stream?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const parts = buffered.split('\n');
        buffered = parts.pop() ?? '';
        for (const line of parts) {
          lines.push(line);
          const match = line.match(/"port":(\d+).*nessus-gap is listening/);
          if (match) {
            clearTimeout(timer);
            resolve(Number(match[1]));
          }
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    lines,
    exited,
    peakRss: () => highWaterMark(pid),
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A scenario's emulated world with the bot in its own process, a driver aimed at it, and its store. */
export interface SeparateBot {
  world: EmulatedWorld;
  bot: BotProcess;
  driver: SlackDriver;
  /** The bot's store, opened here too: what it has recorded can be read while it runs. */
  store: Store;
  close(): Promise<void>;
}

export async function startSeparateBot(scenario: Scenario, options: WorldOptions = {}): Promise<SeparateBot> {
  const world = await startEmulatedWorld(scenario, options);
  const store = await openStore(world.databaseUrl);
  let bot: BotProcess;
  try {
    bot = await startBotProcess({ ...world.env, LOG_LEVEL: 'info', PORT: '0' });
  } catch (error) {
    await store.close();
    await world.close();
    throw error;
  }
  return {
    world,
    bot,
    store,
    driver: createSlackDriver({ botUrl: bot.url, signingSecret: world.signingSecret, emulator: world.slack }),
    async close() {
      await bot.stop();
      await store.close();
      await world.close();
    },
  };
}

/** `VmHWM` of /proc/PID/status in bytes. */
export function highWaterMark(pid: number, read: (path: string) => string = readText): number {
  const match = read(`/proc/${pid}/status`).match(/^VmHWM:\s+(\d+) kB$/m);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status: --bot-process needs Linux`);
  return Number(match[1]) * 1024;
}

const readText = (path: string) => readFileSync(path, 'utf8');
