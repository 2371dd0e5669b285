/**
 * Builds every adapter from the validated configuration: the one place that knows which class
 * serves which port. Each adapter binds its own `system` on the logger, shares the call counter, and gets the
 * secrets to redact.
 */
import type { InvestigateConfig } from '../config/index.js';
import type {
  CallCounter,
  CoverageApi,
  InfraApi,
  InventoryApi,
  IssueTracker,
  ScannerStatusApi,
} from '../investigation/ports.js';
import type { Logger } from '../logger.js';
import { createCallCounter } from './call-counter.js';
import { GitHubIssueTracker } from './github/github-issue-tracker.js';
import type { TransportOptions } from './http/http-client.js';
import { createTrustedFetch } from './http/tls-trust.js';
import { InventoryClient } from './inventory/inventory-client.js';
import { NessusClient } from './nessus/nessus-client.js';
import {
  type ClosableProbe,
  createProbe,
  type ProbeSettings,
  sshScannersFromConfig,
} from './probe/create-probe.js';
import { SoftLayerAccounts } from './softlayer/softlayer-accounts.js';
import { SoftLayerClient } from './softlayer/softlayer-client.js';
import { TenableClient } from './tenable/tenable-client.js';
import { scannerTrust, systemTrust, warnInsecure } from './tls-from-config.js';

export interface Integrations {
  issues: IssueTracker;
  infra: InfraApi;
  coverage: CoverageApi;
  scanners: ScannerStatusApi;
  probe: ClosableProbe;
  /** Null in guided manual mode (no INVENTORY_API_URL). */
  inventory: InventoryApi | null;
  counter: CallCounter & ReturnType<typeof createCallCounter>;
  close(): void;
}

export interface IntegrationOverrides {
  /** Shorter waits for tests and the sandbox (GitHub rate-limit fallbacks, back-off). */
  fast?: boolean;
}

export function createIntegrations(
  config: InvestigateConfig,
  logger: Logger,
  overrides: IntegrationOverrides = {},
): Integrations {
  const counter = createCallCounter();
  const { timeoutMs, retries } = config.http;
  const backoff = overrides.fast ? { minBackoffMs: 20, maxBackoffMs: 200 } : {};
  // What the adapters on HttpClient share; each adds the TLS trust of its own system.
  const transport: Omit<TransportOptions, 'tls'> = { logger, counter, timeoutMs, retries, ...backoff };
  const probe = createProbe(probeSettings(config), { logger, counter });
  warnInsecure(config, logger);
  return {
    issues: new GitHubIssueTracker({
      baseUrl: config.github.apiUrl,
      token: config.github.token,
      paceWrites: config.http.paceGithubWrites,
      logger,
      counter,
      timeoutMs,
      retries,
      fetch: createTrustedFetch(systemTrust(config, 'github')).fetch,
      ...(overrides.fast ? { retryAfterBaseValue: 20, fallbackSecondaryRateRetryAfter: 1 } : {}),
    }),
    infra: new SoftLayerAccounts(
      config.softlayer.accounts.map(
        (account) =>
          [
            account.name,
            new SoftLayerClient({
              ...transport,
              account: account.name,
              baseUrl: account.apiUrl,
              username: account.username,
              apiKey: account.apiKey,
              tls: systemTrust(config, 'softlayer'),
            }),
          ] as const,
      ),
    ),
    coverage: new TenableClient({
      ...transport,
      baseUrl: config.tenable.url,
      accessKey: config.tenable.accessKey,
      secretKey: config.tenable.secretKey,
      tls: systemTrust(config, 'tenable'),
    }),
    scanners: new NessusClient({
      ...transport,
      scanners: Object.fromEntries(
        Object.entries(config.scanners).map(([name, s]) => [
          name,
          {
            url: s.url,
            ...(s.accessKey ? { accessKey: s.accessKey } : {}),
            ...(s.secretKey ? { secretKey: s.secretKey } : {}),
            tls: scannerTrust(config, name),
          },
        ]),
      ),
    }),
    inventory: config.inventory
      ? new InventoryClient({
          ...transport,
          baseUrl: config.inventory.apiUrl,
          token: config.inventory.token,
          tls: systemTrust(config, 'inventory'),
        })
      : null,
    probe,
    counter,
    close: () => probe.close(),
  };
}

function probeSettings(config: InvestigateConfig): ProbeSettings {
  const { probe } = config;
  switch (probe.mode) {
    case 'simulated':
      return {
        mode: 'simulated',
        url: probe.simulatedUrl ?? '',
        timeoutMs: probe.timeoutMs,
        scannerParallelism: probe.scannerParallelism,
      };
    case 'local':
      return { mode: 'local', timeoutMs: probe.timeoutMs, scannerParallelism: probe.scannerParallelism };
    case 'ssh':
      return {
        mode: 'ssh',
        timeoutMs: probe.timeoutMs,
        scanners: sshScannersFromConfig(config.scanners),
        // One SSH session per batch in flight, and never fewer than the four single probes had.
        maxSessionsPerScanner: Math.max(4, probe.batchesPerScanner),
        scannerParallelism: probe.scannerParallelism,
      };
  }
}
