/**
 * A small pool of worker threads for the long synchronous steps (parsing a gap report, diagnosing,
 * rendering the issue comments and the Slack thread), so the main thread keeps answering Slack.
 *
 * Why our own and not a pool library: the tasks need their inputs sent and their results fetched in
 * chunks with a turn of the loop between two (copying a whole report in one message blocks the loop
 * as long as rendering it), and the pool must fall back to this thread where no compiled worker
 * exists; that is most of what a library would have to be bent into, for some 150 lines.
 *
 * When the work stays on this thread (documented in docs/architecture.md):
 * - there is no compiled worker entry next to this file: the code runs from its TypeScript sources
 *   (under jest), and no `spawn` was given;
 * - the task is small (fewer than `inThreadBelow` items, or a gap report shorter than
 *   `SMALL_BODY_CHARS`): starting and feeding a worker would cost more than the work;
 * - the pool was closed (the bot is stopping): a run still finishing is not failed for it;
 * - the task's worker died (out of its bounded heap, or killed): the task runs again here.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CategoryContext } from '../bot/render/category.js';
import type { PlannedMessage } from '../bot/render/thread-plan.js';
import { errorMessage } from '../errors.js';
import { type HeavyWork, inThread } from '../investigation/heavy-work.js';
import { yieldToLoop } from '../investigation/yield-to-loop.js';
import type { Logger } from '../logger.js';
import type { Finding } from '../runbook/finding.js';
import { checkOutput } from './checks.js';
import { CHUNK_ITEMS, type FromWorker, fromWorkerSchema, type ToWorker } from './protocol.js';
import { runTask, type TaskHead, type TaskItem, type TaskName, type TaskOutput } from './tasks.js';

/** Below this many items a task runs on this thread. */
export const IN_THREAD_BELOW = 200;
/** A gap report shorter than this is parsed on this thread (some 200 rows). */
export const SMALL_BODY_CHARS = 20_000;

export interface WorkerPoolOptions {
  /** Workers at most (default 1: on a small host the main thread needs the other core). */
  size?: number;
  /** Starts one worker; default the compiled `worker.js` beside this file; null: none (this thread). */
  spawn?: (() => Worker) | null;
  inThreadBelow?: number;
  /** An idle worker ends after this long, giving its memory back (default 2 s). */
  idleMs?: number;
  logger?: Logger;
}

export interface WorkerPool extends HeavyWork {
  /** True when tasks can run off this thread (a worker entry exists and the pool is open). */
  readonly offThread: boolean;
  threadPlan(
    report: Parameters<HeavyWork['issueComments']>[0],
    ctx: CategoryContext,
  ): Promise<PlannedMessage[]>;
  /** Workers alive now. */
  readonly workers: number;
  /** Ends every worker; later tasks run on this thread. */
  close(): Promise<void>;
}

/** The compiled worker beside this module, or null when running from the TypeScript sources. */
export function compiledWorker(moduleUrl: string = import.meta.url): (() => Worker) | null {
  if (!moduleUrl.endsWith('.js')) return null;
  const entry = new URL('./worker.js', moduleUrl);
  if (!existsSync(fileURLToPath(entry))) return null;
  return () => new Worker(entry, { resourceLimits: WORKER_HEAP });
}

/**
 * A worker's heap is bounded: rendering the report of 10,000 targets fits in it (it needs about
 * 40 MB), and without a bound V8 lets a worker's heap grow by as much again with garbage, which the
 * bot's resident memory would carry. A task that outgrows it runs again on the main thread.
 */
export const WORKER_HEAP = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };

class WorkerDied extends Error {}

interface Slot {
  worker: Worker;
  busy: boolean;
  dead: WorkerDied | null;
  inbox: FromWorker[];
  wake: (() => void) | null;
  idle: NodeJS.Timeout | null;
}

export function createWorkerPool(options: WorkerPoolOptions = {}): WorkerPool {
  const spawn = options.spawn === undefined ? compiledWorker() : options.spawn;
  const size = Math.max(1, options.size ?? 1);
  const inThreadBelow = options.inThreadBelow ?? IN_THREAD_BELOW;
  const idleMs = options.idleMs ?? 2000;
  const slots: Slot[] = [];
  const waiting: ((slot: Slot | null) => void)[] = [];
  let closed = false;
  let nextId = 1;

  const start = (make: () => Worker): Slot => {
    const slot: Slot = { worker: make(), busy: false, dead: null, inbox: [], wake: null, idle: null };
    const die = (error: WorkerDied) => {
      if (slot.dead) return;
      if (slot.busy) options.logger?.warn({ err: error.message }, 'a worker thread ended during a task');
      slot.dead = error;
      const index = slots.indexOf(slot);
      if (index >= 0) slots.splice(index, 1);
      if (slot.idle) clearTimeout(slot.idle);
      slot.wake?.();
    };
    slot.worker.on('message', (raw: unknown) => {
      const parsed = fromWorkerSchema.safeParse(raw);
      if (!parsed.success) {
        die(new WorkerDied('a worker sent a message of unknown shape'));
        void slot.worker.terminate();
        return;
      }
      slot.inbox.push(parsed.data);
      slot.wake?.();
    });
    slot.worker.on('error', (error) => die(new WorkerDied(`a worker thread failed: ${errorMessage(error)}`)));
    slot.worker.on('exit', (code) => die(new WorkerDied(`a worker thread exited (code ${code})`)));
    slots.push(slot);
    return slot;
  };

  /** A worker of its own for the caller, or null when the pool closed meanwhile. */
  const acquire = async (make: () => Worker): Promise<Slot | null> => {
    if (closed) return null;
    const free = slots.find((s) => !s.busy && !s.dead);
    if (free?.idle) clearTimeout(free.idle);
    const slot =
      free ?? (slots.length < size ? start(make) : await new Promise<Slot | null>((r) => waiting.push(r)));
    if (slot) slot.busy = true;
    return slot;
  };

  const release = (slot: Slot, make: () => Worker) => {
    slot.busy = false;
    slot.inbox = [];
    const next = waiting.shift();
    if (next) {
      // A dead worker is replaced for whoever waits.
      const given = slot.dead ? (closed ? null : start(make)) : slot;
      if (given) given.busy = true;
      next(given);
      return;
    }
    if (slot.dead) return;
    slot.idle = setTimeout(() => void slot.worker.terminate(), idleMs);
    slot.idle.unref();
  };

  const receive = async (slot: Slot): Promise<FromWorker> => {
    for (;;) {
      const message = slot.inbox.shift();
      if (message) return message;
      if (slot.dead) throw slot.dead;
      await new Promise<void>((resolve) => {
        slot.wake = resolve;
      });
      slot.wake = null;
    }
  };

  /** A task whose worker died (out of its heap, or killed) is run again here rather than failed. */
  const offThreadOrHere = async <K extends TaskName>(
    make: () => Worker,
    task: K,
    head: TaskHead<K>,
    items: readonly TaskItem<K>[],
  ): Promise<TaskOutput<K>[]> => {
    try {
      return await offThread(make, task, head, items);
    } catch (error) {
      if (!(error instanceof WorkerDied)) throw error;
      options.logger?.warn(
        { err: error.message, task },
        'a worker thread died: the task runs on the main thread',
      );
      await yieldToLoop();
      return runTask(task, head, items);
    }
  };

  const offThread = async <K extends TaskName>(
    make: () => Worker,
    task: K,
    head: TaskHead<K>,
    items: readonly TaskItem<K>[],
  ): Promise<TaskOutput<K>[]> => {
    const slot = await acquire(make);
    if (!slot) return runTask(task, head, items);
    const id = nextId++;
    const post = (message: ToWorker) => {
      if (slot.dead) throw slot.dead;
      slot.worker.postMessage(message);
    };
    try {
      post({ kind: 'start', id, task, head });
      for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
        post({ kind: 'items', id, items: items.slice(i, i + CHUNK_ITEMS) });
        await yieldToLoop();
      }
      post({ kind: 'run', id });
      const out: TaskOutput<K>[] = [];
      for (;;) {
        const message = await receive(slot);
        if (message.id !== id) continue;
        if (message.kind === 'failed')
          throw new Error(`${task} failed in a worker thread: ${message.message}`);
        for (const item of checkOutput(task, message.items)) out.push(item);
        if (message.done) return out;
        await yieldToLoop();
        post({ kind: 'more', id });
      }
    } finally {
      release(slot, make);
    }
  };

  const run = async <K extends TaskName>(
    task: K,
    head: TaskHead<K>,
    items: readonly TaskItem<K>[],
    small: boolean,
  ): Promise<TaskOutput<K>[]> => {
    if (spawn && !closed && !small) return offThreadOrHere(spawn, task, head, items);
    await yieldToLoop();
    return runTask(task, head, items);
  };

  const withoutFindings = <T extends { findings: unknown }>({ findings: _, ...rest }: T) => rest;

  return {
    get offThread() {
      return spawn !== null && !closed;
    },
    get workers() {
      return slots.length;
    },
    parseGapReport: (body) => run('parseGapReport', body, [], body.length < SMALL_BODY_CHARS),
    async diagnose(evidence, context) {
      if (evidence.length < inThreadBelow || !spawn || closed) return inThread.diagnose(evidence, context);
      // One task per chunk: each target is diagnosed alone, so the worker never holds them all.
      const findings: Finding[] = [];
      for (let i = 0; i < evidence.length; i += CHUNK_ITEMS) {
        const part = await run('diagnose', context, evidence.slice(i, i + CHUNK_ITEMS), false);
        for (const finding of part) findings.push(finding);
      }
      return findings;
    },
    issueComments: (report) =>
      run('issueComments', withoutFindings(report), report.findings, report.findings.length < inThreadBelow),
    threadPlan: (report, ctx) =>
      run(
        'threadPlan',
        { report: withoutFindings(report), ctx },
        report.findings,
        report.findings.length < inThreadBelow,
      ),
    async close() {
      closed = true;
      for (const give of waiting.splice(0)) give(null);
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
