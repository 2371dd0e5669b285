/**
 * Tenable.sc lists the pseudo asset list "All Defined Ranges" (id 0) to organisation users; its
 * "IPs" are every range the user may see. Read as a list, it would put every target in an asset
 * list and hide `not_in_asset_list`. Against an emulator that lists it even when asked not to, the
 * findings are the same as against one that honours the filter.
 */
import { loadScenario, type Sandbox, startSandbox } from '../../../sandbox/index.js';
import { type InvestigateConfig, loadConfig } from '../../../src/config/index.js';
import { createIntegrations } from '../../../src/integrations/create-integrations.js';
import { investigationDeps } from '../../../src/investigation/deps-from-config.js';
import { investigateIssue } from '../../../src/investigation/investigate.js';
import { silentLogger } from '../../../src/logger.js';

async function findings(sandbox: Sandbox) {
  const config = loadConfig(sandbox.env, { mode: 'investigate' }) as InvestigateConfig;
  const integrations = createIntegrations(config, silentLogger(), { fast: true });
  try {
    const deps = investigationDeps(
      config,
      integrations,
      silentLogger(),
      () => new Date('2026-06-01T00:00:00Z'),
    );
    const { report } = await investigateIssue(sandbox.scenario.github.gapIssue ?? 0, deps);
    return report.findings.map((f) => ({ ip: f.ip, category: f.category, evidence: f.evidence }));
  } finally {
    integrations.close();
  }
}

describe('"All Defined Ranges"', () => {
  it('changes no finding, even from a server that lists it when asked not to', async () => {
    const scenario = loadScenario('examples/scenarios/all-categories.yaml');
    const honest = await startSandbox(scenario);
    const stubborn = await startSandbox(scenario, { tenableIgnoresExcludeAllDefined: true });
    try {
      const expected = await findings(honest);
      const got = await findings(stubborn);
      expect(got).toEqual(expected);
      // The world has a target outside every real list but inside a zone: the pseudo list would hide it.
      expect(expected.some((f) => f.category === 'not_in_asset_list')).toBe(true);
      const assetCalls = stubborn.emulators.tenable.calls.filter((c) => c.path.startsWith('/rest/asset'));
      expect(assetCalls.some((c) => c.path === '/rest/asset')).toBe(true);
      expect(assetCalls.some((c) => c.path === '/rest/asset/0')).toBe(false);
    } finally {
      await honest.close();
      await stubborn.close();
    }
  });
});
