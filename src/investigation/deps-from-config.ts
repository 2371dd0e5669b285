import type { InvestigateConfig } from '../config/index.js';
import type { Integrations } from '../integrations/create-integrations.js';
import type { Logger } from '../logger.js';
import type { InvestigationDeps } from './investigate.js';

/** The investigation's dependencies from the validated configuration and its adapters. */
export function investigationDeps(
  config: InvestigateConfig,
  integrations: Integrations,
  logger: Logger,
  now: () => Date = () => new Date(),
): InvestigationDeps {
  return {
    issues: integrations.issues,
    infra: integrations.infra,
    coverage: integrations.coverage,
    scanners: integrations.scanners,
    probe: integrations.probe,
    settings: {
      gapRepo: config.github.gapIssuesRepo,
      decomRepo: config.github.decomTicketsRepo,
      environments: config.environments,
      datacenters: config.datacenters,
      allowedCidrs: config.probe.allowedCidrs,
      decommissionWindowDays: config.decommission.windowDays,
      probeConcurrency: config.probe.concurrency,
      probeBatchSize: config.probe.batchSize,
      probeBatchesPerScanner: config.probe.batchesPerScanner,
      links: config.links,
    },
    now,
    logger,
  };
}
