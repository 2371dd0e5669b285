/**
 * The investigation's probes (src/investigation/gather-evidence.ts) over the real adapters against
 * the sandbox: at most `probeConcurrency` in flight, each (IP, scanner) pair probed once however
 * many targets need it, every answer filed under its own target, and a probe that throws turned
 * into a failed check instead of failing the investigation.
 */
import { generateWorld } from '../../../sandbox/generate-world.js';
import { startSandbox } from '../../../sandbox/index.js';
import { type InvestigateConfig, loadConfig } from '../../../src/config/index.js';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import { createIntegrations } from '../../../src/integrations/create-integrations.js';
import { investigationDeps } from '../../../src/investigation/deps-from-config.js';
import { gatherEvidence } from '../../../src/investigation/gather-evidence.js';
import { listedTargets } from '../../../src/investigation/investigate.js';
import type { NetworkProbe } from '../../../src/investigation/ports.js';
import { silentLogger } from '../../../src/logger.js';
import type { Probe } from '../../../src/runbook/evidence.js';

/** Wraps a probe to count calls per pair and the most in flight at once; `failing` IPs throw. */
function watch(probe: NetworkProbe, failing: ReadonlySet<string>) {
  const calls = new Map<string, number>();
  const seen = { inFlight: 0, max: 0, calls };
  const watched: NetworkProbe = {
    origin: probe.origin,
    async probe(ip, scanner) {
      const key = `${ip}|${scanner}`;
      calls.set(key, (calls.get(key) ?? 0) + 1);
      seen.inFlight++;
      seen.max = Math.max(seen.max, seen.inFlight);
      try {
        if (failing.has(ip)) {
          throw new IntegrationError('probe', `probe of ${ip} refused by the test`, {
            code: ErrorCode.Integration,
          });
        }
        return await probe.probe(ip, scanner);
      } finally {
        seen.inFlight--;
      }
    },
  };
  return { seen, watched };
}

describe('the investigation probes', () => {
  it('probes each pair once, with at most probeConcurrency in flight, and files failures as failed checks', async () => {
    const world = generateWorld(60);
    const sandbox = await startSandbox(world.scenario);
    const config = loadConfig({ ...sandbox.env }, { mode: 'investigate' }) as InvestigateConfig;
    const logger = silentLogger();
    const integrations = createIntegrations(config, logger, { fast: true });
    try {
      const base = investigationDeps(config, integrations, logger);
      const issue = await base.issues.getIssue(base.settings.gapRepo, world.scenario.github.gapIssue ?? 0);
      const listed = listedTargets(issue);
      // Found by a first run rather than assumed: the targets the investigation does probe.
      const probed = (await gatherEvidence(listed, listed, base)).evidence.filter((e) => e.probes.length > 0);
      const [failingTarget, repeated] = probed.map((e) => e.target);
      if (!failingTarget || !repeated)
        throw new Error('the generated world has fewer than two probed targets');

      const { seen, watched } = watch(base.probe, new Set([failingTarget.ip]));
      const deps = { ...base, probe: watched, settings: { ...base.settings, probeConcurrency: 4 } };
      // `repeated` is asked for twice: its pairs must still be probed once.
      const targets = [...listed, repeated];
      const { evidence } = await gatherEvidence(targets, listed, deps);

      expect(evidence.map((e) => e.target)).toEqual(targets);
      expect(seen.max).toBe(4);
      const pairsOf = (ip: string, probes: readonly Probe[]) => probes.map((p) => `${ip}|${p.scanner}`);
      const pairs = new Set(
        evidence.flatMap((e) => [
          ...pairsOf(e.target.ip, e.probes),
          ...(e.sibling ? pairsOf(e.sibling.ip, e.sibling.probes) : []),
        ]),
      );
      expect(pairs.size).toBeGreaterThan(4);
      expect([...seen.calls.keys()].sort()).toEqual([...pairs].sort());
      expect([...seen.calls.values()].every((count) => count === 1)).toBe(true);

      const twice = evidence.filter((e) => e.target === repeated);
      expect(twice).toHaveLength(2);
      expect(twice[1]?.probes).toEqual(twice[0]?.probes);

      const failed = evidence.find((e) => e.target === failingTarget);
      expect(failed?.probes.length).toBeGreaterThan(0);
      for (const probe of failed?.probes ?? []) {
        expect(probe.result).toEqual({
          status: 'failed',
          check: 'ping',
          system: 'probe',
          reason: expect.stringContaining(`probe of ${failingTarget.ip} refused by the test`),
        });
      }
      const answered = evidence.find((e) => e.target !== failingTarget && e.probes.length > 0);
      expect(answered?.probes[0]?.result.status).toBe('ok');
    } finally {
      integrations.close();
      await sandbox.close();
    }
  });
});
