/**
 * `nessus-gap serve` in a child process (the compiled `bin/nessus-gap.js`, started by the bench's
 * src/bench/bot-process.ts), so a test can kill it for real (SIGKILL) or stop it as Kubernetes does
 * (SIGTERM). The compiled output must be current:
 * `npm test` builds first; a stale dist/ fails the test with that message rather than testing old code.
 */
import type { ChildProcess } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startBotProcess } from '../../../src/bench/bot-process.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

export interface ChildBot {
  url: string;
  child: ChildProcess;
  /** Every line the bot logged (pino JSON). */
  lines: string[];
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

/** Throws when a source file is newer than its compiled output. */
export function assertBuilt(): void {
  const stale: string[] = [];
  for (const dir of ['src', 'sandbox']) {
    for (const file of walk(join(ROOT, dir))) {
      if (!file.endsWith('.ts')) continue;
      const compiled = join(ROOT, 'dist', relative(ROOT, file)).replace(/\.ts$/, '.js');
      let built = 0;
      try {
        built = statSync(compiled).mtimeMs;
      } catch {}
      if (built < statSync(file).mtimeMs) stale.push(relative(ROOT, file));
    }
  }
  if (stale.length > 0) {
    throw new Error(
      `dist/ is older than ${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ` and ${stale.length - 3} more` : ''}: run \`npm run build\` first (npm test does)`,
    );
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

export async function startChildBot(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildBot> {
  const { url, child, lines, exited } = await startBotProcess(env, timeoutMs);
  return { url, child, lines, exited };
}

/** Waits until `check` holds, polling every few milliseconds. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
