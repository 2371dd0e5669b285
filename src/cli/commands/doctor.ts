/**
 * `nessus-gap doctor [--format json|text]`: checks every configured system (docs/contract.md section 9).
 * Exit 0 when every check passes, 1 when any fails, 2 when the configuration cannot be read.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.js';
import { manifestScopes } from '../../doctor/manifest-scopes.js';
import { doctorJson, renderDoctorTable } from '../../doctor/render.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { InputError } from '../../errors.js';
import { createLogger } from '../../logger.js';
import type { CommandIo } from '../io.js';
import { packageRoot } from '../package-root.js';

export async function doctorCommand(io: CommandIo): Promise<number> {
  let values: { format?: string };
  try {
    ({ values } = parseArgs({
      args: io.argv,
      allowPositionals: false,
      options: { format: { type: 'string', default: 'text' } },
    }));
  } catch (error) {
    throw new InputError(`doctor: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
  const format = values.format ?? 'text';
  if (format !== 'json' && format !== 'text') {
    throw new InputError(`--format must be json or text (got '${format}').`);
  }
  // A configuration that cannot be read is a ConfigError: main() prints it and exits 2.
  const config = loadConfig(io.env, { mode: 'cli' });
  // The doctor's own findings are its output; the adapters' logs would only repeat them.
  const logger = createLogger({ level: io.env.LOG_LEVEL ?? 'error', secrets: config.secrets() });
  const report = await runDoctor(config, {
    logger,
    manifestScopes: manifestScopes(packageRoot()),
    env: io.env,
  });
  io.stdout.write(format === 'json' ? doctorJson(report) : renderDoctorTable(report));
  return report.ok ? 0 : 1;
}
