/**
 * Starts src/workers/worker.ts from its TypeScript sources in a real worker thread: the thread first
 * registers module hooks that compile TypeScript with swc (test/helpers/swc-loader.mjs), as jest's
 * transform does for the tests themselves. The pool is given this as its `spawn`; the product starts
 * the compiled worker instead (dist/src/workers/worker.js).
 */
import { type ResourceLimits, Worker } from 'node:worker_threads';

const loader = new URL('./swc-loader.mjs', import.meta.url).href;
const entry = new URL('../../src/workers/worker.ts', import.meta.url).href;

const bootstrap = `
(async () => {
  const { register } = await import('node:module');
  register(${JSON.stringify(loader)});
  await import(${JSON.stringify(entry)});
})().catch((error) => { throw error; });
`;

export function sourceWorker(resourceLimits?: ResourceLimits): Worker {
  return new Worker(bootstrap, { eval: true, ...(resourceLimits ? { resourceLimits } : {}) });
}
