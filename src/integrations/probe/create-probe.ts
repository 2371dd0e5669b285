/**
 * Picks the network probe for the configured mode: `simulated` (the sandbox's network, for tests,
 * demo and bench), `local` (ping and TCP from the bot's own host) or `ssh` (from each scanner, as
 * the runbook does by hand).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../../errors.js';
import type { CallCounter, NetworkProbe } from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import { LocalProbe } from './local-probe.js';
import { SimulatedProbe } from './simulated-probe.js';
import { SshProbe, type SshScannerAccess } from './ssh-probe.js';

/** `scannerParallelism`: IPs of one batch probed at once where the probes run. */
export type ProbeSettings =
  | { mode: 'simulated'; url: string; timeoutMs: number; retries?: number; scannerParallelism?: number }
  | { mode: 'local'; timeoutMs: number; pingPath?: string; tcpPort?: number; scannerParallelism?: number }
  | {
      mode: 'ssh';
      timeoutMs: number;
      scanners: Record<string, SshScannerAccess>;
      maxSessionsPerScanner?: number;
      scannerParallelism?: number;
    };

export interface ProbeDependencies {
  logger: Logger;
  counter?: CallCounter;
}

/** A probe, and how to release what it holds (SSH connections); a no-op for the others. */
export interface ClosableProbe extends NetworkProbe {
  close(): void;
}

export function createProbe(settings: ProbeSettings, deps: ProbeDependencies): ClosableProbe {
  switch (settings.mode) {
    case 'simulated':
      return withClose(
        new SimulatedProbe({
          url: settings.url,
          timeoutMs: settings.timeoutMs,
          retries: settings.retries,
          scannerParallelism: settings.scannerParallelism,
          logger: deps.logger,
          counter: deps.counter,
        }),
      );
    case 'local':
      return withClose(
        new LocalProbe({
          timeoutMs: settings.timeoutMs,
          pingPath: settings.pingPath,
          tcpPort: settings.tcpPort,
          // The bot's own host: never more at once than it allows by default.
          parallelism: Math.min(16, settings.scannerParallelism ?? 16),
          counter: deps.counter,
        }),
      );
    case 'ssh':
      return new SshProbe({
        scanners: settings.scanners,
        timeoutMs: settings.timeoutMs,
        maxSessionsPerScanner: settings.maxSessionsPerScanner,
        scannerParallelism: settings.scannerParallelism,
        logger: deps.logger,
        counter: deps.counter,
      });
  }
}

/** The scanner fields of the configuration the SSH probe needs (src/config/types.ts ScannerConfig). */
export interface ScannerSshFields {
  sshHost: string;
  sshPort: number;
  sshUser: string | null;
  sshPrivateKeyPath: string | null;
  sshHostKey: string | null;
}

/**
 * The SSH access of every configured scanner, private keys read from their files. A scanner without
 * a user, key file or pinned host key is a configuration problem, reported all at once.
 */
export function sshScannersFromConfig(
  scanners: Readonly<Record<string, ScannerSshFields>>,
  readKey: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Record<string, SshScannerAccess> {
  const problems: string[] = [];
  const out: Record<string, SshScannerAccess> = {};
  for (const [name, scanner] of Object.entries(scanners)) {
    const missing = (['sshUser', 'sshPrivateKeyPath', 'sshHostKey'] as const).filter((key) => !scanner[key]);
    if (missing.length) {
      problems.push(`scanners.${name}: ${missing.join(', ')} required when probe.mode is ssh`);
      continue;
    }
    let privateKey: string;
    try {
      privateKey = readKey(scanner.sshPrivateKeyPath ?? '');
    } catch (error) {
      problems.push(
        `scanners.${name}.sshPrivateKeyPath: cannot read ${scanner.sshPrivateKeyPath}: ${String(error)}`,
      );
      continue;
    }
    out[name] = {
      host: scanner.sshHost,
      port: scanner.sshPort,
      username: scanner.sshUser ?? '',
      privateKey,
      hostKey: scanner.sshHostKey ?? '',
    };
  }
  if (problems.length) throw new ConfigError(problems);
  return out;
}

function withClose(probe: NetworkProbe): ClosableProbe {
  return {
    origin: probe.origin,
    probe: (ip, scanner) => probe.probe(ip, scanner),
    probeMany: (ips, scanner) => probe.probeMany(ips, scanner),
    close: () => {},
  };
}
