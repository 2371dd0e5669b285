/** `nessus-gap serve` (also `npm start`): the Slack bot until SIGTERM/SIGINT. */

import { createBot } from '../../bot/app.js';
import { loadConfig, type ServeConfig } from '../../config/index.js';
import { createLogger } from '../../logger.js';
import { openStore } from '../../store/open-store.js';
import type { CommandIo } from '../io.js';

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
  await bot.start();
  await new Promise<void>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  logger.info('stopping: finishing running investigations');
  await bot.stop();
  await store.close();
  return 0;
}
