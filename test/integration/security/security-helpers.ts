/** Shared by the security tests: a log captured in memory, and a fingerprint of everything the bot could change. */
import { Writable } from 'node:stream';
import type { World } from '../../../src/cli/world.js';
import { createLogger, type Logger } from '../../../src/logger.js';

export const CHANNEL = 'C0ALERTS';
export const ISSUE_URL = 'https://github.ibm.com/alchemy-conductors/alcatraz/issues/5120';
export const FORM = 'application/x-www-form-urlencoded';

export interface CapturedLog {
  logger: Logger;
  /** Every line written so far, as written (after redaction). */
  lines(): string[];
  /** Lines parsed as JSON (pino's format). */
  entries(): Record<string, unknown>[];
}

/** A pino logger at `debug` whose lines stay in memory; `secrets` are redacted as in production. */
export function captureLog(secrets: string[] = []): CapturedLog {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination, secrets });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line !== '');
  return {
    logger,
    lines,
    entries: () => lines().map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

/**
 * Everything outside the bot that an action could change, and what the bot itself keeps: the
 * emulators' states, the channel's messages (ephemerals aside), the store's investigations and audit.
 */
export async function fingerprint(world: World): Promise<string> {
  const { github, softlayer, tenable, inventory } = world.sandbox.emulators;
  const messages = world.slack
    .messages(CHANNEL)
    .map((m) => ({ ts: m.ts, text: m.text, blocks: m.blocks, deleted: m.deleted ?? false }));
  const investigations = (await world.store.listActiveInvestigations()).map((r) => ({
    ...r,
    leaseUntil: null,
  }));
  const actions = await world.store.listActions();
  return JSON.stringify({
    github: github.state(),
    softlayer: softlayer.state(),
    tenable: tenable.state(),
    inventory: inventory.state(),
    messages,
    investigations,
    actions,
  });
}

export function ephemeralTexts(world: World, user: string): string {
  return world.slack
    .ephemerals(user)
    .map((e) => e.text)
    .join('\n');
}

let crafted = 0;

/**
 * A payload as a form body. Slack gives every interaction its own `trigger_id`, and the bot handles
 * each once: a crafted payload gets a new one, unless it is sent `asReplay` (the same request again).
 */
export function formPayload(
  payload: unknown,
  options: { asReplay?: boolean } = {},
): { body: string; contentType: string } {
  const fresh =
    !options.asReplay && payload && typeof payload === 'object' && 'trigger_id' in payload
      ? { ...payload, trigger_id: `${Math.floor(Date.now() / 1000)}.${++crafted}.crafted` }
      : payload;
  return { body: new URLSearchParams({ payload: JSON.stringify(fresh) }).toString(), contentType: FORM };
}
