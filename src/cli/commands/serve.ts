/**
 * `nessus-gap serve` (also `npm start`): the Slack bot until SIGTERM/SIGINT. On the signal it stops
 * taking work (503 on /slack/events and /healthz, no more scheduled ticks), gives running
 * investigations and Slack listeners STOP_GRACE_MS to finish, checkpoints what is left for a restart
 * or another replica, closes the store and exits 0. A second signal exits at once (1).
 */

import { loadConfig, type ServeConfig } from '../../config/index.js';
import { errorMessage } from '../../errors.js';
import { createLogger } from '../../logger.js';
import { createBot } from '../../server/create-bot.js';
import { openStore } from '../../store/open-store.js';
import type { CommandIo } from '../io.js';

/** Within Kubernetes' default 30 s between SIGTERM and SIGKILL, with room to close. */
export const STOP_GRACE_MS = 20_000;

export async function serveCommand(io: CommandIo): Promise<number> {
  const config = loadConfig(io.env, { mode: 'serve' }) as ServeConfig;
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets() });
  const store = await openStore(config.database.url);
  const bot = createBot({
    config,
    logger,
    store,
    ...(io.env.NESSUS_GAP_REPLICA ? { replica: io.env.NESSUS_GAP_REPLICA } : {}),
  });
  try {
    await bot.start();
  } catch (error) {
    await bot.stop(0).catch(() => {});
    await store.close();
    throw error;
  }
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGTERM', () => resolve('SIGTERM'));
    process.once('SIGINT', () => resolve('SIGINT'));
  });
  logger.info({ signal }, 'stopping: taking no new work, finishing or checkpointing what runs');
  const now = () => {
    logger.warn('second signal: exiting without waiting');
    process.exit(1);
  };
  process.once('SIGTERM', now);
  process.once('SIGINT', now);
  try {
    await bot.stop(STOP_GRACE_MS);
  } catch (error) {
    logger.error({ err: errorMessage(error) }, 'stopping failed');
  }
  await store.close();
  logger.info('stopped');
  process.off('SIGTERM', now);
  process.off('SIGINT', now);
  return 0;
}
