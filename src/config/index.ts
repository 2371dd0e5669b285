/** The configuration of the bot: `loadConfig(env, { mode })` and its types. */
export { CONFIG_DEFAULTS, DEFAULT_ENVIRONMENT_SCANNERS } from './defaults.js';
export { type LoadConfigOptions, loadConfig } from './load-config.js';
export type { ReadFile } from './read-config-file.js';
export type * from './types.js';
export { LOG_LEVELS } from './types.js';
