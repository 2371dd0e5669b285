/**
 * The store of DATABASE_URL opened for a command that reads it (`audit`, `digest`). Reading must
 * not create an empty store where there was none (a mistyped path), so a missing SQLite file is an
 * input error naming the path.
 */
import { existsSync } from 'node:fs';
import type { DatabaseConfig } from '../config/types.js';
import { InputError } from '../errors.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';

export async function openExistingStore(command: string, database: DatabaseConfig): Promise<Store> {
  const path = database.kind === 'sqlite' ? database.path.replace(/^\/\/(?=\/)/, '') : null;
  if (path !== null && path !== ':memory:' && !existsSync(path)) {
    throw new InputError(
      `${command}: there is no store at ${path}: set DATABASE_URL to the store the bot uses (sqlite:PATH or postgres://...).`,
    );
  }
  return openStore(database.url);
}
