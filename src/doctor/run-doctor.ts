/**
 * `nessus-gap doctor`: every configured system checked at once, reported in a fixed order.
 * Nothing is written anywhere: every call is a read (the one POST is Tenable.sc's analysis, a query).
 */
import type { WebClient } from '@slack/web-api';
import type { Config } from '../config/index.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { checkGithub } from './checks/github.js';
import { checkInventory } from './checks/inventory.js';
import { checkNessus } from './checks/nessus.js';
import { checkProbe } from './checks/probe.js';
import { checkSlack } from './checks/slack.js';
import { checkSoftLayer } from './checks/softlayer.js';
import { checkTenable } from './checks/tenable.js';
import type { DoctorCheck, DoctorReport } from './types.js';

export interface DoctorOptions {
  logger: Logger;
  /** The bot scopes manifest.yml asks for. */
  manifestScopes: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** The bot's own Slack client, when the bot runs the doctor. */
  slack?: WebClient;
}

export async function runDoctor(config: Config, options: DoctorOptions): Promise<DoctorReport> {
  const { logger } = options;
  const guard = (system: string, run: () => Promise<DoctorCheck[]>) =>
    run().catch((error: unknown): DoctorCheck[] => [
      { system, check: 'doctor', ok: false, detail: errorMessage(error), fix: 'see the detail' },
    ]);
  const sections = await Promise.all([
    guard('github', () => checkGithub(config, logger)),
    guard('slack', () => checkSlack(config, options.manifestScopes, options.slack)),
    guard('softlayer', () => checkSoftLayer(config, logger)),
    guard('tenable', () => checkTenable(config, logger)),
    guard('nessus', () => checkNessus(config, logger)),
    guard('inventory', () => checkInventory(config, logger)),
    guard('probe', () => checkProbe(config, logger, options.env ?? process.env)),
  ]);
  const checks = sections.flat();
  return { ok: checks.every((check) => check.ok), checks };
}
