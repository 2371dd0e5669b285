/**
 * The `nessus-gap` command line (docs/contract.md section 1). Exit codes: 0 done, 2 bad input or usage,
 * 1 failure while running. Errors are one line on stderr, never a bare stack trace.
 */
import { ConfigError, ErrorCode, isCodedError } from '../errors.js';
import { type CommandHandler, type CommandIo, writeLine } from './io.js';

const USAGE = `usage: nessus-gap <command> [options]

commands:
  parse [FILE]                                   targets of a gap issue body (FILE or stdin), as JSON
  investigate --scenario FILE [--format F]       investigate a sandbox world (F: json, markdown, text)
  investigate --issue N [--format F]             investigate a gap issue on the configured endpoints
  sandbox --scenario FILE [--tls]                run the emulated APIs of a scenario on 127.0.0.1
  serve                                          start the Slack bot
  demo                                           the bot, the sandbox and a local Slack, end to end
  audit [--issue N] [--format json]              who did what, from the store
  digest [--weeks N] [--format text|json|png] [--out PATH] [--at TIME]
                                                 the weekly digest from the store (png: the chart, written to --out)
  doctor [--format json]                         check every configured system: reachable, certificate, credentials, permissions
  bench [--targets N] [--latency MS] [--dead SHARE] [--format json|text] [--faults RATE] [--seed N] [--cold] [--bot-process]
                                                 one alert end to end on a generated world of N targets,
                                                 SHARE of the probed IPs dead hosts costing their wait (default 0.3)
  bench --naive [--naive-budget SECONDS]         and the same world walked one IP at a time, as a script
                                                 would, cut off after SECONDS (default 60) and extrapolated
  bench --sweep [--sweep-sizes 10,100,1000,10000]
                                                 how cost grows with N, one fresh process per size
  bench --ack [--investigations 3] [--commands 200]
                                                 slash command ack times while large investigations run
`;

type Loader = () => Promise<CommandHandler>;

const COMMANDS: Record<string, Loader> = {
  parse: async () => (await import('./commands/parse.js')).parseCommand,
  investigate: async () => (await import('./commands/investigate.js')).investigateCommand,
  sandbox: async () => (await import('./commands/sandbox.js')).sandboxCommand,
  serve: async () => (await import('./commands/serve.js')).serveCommand,
  demo: async () => (await import('./commands/demo.js')).demoCommand,
  audit: async () => (await import('./commands/audit.js')).auditCommand,
  digest: async () => (await import('./commands/digest.js')).digestCommand,
  bench: async () => (await import('./commands/bench.js')).benchCommand,
  doctor: async () => (await import('./commands/doctor.js')).doctorCommand,
};

export async function main(argv: string[], io: Partial<CommandIo> = {}): Promise<number> {
  const full: CommandIo = {
    argv: argv.slice(1),
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    interactive: io.interactive ?? Boolean(process.stderr.isTTY),
  };
  const name = argv[0];
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? full.stderr : full.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    writeLine(full.stderr, `nessus-gap: unknown command '${name}'.`);
    full.stderr.write(USAGE);
    return 2;
  }
  try {
    const handler = await load();
    return await handler(full);
  } catch (error) {
    return reportFailure(full, error);
  }
}

/** One line per problem; exit 2 for what the user can fix in their input, 1 otherwise. */
export function reportFailure(io: CommandIo, error: unknown): number {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) writeLine(io.stderr, `nessus-gap: ${problem}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `nessus-gap: ${message}`);
  if (isUsageError(error)) return 2;
  if (isCodedError(error) && error.code === ErrorCode.InputInvalid) return 2;
  if (isCodedError(error) && error.code === ErrorCode.NotFound) return 2;
  return 1;
}

/** Node's argument parser (node:util parseArgs) refusing an unknown option or a missing value. */
function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
