/**
 * `nessus-gap serve` in a process of its own, as production runs it, so the bench can measure the
 * bot's memory apart from the emulators and the generated world (which share the bench's process).
 * Its peak is the kernel's high-water mark of the process's resident set (`VmHWM`, Linux).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../cli/package-root.js';

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** The process's peak resident memory so far, in bytes. */
  peakRss(): number;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export async function startBotProcess(env: Record<string, string>, timeoutMs = 30_000): Promise<BotProcess> {
  const child = spawn(process.execPath, [join(packageRoot(), 'bin', 'nessus-gap.js'), 'serve'], {
    // NODE_OPTIONS passes through, to try the bot under a heap limit (--max-old-space-size).
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.NODE_OPTIONS ? { NODE_OPTIONS: process.env.NODE_OPTIONS } : {}),
      ...env,
      LOG_LEVEL: 'info',
      PORT: '0',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start within ${timeoutMs} ms: ${lines.slice(-5).join(' | ')}`));
    }, timeoutMs);
    let buffered = '';
    // pino writes to stderr; the line announcing the port is the one to wait for.
    child.stderr?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        if (lines.length < 200) lines.push(line);
        const match = line.match(/"port":(\d+).*nessus-gap is listening/);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the bot exited before listening: ${lines.slice(-5).join(' | ')}`));
    });
  });
  const pid = child.pid ?? 0;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
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

/** `VmHWM` of /proc/PID/status in bytes. */
export function highWaterMark(pid: number, read: (path: string) => string = readText): number {
  const match = read(`/proc/${pid}/status`).match(/^VmHWM:\s+(\d+) kB$/m);
  if (!match) throw new Error(`no VmHWM in /proc/${pid}/status: --bot-process needs Linux`);
  return Number(match[1]) * 1024;
}

const readText = (path: string) => readFileSync(path, 'utf8');
