import { parseArgs } from 'node:util';
import { loadScenario, ScenarioError } from '../../../sandbox/scenario.js';
import { startSandbox } from '../../../sandbox/start-sandbox.js';
import { InputError } from '../../errors.js';
import { type CommandIo, writeLine } from '../io.js';

export interface SandboxCommandOptions {
  /** Stops the sandbox when aborted; by default SIGTERM or SIGINT does. */
  signal?: AbortSignal;
}

/**
 * `nessus-gap sandbox --scenario FILE [--latency MS] [--faults RATE] [--seed N] [--tls]`: runs the emulators
 * of a scenario on 127.0.0.1, prints ONE line `{"env":{...}}` when ready, and runs until stopped.
 */
export async function sandboxCommand(io: CommandIo, options: SandboxCommandOptions = {}): Promise<number> {
  const args = readArguments(io.argv);
  let scenario: ReturnType<typeof loadScenario>;
  try {
    scenario = loadScenario(args.scenario);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    for (const problem of error.problems) writeLine(io.stderr, `nessus-gap: ${problem}`);
    return 2;
  }

  const sandbox = await startSandbox(scenario, {
    latencyMs: args.latencyMs,
    faultRate: args.faultRate,
    seed: args.seed,
    tls: args.tls,
  });
  const stop = options.signal ?? signalOnTermination();
  try {
    writeLine(io.stdout, JSON.stringify({ env: sandbox.env }));
    if (io.interactive) writeLine(io.stderr, 'nessus-gap: sandbox ready on 127.0.0.1; Ctrl-C stops it.');
    await aborted(stop);
  } finally {
    await sandbox.close();
  }
  return 0;
}

interface SandboxArguments {
  scenario: string;
  latencyMs: number | undefined;
  faultRate: number | undefined;
  seed: number | undefined;
  /** Tenable.sc and the scanners over HTTPS with self-signed certificates, as they ship. */
  tls: boolean;
}

function readArguments(argv: string[]): SandboxArguments {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        scenario: { type: 'string' },
        latency: { type: 'string' },
        faults: { type: 'string' },
        seed: { type: 'string' },
        tls: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new InputError(`sandbox: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
  if (positionals.length) throw new InputError(`sandbox: unexpected argument '${positionals[0]}'.`);
  const scenario = values.scenario;
  if (typeof scenario !== 'string' || scenario === '') {
    throw new InputError('sandbox needs --scenario FILE (a JSON or YAML scenario).');
  }
  const latencyMs = numberOption(
    values.latency,
    '--latency',
    'milliseconds, a whole number from 0',
    (n) => Number.isInteger(n) && n >= 0 && n <= 600_000,
  );
  const faultRate = numberOption(values.faults, '--faults', 'a rate from 0 to 1', (n) => n >= 0 && n <= 1);
  const seed = numberOption(values.seed, '--seed', 'a whole number', (n) => Number.isSafeInteger(n));
  return { scenario, latencyMs, faultRate, seed, tls: values.tls === true };
}

function numberOption(
  raw: string | boolean | undefined,
  flag: string,
  expected: string,
  valid: (n: number) => boolean,
): number | undefined {
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const value = text === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || !valid(value)) {
    throw new InputError(`sandbox: ${flag} must be ${expected}, got '${String(raw)}'.`);
  }
  return value;
}

/** Aborts on the first SIGTERM or SIGINT, then lets the signals behave normally again. */
function signalOnTermination(): AbortSignal {
  const controller = new AbortController();
  const onSignal = () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    controller.abort();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return controller.signal;
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
