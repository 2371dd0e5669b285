/**
 * Probes the way the runbook does by hand: log in to the environment's Nessus scanner and run
 * `ping -c 1 -W 2 IP` and `nc -zv -w 3 IP 22` there, reading their exit codes (0 = answered).
 * A batch of IPs goes as one remote command that runs those same two commands for each IP, a
 * bounded number of IPs at once on the scanner, and prints one line per IP and check; a silent
 * host then costs its wait once per batch wave rather than once per SSH exec.
 * The scanner's host key must match the pinned fingerprint; one connection per scanner is reused.
 */
import { ConfigError, IntegrationError } from '../../errors.js';
import type { CallCounter, NetworkProbe } from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import type { Check, Reachability } from '../../runbook/evidence.js';
import { parsePinnedFingerprint } from './host-key-fingerprint.js';
import {
  batchDeadlineMs,
  batchProbeCommand,
  DEFAULT_SCANNER_PARALLELISM,
  parseBatchOutput,
  pingCommand,
  tcp22Command,
} from './probe-commands.js';
import { assertProbeTarget } from './probe-target.js';
import { type CommandResult, ScannerConnection } from './scanner-connection.js';

export interface SshScannerAccess {
  host: string;
  port?: number;
  username: string;
  /** OpenSSH or PEM private key text. */
  privateKey: string | Buffer;
  passphrase?: string;
  /** Pinned host key: `SHA256:<base64>` as `ssh-keygen -lf` prints it, or 64 hex digits. */
  hostKey: string;
}

export interface SshProbeOptions {
  scanners: Record<string, SshScannerAccess>;
  /** Deadline of the SSH handshake and of each command (default 10000 ms). */
  timeoutMs?: number;
  /** Commands running at once on one scanner (default 4: two probes, or four batches). */
  maxSessionsPerScanner?: number;
  /** IPs a batch command probes at once on the scanner (default DEFAULT_SCANNER_PARALLELISM). */
  scannerParallelism?: number;
  /** An unused connection is closed after this long (default 60000 ms). */
  idleMs?: number;
  /** A failed connection is not retried for this long (default 30000 ms). */
  failureMemoryMs?: number;
  logger?: Logger;
  counter?: CallCounter;
}

/** The programs the probe's commands need on a scanner. */
export const SCANNER_TOOLS = ['ping', 'nc', 'xargs'] as const;
export type ScannerTool = (typeof SCANNER_TOOLS)[number];

export class SshProbe implements NetworkProbe {
  /** Ping and TCP run on the scanner itself, over SSH, as the runbook does by hand. */
  readonly origin = 'scanner' as const;
  private readonly connections = new Map<string, ScannerConnection>();
  private readonly logger: Logger | undefined;
  private readonly counter: CallCounter | undefined;
  private readonly timeoutMs: number;
  private readonly parallelism: number;

  constructor(options: SshProbeOptions) {
    const problems: string[] = [];
    const connectionOptions = {
      timeoutMs: options.timeoutMs ?? 10_000,
      maxSessions: Math.max(1, options.maxSessionsPerScanner ?? 4),
      idleMs: options.idleMs ?? 60_000,
      failureMemoryMs: options.failureMemoryMs ?? 30_000,
    };
    for (const [name, access] of Object.entries(options.scanners)) {
      const pinnedDigest = parsePinnedFingerprint(access.hostKey);
      if (!pinnedDigest) {
        problems.push(`probe scanner ${name}: hostKey must be "SHA256:<base64>" or 64 hex digits`);
        continue;
      }
      this.connections.set(
        name,
        new ScannerConnection(
          {
            name,
            host: access.host,
            port: access.port ?? 22,
            username: access.username,
            privateKey: access.privateKey,
            passphrase: access.passphrase,
            pinnedDigest,
            pinned: access.hostKey.trim(),
          },
          connectionOptions,
        ),
      );
    }
    if (problems.length) throw new ConfigError(problems);
    this.logger = options.logger?.child({ system: 'probe' });
    this.counter = options.counter;
    this.timeoutMs = connectionOptions.timeoutMs;
    this.parallelism = options.scannerParallelism ?? DEFAULT_SCANNER_PARALLELISM;
  }

  async probe(ip: string, fromScanner: string): Promise<Reachability> {
    assertProbeTarget(ip, fromScanner);
    const connection = this.connections.get(fromScanner);
    if (!connection)
      throw new IntegrationError('probe', `no SSH access is configured for scanner ${fromScanner}`);
    const start = Date.now();
    try {
      // Each command may wait its whole silence (nc -w 3) before the deadline counts against it.
      const deadline = batchDeadlineMs(1, 1, this.timeoutMs);
      const [ping, tcp] = await Promise.all([
        connection.run(pingCommand(ip), deadline),
        connection.run(tcp22Command(ip), deadline),
      ]);
      const result = {
        ping: pingAnswered(ping, ip, fromScanner),
        tcp22: this.tcpAnswered(tcp, ip, fromScanner),
      };
      this.counter?.count('probe', 'ok', Date.now() - start);
      return result;
    } catch (error) {
      this.counter?.count('probe', 'error', Date.now() - start);
      throw error;
    }
  }

  async probeMany(ips: readonly string[], fromScanner: string): Promise<Map<string, Check<Reachability>>> {
    for (const ip of ips) assertProbeTarget(ip, fromScanner);
    const connection = this.connections.get(fromScanner);
    if (!connection)
      throw new IntegrationError('probe', `no SSH access is configured for scanner ${fromScanner}`);
    const command = batchProbeCommand(ips, this.parallelism);
    const start = Date.now();
    try {
      const result = await connection.run(
        command,
        batchDeadlineMs(ips.length, this.parallelism, this.timeoutMs),
      );
      if (result.exitCode !== 0) {
        const detail = result.stderr ? `: ${result.stderr.split('\n')[0]}` : '';
        throw new IntegrationError(
          'probe',
          `the probe batch of ${ips.length} IPs on ${fromScanner} exited ${result.exitCode ?? result.signal ?? 'without a status'}${detail}`,
        );
      }
      const codes = parseBatchOutput(result.stdout, ips);
      if (typeof codes === 'string')
        throw new IntegrationError(
          'probe',
          `the probe batch on ${fromScanner} answered something unreadable: ${codes}`,
        );
      const out = new Map<string, Check<Reachability>>();
      for (const [ip, code] of codes) {
        const tcp22 = this.tcpAnswered({ exitCode: code.tcp22, signal: null, stderr: '' }, ip, fromScanner);
        out.set(
          ip,
          code.ping === 0 || code.ping === 1
            ? { status: 'ok', value: { ping: code.ping === 0, tcp22 } }
            : {
                status: 'failed',
                check: 'ping',
                system: 'probe',
                reason: `ping ${ip} on ${fromScanner} exited ${code.ping}`,
              },
        );
      }
      this.counter?.count('probe', 'ok', Date.now() - start);
      return out;
    } catch (error) {
      this.counter?.count('probe', 'error', Date.now() - start);
      throw error;
    }
  }

  /**
   * Logs in to a scanner (its host key checked against the pin) and looks for the programs the probe
   * runs there (`nessus-gap doctor`): ping and nc, and xargs, which runs a batch's IPs side by side.
   * Fixed command lines: nothing of the caller reaches the shell.
   */
  async inspect(scanner: string): Promise<Record<ScannerTool, boolean>> {
    const connection = this.connections.get(scanner);
    if (!connection)
      throw new IntegrationError('probe', `no SSH access is configured for scanner ${scanner}`);
    const found = await Promise.all(
      SCANNER_TOOLS.map(async (tool) => (await connection.run(`command -v ${tool}`)).exitCode === 0),
    );
    return { ping: found[0] === true, nc: found[1] === true, xargs: found[2] === true };
  }

  /** Ends every scanner connection (shutdown and tests). */
  close(): void {
    for (const connection of this.connections.values()) connection.close();
  }

  /** nc that cannot run (not installed, bad option) means the TCP check was not made: null, not false. */
  private tcpAnswered(
    result: Pick<CommandResult, 'exitCode' | 'signal' | 'stderr'>,
    ip: string,
    scanner: string,
  ): boolean | null {
    if (result.exitCode === 0) return true;
    if (result.exitCode === 1) return false;
    this.logger?.warn(
      { ip, scanner, exitCode: result.exitCode, signal: result.signal, stderr: result.stderr },
      `nc on ${scanner} could not check TCP 22 of ${ip}`,
    );
    return null;
  }
}

/** ping: 0 = a reply, 1 = no reply; anything else means ping itself failed on the scanner. */
function pingAnswered(result: CommandResult, ip: string, scanner: string): boolean {
  if (result.exitCode === 0) return true;
  if (result.exitCode === 1) return false;
  const how =
    result.exitCode === null
      ? `was stopped (${result.signal ?? 'no exit status'})`
      : `exited ${result.exitCode}`;
  const detail = result.stderr ? `: ${result.stderr.split('\n')[0]}` : '';
  throw new IntegrationError('probe', `ping ${ip} on ${scanner} ${how}${detail}`);
}
