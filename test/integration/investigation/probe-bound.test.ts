/**
 * The investigation's probes (src/investigation/gather-evidence.ts) over the real adapters against
 * the sandbox: batches of `probeBatchSize`, at most `probeBatchesPerScanner` on one scanner and
 * `probeConcurrency` over all in flight, each (IP, scanner) pair probed once however
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

/**
 * Wraps a probe to count probes per pair and the batches in flight at once, overall and per
 * scanner; a batch holding a `failing` IP throws.
 */
function watch(probe: NetworkProbe, failing: ReadonlySet<string>) {
  const calls = new Map<string, number>();
  const perScanner = new Map<string, number>();
  const seen = { inFlight: 0, max: 0, maxPerScanner: 0, batches: 0, largest: 0, calls };
  const watched: NetworkProbe = {
    origin: probe.origin,
    probe: () => Promise.reject(new Error('the investigation probes in batches')),
    async probeMany(ips, scanner) {
      for (const ip of ips) {
        const key = `${ip}|${scanner}`;
        calls.set(key, (calls.get(key) ?? 0) + 1);
      }
      seen.batches++;
      seen.largest = Math.max(seen.largest, ips.length);
      seen.inFlight++;
      seen.max = Math.max(seen.max, seen.inFlight);
      perScanner.set(scanner, (perScanner.get(scanner) ?? 0) + 1);
      seen.maxPerScanner = Math.max(seen.maxPerScanner, perScanner.get(scanner) ?? 0);
      try {
        const failingIp = ips.find((ip) => failing.has(ip));
        if (failingIp) {
          throw new IntegrationError('probe', `probe of ${failingIp} refused by the test`, {
            code: ErrorCode.Integration,
          });
        }
        return await probe.probeMany(ips, scanner);
      } finally {
        seen.inFlight--;
        perScanner.set(scanner, (perScanner.get(scanner) ?? 1) - 1);
      }
    },
  };
  return { seen, watched };
}

describe('the investigation probes', () => {
  it('probes each pair once, in batches within both bounds, and files failures as failed checks', async () => {
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
      // Batches of 5, at most 2 on one scanner and 3 over all scanners.
      const settings = {
        ...base.settings,
        probeConcurrency: 3,
        probeBatchSize: 5,
        probeBatchesPerScanner: 2,
      };
      const deps = { ...base, probe: watched, settings };
      // `repeated` is asked for twice: its pairs must still be probed once.
      const targets = [...listed, repeated];
      const { evidence } = await gatherEvidence(targets, listed, deps);

      expect(evidence.map((e) => e.target)).toEqual(targets);
      // The world's two scanners, two batches each at most: three in flight overall.
      expect(seen.max).toBe(3);
      expect(seen.maxPerScanner).toBe(2);
      expect(seen.largest).toBe(5);
      const pairsOf = (ip: string, probes: readonly Probe[]) => probes.map((p) => `${ip}|${p.scanner}`);
      const pairs = new Set(
        evidence.flatMap((e) => [
          ...pairsOf(e.target.ip, e.probes),
          ...(e.sibling ? pairsOf(e.sibling.ip, e.sibling.probes) : []),
        ]),
      );
      expect(pairs.size).toBeGreaterThan(10);
      expect(seen.batches).toBeGreaterThanOrEqual(Math.ceil(pairs.size / 5));
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
      // The failing IP's batch fails whole; the other batches answer.
      const answered = evidence.filter((e) => e.probes[0]?.result.status === 'ok');
      expect(answered.length).toBeGreaterThan(pairs.size / 2);
    } finally {
      integrations.close();
      await sandbox.close();
    }
  });
});
