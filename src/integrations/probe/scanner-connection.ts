/**
 * One reusable SSH connection to one Nessus scanner: connected on first use, host key checked
 * against the pinned fingerprint, at most `maxSessions` commands at a time (sshd's MaxSessions is
 * 10 by default), closed after a quiet spell. A failed connection is remembered for a short while so
 * a batch of probes does not hammer a scanner that refuses us.
 */
import { Client, type ClientChannel } from 'ssh2';
import { ErrorCode, IntegrationError } from '../../errors.js';
import { fingerprintOf, matchesPinned } from './host-key-fingerprint.js';

export interface ScannerEndpoint {
  name: string;
  host: string;
  port: number;
  username: string;
  privateKey: string | Buffer;
  passphrase?: string;
  pinnedDigest: Buffer;
  pinned: string;
}

export interface ScannerConnectionOptions {
  timeoutMs: number;
  maxSessions: number;
  idleMs: number;
  failureMemoryMs: number;
}

export interface CommandResult {
  exitCode: number | null;
  signal: string | null;
  stderr: string;
  /** What the command printed, up to STDOUT_LIMIT characters (a batch's result lines). */
  stdout: string;
}

/** Enough for the result lines of the largest batch (two lines of at most 25 characters per IP). */
const STDOUT_LIMIT = 64_000;

export class ScannerConnection {
  private client: Promise<Client> | null = null;
  private lastFailure: { error: IntegrationError; at: number } | null = null;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private idleTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly endpoint: ScannerEndpoint,
    private readonly options: ScannerConnectionOptions,
  ) {}

  /**
   * Runs one command and returns how it ended; never runs more than `maxSessions` at once. A batch
   * gives its own deadline (`timeoutMs`), longer than a single check's.
   */
  async run(command: string, timeoutMs = this.options.timeoutMs): Promise<CommandResult> {
    await this.acquire();
    try {
      const client = await this.connect();
      return await this.exec(client, command, timeoutMs);
    } finally {
      this.release();
    }
  }

  close(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const pending = this.client;
    this.client = null;
    void pending?.then((c) => c.end()).catch(() => {});
  }

  private connect(): Promise<Client> {
    if (this.client) return this.client;
    const { name, host, port } = this.endpoint;
    if (this.lastFailure && Date.now() - this.lastFailure.at < this.options.failureMemoryMs) {
      return Promise.reject(this.lastFailure.error);
    }
    const attempt = new Promise<Client>((resolve, reject) => {
      const client = new Client();
      let offeredKey: string | null = null;
      let ready = false;
      client.once('ready', () => {
        ready = true;
        resolve(client);
      });
      client.on('error', (error: Error & { level?: string }) => {
        if (ready) return; // a later failure surfaces through `close` and the running command
        const reason = offeredKey
          ? `host key of ${name} (${host}:${port}) does not match the pinned key: it offered ${offeredKey}, pinned is ${this.endpoint.pinned}`
          : error.level === 'client-authentication'
            ? `could not log in to ${name} (${host}:${port}) as ${this.endpoint.username}: ${error.message}`
            : error.level === 'client-timeout'
              ? `${name} (${host}:${port}) did not complete the SSH handshake within ${this.options.timeoutMs} ms`
              : `could not connect to ${name} (${host}:${port}): ${error.message}`;
        reject(
          new IntegrationError('probe', reason, {
            code: error.level === 'client-timeout' ? ErrorCode.Timeout : ErrorCode.Integration,
            retryable: !offeredKey,
          }),
        );
      });
      client.on('close', () => {
        if (this.client === attempt) this.client = null;
        if (!ready)
          reject(new IntegrationError('probe', `${name} (${host}:${port}) closed the SSH connection`));
      });
      client.connect({
        host,
        port,
        username: this.endpoint.username,
        privateKey: this.endpoint.privateKey,
        passphrase: this.endpoint.passphrase,
        readyTimeout: this.options.timeoutMs,
        hostVerifier: (key: Buffer) => {
          if (matchesPinned(key, this.endpoint.pinnedDigest)) return true;
          offeredKey = fingerprintOf(key);
          return false;
        },
      });
    });
    this.client = attempt;
    attempt.then(
      () => {
        this.lastFailure = null;
      },
      (error: IntegrationError) => {
        if (this.client === attempt) this.client = null;
        this.lastFailure = { error, at: Date.now() };
      },
    );
    return attempt;
  }

  private exec(client: Client, command: string, timeoutMs: number): Promise<CommandResult> {
    const { name } = this.endpoint;
    return new Promise((resolve, reject) => {
      let settled = false;
      let channel: ClientChannel | null = null;
      const timer = setTimeout(() => {
        fail(
          new IntegrationError(
            'probe',
            `"${shorten(command)}" on ${name} did not finish within ${timeoutMs} ms`,
            {
              code: ErrorCode.Timeout,
              retryable: true,
            },
          ),
        );
        channel?.close();
      }, timeoutMs);
      const fail = (error: IntegrationError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        reject(error);
      };
      try {
        client.exec(command, (error, stream) => {
          if (error)
            return fail(
              new IntegrationError(
                'probe',
                `could not run "${shorten(command)}" on ${name}: ${error.message}`,
              ),
            );
          channel = stream;
          let exitCode: number | null = null;
          let signal: string | null = null;
          let stderr = '';
          let stdout = '';
          stream.on('exit', (code: number | null, sig?: string) => {
            exitCode = code;
            signal = sig ?? null;
          });
          stream.on('data', (chunk: Buffer) => {
            if (stdout.length < STDOUT_LIMIT) stdout += chunk.toString('utf8');
          });
          stream.stderr.on('data', (chunk: Buffer) => {
            if (stderr.length < 500) stderr += chunk.toString('utf8');
          });
          stream.on('close', () => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            resolve({ exitCode, signal, stderr: stderr.trim().slice(0, 500), stdout });
          });
        });
      } catch (error) {
        fail(
          new IntegrationError('probe', `could not run "${shorten(command)}" on ${name}: ${String(error)}`, {
            retryable: true,
          }),
        );
      }
    });
  }

  private async acquire(): Promise<void> {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    if (this.active < this.options.maxSessions) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next command
      return;
    }
    this.active--;
    if (this.active === 0 && this.client) {
      this.idleTimer = setTimeout(() => this.close(), this.options.idleMs);
      this.idleTimer.unref();
    }
  }
}

/** A batch command names hundreds of IPs: messages quote its start only. */
function shorten(command: string): string {
  return command.length > 120 ? `${command.slice(0, 117)}...` : command;
}
