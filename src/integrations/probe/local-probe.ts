/**
 * Probes from the machine the bot runs on: `ping -c 1` (run without a shell, the IP as its own
 * argument) and a TCP connect to port 22. It stands in for "log in to the scanner and run ping",
 * so it only tells the truth when the bot runs where the scanner sits; `fromScanner` is not used.
 *
 * "No answer" is a result (ping false); "ping is missing or not permitted here" is an error, so the
 * finding says the check could not be made instead of calling the target unreachable.
 */
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { ErrorCode, IntegrationError } from '../../errors.js';
import type { CallCounter, NetworkProbe } from '../../investigation/ports.js';
import { mapConcurrent } from '../../map-concurrent.js';
import type { Check, Reachability } from '../../runbook/evidence.js';
import { assertProbeTarget } from './probe-target.js';

export interface LocalProbeOptions {
  /** Deadline of each of ping and the TCP connect (default 3000 ms). */
  timeoutMs?: number;
  /** The ping program (default `ping`, found on PATH). */
  pingPath?: string;
  /** The TCP port checked (default 22; tests use a loopback listener's port). */
  tcpPort?: number;
  /**
   * IPs of a batch probed at once here (default 16): each is a ping process and a socket on the
   * bot's own host, which has other work to do, so fewer than a scanner runs.
   */
  parallelism?: number;
  counter?: CallCounter;
}

/** TCP failures that mean "the port does not answer", as opposed to a failure of this machine. */
const NO_ANSWER_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EHOSTDOWN',
]);

export class LocalProbe implements NetworkProbe {
  /** Ping and TCP run on the bot's own host, not on the scanner the runbook would use. */
  readonly origin = 'bot' as const;
  private readonly timeoutMs: number;
  private readonly pingPath: string;
  private readonly tcpPort: number;
  private readonly counter: CallCounter | undefined;
  private readonly parallelism: number;

  constructor(options: LocalProbeOptions = {}) {
    this.parallelism = Math.max(1, options.parallelism ?? 16);
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.pingPath = options.pingPath ?? 'ping';
    this.tcpPort = options.tcpPort ?? 22;
    this.counter = options.counter;
  }

  async probe(ip: string, fromScanner: string): Promise<Reachability> {
    assertProbeTarget(ip, fromScanner);
    const start = Date.now();
    try {
      const [ping, tcp22] = await Promise.all([this.ping(ip), this.tcpConnect(ip)]);
      this.counter?.count('probe', 'ok', Date.now() - start);
      return { ping, tcp22 };
    } catch (error) {
      this.counter?.count('probe', 'error', Date.now() - start);
      throw error;
    }
  }

  /** The batch as the scanner would run it: every IP, `parallelism` at once, each one's failure its own. */
  async probeMany(ips: readonly string[], fromScanner: string): Promise<Map<string, Check<Reachability>>> {
    for (const ip of ips) assertProbeTarget(ip, fromScanner);
    const results = await mapConcurrent(ips, this.parallelism, async (ip): Promise<Check<Reachability>> => {
      try {
        return { status: 'ok', value: await this.probe(ip, fromScanner) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { status: 'failed', check: 'ping', system: 'probe', reason };
      }
    });
    return new Map(ips.map((ip, index) => [ip, results[index] as Check<Reachability>]));
  }

  private ping(ip: string): Promise<boolean> {
    const waitSeconds = String(Math.max(1, Math.ceil(this.timeoutMs / 1000)));
    return new Promise((resolve, reject) => {
      execFile(
        this.pingPath,
        ['-c', '1', '-W', waitSeconds, ip],
        { timeout: this.timeoutMs + 1000, windowsHide: true, shell: false },
        (error, _stdout, stderr) => {
          if (!error) return resolve(true);
          const code = error.code;
          if (code === 'ENOENT') {
            return reject(
              new IntegrationError('probe', `ping is not installed here (${this.pingPath} not found)`),
            );
          }
          if (code === 'EACCES' || code === 'EPERM') {
            return reject(
              new IntegrationError('probe', `ping is not permitted here (${this.pingPath}: ${code})`),
            );
          }
          if (error.killed) {
            return reject(
              new IntegrationError('probe', `ping ${ip} did not finish within ${this.timeoutMs + 1000} ms`, {
                code: ErrorCode.Timeout,
                retryable: true,
              }),
            );
          }
          // iputils and BSD ping: exit 1 = no reply, 2 and above = ping itself failed (e.g. no raw socket).
          if (code === 1) return resolve(false);
          const reason = String(stderr).trim().split('\n')[0] || `exit code ${String(code)}`;
          reject(new IntegrationError('probe', `ping could not run here: ${reason}`));
        },
      );
    });
  }

  private tcpConnect(ip: string): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: ip, port: this.tcpPort });
      const finish = (outcome: boolean | Error) => {
        socket.destroy();
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      };
      socket.setTimeout(this.timeoutMs, () => finish(false));
      socket.once('connect', () => finish(true));
      socket.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code && NO_ANSWER_CODES.has(error.code)) return finish(false);
        finish(
          new IntegrationError('probe', `TCP ${this.tcpPort} check of ${ip} failed here: ${error.message}`),
        );
      });
    });
  }
}
