/**
 * The entry of a worker thread (src/workers/pool.ts starts it): keeps each task's items until it is
 * told to run, runs it, and hands the results back one chunk per request.
 */
import { parentPort } from 'node:worker_threads';
import { errorMessage } from '../errors.js';
import { CHUNK_ITEMS, type FromWorker, type ToWorker } from './protocol.js';
import { isTaskName, runTask, type TaskName } from './tasks.js';

interface Job {
  task: TaskName;
  head: unknown;
  items: unknown[];
  output: unknown[] | null;
  sent: number;
}

const port = parentPort;
if (!port) throw new Error('src/workers/worker.ts runs only as a worker thread');
const jobs = new Map<number, Job>();
const send = (message: FromWorker) => port.postMessage(message);

const sendNext = (id: number, job: Job) => {
  const output = job.output ?? [];
  const items = output.slice(job.sent, job.sent + CHUNK_ITEMS);
  job.sent += items.length;
  const done = job.sent >= output.length;
  if (done) jobs.delete(id);
  send({ kind: 'items', id, items, done });
};

port.on('message', (message: ToWorker) => {
  const job = jobs.get(message.id);
  try {
    if (message.kind === 'start') {
      if (!isTaskName(message.task)) throw new Error(`no task named ${JSON.stringify(message.task)}`);
      jobs.set(message.id, { task: message.task, head: message.head, items: [], output: null, sent: 0 });
    } else if (!job) {
      throw new Error(`no task ${message.id} is open`);
    } else if (message.kind === 'items') {
      for (const item of message.items) job.items.push(item);
    } else if (message.kind === 'run') {
      job.output = runTask(job.task, job.head as never, job.items as never[]);
      job.items = [];
      sendNext(message.id, job);
    } else {
      sendNext(message.id, job);
    }
  } catch (error) {
    jobs.delete(message.id);
    send({ kind: 'failed', id: message.id, message: errorMessage(error) });
  }
});
