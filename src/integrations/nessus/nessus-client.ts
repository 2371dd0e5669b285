/**
 * The Nessus scanners' own health endpoint behind `ScannerStatusApi` (docs/outside-apis.md section 3):
 * `GET {url}/server/status`, ready only when it says `ready`. Each configured scanner has its URL
 * and, optionally, its API keys.
 */
import { z } from 'zod';
import { ErrorCode, IntegrationError } from '../../errors.js';
import type { ScannerStatusApi } from '../../investigation/ports.js';
import type { ScannerHealth } from '../../runbook/evidence.js';
import { HttpClient, type TransportOptions, transportOptions } from '../http/http-client.js';
import type { TlsTrust } from '../http/tls-trust.js';

export interface NessusScannerEndpoint {
  /** `https://scanner-host:8834` */
  url: string;
  accessKey?: string;
  secretKey?: string;
  /** Which certificates this scanner may present (Nessus makes its own self-signed one). */
  tls?: TlsTrust;
}

/** The transport options but `tls`, which each scanner's endpoint gives. */
export interface NessusClientOptions extends Omit<TransportOptions, 'tls'> {
  scanners: Readonly<Record<string, NessusScannerEndpoint>>;
  /**
   * Deadline of one status call (default 5000 ms, at most `timeoutMs`), not repeated when the
   * scanner does not answer: it is reported after one short wait, not after four long ones.
   */
  statusTimeoutMs?: number;
}

const statusSchema = z.object({
  status: z.string().trim().min(1),
  progress: z.union([z.number(), z.string()]).nullish(),
});

export class NessusClient implements ScannerStatusApi {
  private readonly clients = new Map<string, HttpClient>();
  private readonly options: NessusClientOptions;

  constructor(options: NessusClientOptions) {
    this.options = options;
  }

  configured(): string[] {
    return Object.keys(this.options.scanners).sort();
  }

  async status(scanner: string): Promise<ScannerHealth> {
    const body = await this.client(scanner).request({
      method: 'GET',
      path: 'server/status',
      schema: statusSchema,
      timeoutMs: Math.min(this.options.statusTimeoutMs ?? 5000, this.options.timeoutMs ?? 10_000),
      retryUnanswered: false,
    });
    return { name: scanner, ready: body.status === 'ready', status: describe(body.status, body.progress) };
  }

  private client(scanner: string): HttpClient {
    const existing = this.clients.get(scanner);
    if (existing) return existing;
    const endpoint = Object.hasOwn(this.options.scanners, scanner)
      ? this.options.scanners[scanner]
      : undefined;
    if (!endpoint?.url) {
      throw new IntegrationError(
        'nessus',
        `nessus: no URL configured for scanner ${scanner} (add it under scanners in NESSUS_GAP_CONFIG)`,
        { code: ErrorCode.ConfigInvalid },
      );
    }
    const { accessKey, secretKey } = endpoint;
    const client = new HttpClient({
      system: 'nessus',
      baseUrl: endpoint.url,
      headers:
        accessKey && secretKey ? { 'x-apikeys': `accessKey=${accessKey}; secretKey=${secretKey}` } : {},
      secrets: [accessKey ?? '', secretKey ?? ''],
      ...transportOptions(this.options),
      logger: this.options.logger.child({ scanner }),
      tls: endpoint.tls,
    });
    this.clients.set(scanner, client);
    return client;
  }
}

/** `ready`, or the scanner's own word with its progress: `loading (50%)`. */
function describe(status: string, progress: number | string | null | undefined): string {
  if (status === 'ready' || progress === null || progress === undefined || progress === '') return status;
  return `${status} (${progress}%)`;
}
