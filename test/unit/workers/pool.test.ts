/**
 * The worker pool: tasks really run off the main thread (its timers keep firing through a large
 * render), give what the same task gives on this thread, are checked when they come back, survive a
 * worker that dies, and end with the pool.
 */
import { Worker } from 'node:worker_threads';
import { planThread } from '../../../src/bot/render/thread-plan.js';
import type { Logger } from '../../../src/logger.js';
import { parseGapReport } from '../../../src/runbook/parse-gap-report.js';
import { renderIssueComments } from '../../../src/runbook/report/markdown.js';
import {
  compiledWorker,
  createWorkerPool,
  SMALL_BODY_CHARS,
  type WorkerPool,
} from '../../../src/workers/pool.js';
import { sourceWorker } from '../../helpers/source-worker.js';
import { buildReport, manyFindings, nthIp } from '../runbook/report/finding-builder.js';

const LONG = 120_000;

const ctx = { investigationId: 7, issue: { repo: 'alchemy-conductors/alcatraz', number: 4711 } };

/** The longest wait between two ticks of a 5 ms timer while `work` runs. */
async function longestStall(work: () => Promise<unknown>): Promise<{ stallMs: number; ticks: number }> {
  let last = performance.now();
  let stallMs = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
    ticks += 1;
  }, 5);
  try {
    await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { stallMs, ticks };
  } finally {
    clearInterval(timer);
  }
}

describe('the worker pool', () => {
  let pool: WorkerPool;
  afterEach(async () => {
    await pool?.close();
  }, LONG);

  it(
    'renders a large report off the main thread: the loop keeps ticking meanwhile',
    async () => {
      const report = buildReport(manyFindings(6000));
      // The same render on this thread, in one piece: how long the loop would be held.
      const started = performance.now();
      const expected = renderIssueComments(report);
      const syncMs = performance.now() - started;
      console.log(`rendering 6000 findings on this thread took ${syncMs.toFixed(0)} ms`);

      pool = createWorkerPool({ spawn: sourceWorker });
      expect(pool.offThread).toBe(true);
      await pool.issueComments(buildReport(manyFindings(300))); // the worker started and warm
      let comments: string[] = [];
      const { stallMs, ticks } = await longestStall(async () => {
        comments = await pool.issueComments(report);
      });
      console.log(`off the thread: longest stall ${stallMs.toFixed(0)} ms over ${ticks} ticks`);
      expect(comments).toEqual(expected);
      expect(stallMs).toBeLessThan(syncMs / 2);
    },
    LONG,
  );

  it(
    'gives what the same tasks give on this thread',
    async () => {
      pool = createWorkerPool({ spawn: sourceWorker });
      const report = buildReport(manyFindings(1200));
      expect(await pool.threadPlan(report, ctx)).toEqual(planThread(report, ctx));
      const rows = Array.from(
        { length: 400 },
        (_, n) => `| ${nthIp(n)} | host-${n} | private | PROD-US-SOUTH |`,
      );
      const body = `| IP | Hostname | Interface | Environment |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n`;
      expect(body.length).toBeGreaterThan(SMALL_BODY_CHARS);
      const targets = await pool.parseGapReport(body);
      expect(targets).toHaveLength(400);
      expect(targets).toEqual(parseGapReport(body));
      expect(pool.workers).toBe(1);
    },
    LONG,
  );

  it(
    'keeps small tasks on this thread, and every task once there is no compiled worker',
    async () => {
      pool = createWorkerPool({ spawn: sourceWorker });
      const small = buildReport(manyFindings(20));
      expect(await pool.issueComments(small)).toEqual(renderIssueComments(small));
      expect(pool.workers).toBe(0);

      // Under jest the pool's module is TypeScript: there is no compiled worker.js beside it.
      expect(compiledWorker(new URL('../../../src/workers/pool.ts', import.meta.url).href)).toBeNull();
      expect(compiledWorker('file:///nowhere/dist/src/workers/pool.js')).toBeNull();
      const fallback = createWorkerPool();
      expect(fallback.offThread).toBe(false);
      const large = buildReport(manyFindings(400));
      expect(await fallback.issueComments(large)).toEqual(renderIssueComments(large));
      expect(fallback.workers).toBe(0);
      await fallback.close();
    },
    LONG,
  );

  it(
    'refuses a result of the wrong shape, naming the task',
    async () => {
      const liar = () =>
        new Worker(
          `const { parentPort } = require('node:worker_threads');
         parentPort.on('message', (m) => {
           if (m.kind === 'run') parentPort.postMessage({ kind: 'items', id: m.id, items: [{ ip: 1 }], done: true });
         });`,
          { eval: true },
        );
      pool = createWorkerPool({ spawn: liar });
      await expect(pool.threadPlan(buildReport(manyFindings(300)), ctx)).rejects.toThrow(
        /^the worker's threadPlan result does not have the expected shape: 0\.key: /,
      );
    },
    LONG,
  );

  it(
    'runs the task of a worker that dies on this thread, and starts a new worker for the next',
    async () => {
      let started = 0;
      const dying = () => {
        started += 1;
        return started === 1
          ? new Worker(`require('node:worker_threads').parentPort.on('message', () => process.exit(3));`, {
              eval: true,
            })
          : sourceWorker();
      };
      pool = createWorkerPool({ spawn: dying });
      const report = buildReport(manyFindings(300));
      expect(await pool.issueComments(report)).toEqual(renderIssueComments(report));
      expect(started).toBe(1);
      expect(await pool.issueComments(report)).toEqual(renderIssueComments(report));
      expect(started).toBe(2);
      expect(pool.workers).toBe(1);
    },
    LONG,
  );

  it(
    "gives the same report when the task outgrows its worker's bounded heap",
    async () => {
      const warnings: string[] = [];
      const logger = { warn: (fields: { err: string }) => warnings.push(fields.err) } as unknown as Logger;
      pool = createWorkerPool({
        spawn: () => sourceWorker({ maxOldGenerationSizeMb: 12, maxYoungGenerationSizeMb: 2 }),
        logger,
      });
      const report = buildReport(manyFindings(6000));
      expect(await pool.issueComments(report)).toEqual(renderIssueComments(report));
      expect(warnings.at(-1)).toMatch(/out of memory|ERR_WORKER_OUT_OF_MEMORY/i);
    },
    LONG,
  );

  it('ends its workers when closed; later tasks run on this thread', async () => {
    pool = createWorkerPool({ spawn: sourceWorker });
    const report = buildReport(manyFindings(300));
    await pool.issueComments(report);
    expect(pool.workers).toBe(1);
    await pool.close();
    expect(pool.workers).toBe(0);
    expect(pool.offThread).toBe(false);
    expect(await pool.issueComments(report)).toEqual(renderIssueComments(report));
  });
});
