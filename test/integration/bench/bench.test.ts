/**
 * One benchmark run end to end, with the bot in the bench's process and in a process of its own
 * (`nessus-gap serve`, from the compiled dist/ that `npm test` builds first).
 */
import { runAckBench } from '../../../src/bench/ack-bench.js';
import { summarizeAcks } from '../../../src/bench/ack-stats.js';
import { runNaive } from '../../../src/bench/naive-peer.js';
import { runBench } from '../../../src/bench/run-bench.js';
import { assertBuilt } from '../restart/child-bot.js';

const READS = ['github', 'softlayer', 'tenable', 'nessus', 'inventory', 'probe'] as const;

describe('nessus-gap bench', () => {
  it('measures the same run with the bot in its own process, and that process alone for memory', async () => {
    assertBuilt();
    const inProcess = await runBench({ targets: 40, latencyMs: 0, cold: true });
    const separate = await runBench({ targets: 40, latencyMs: 0, botProcess: true });

    for (const run of [inProcess, separate]) {
      expect(run.result.targets).toBe(40);
      expect(run.result.slackMessages).toBeGreaterThanOrEqual(3);
      expect(run.result.upstreamCalls.probe).toBeGreaterThan(0);
      expect(run.result.wallMs).toBeGreaterThan(0);
      // A Node process with the bot's libraries loaded is far above 40 MB, and both figures are peaks.
      expect(run.result.peakRssMb).toBeGreaterThan(40);
      expect(run.result.peakRssMb).toBeGreaterThanOrEqual(run.startRssMb);
    }
    // The same world read the same way: only where the bot runs differs.
    for (const system of READS)
      expect([system, separate.result.upstreamCalls[system]]).toEqual([
        system,
        inProcess.result.upstreamCalls[system],
      ]);
    expect(separate.result.slackMessages).toBe(inProcess.result.slackMessages);
    expect(separate.result.criticalPathMs).toBe(inProcess.result.criticalPathMs);
  }, 60_000);

  it('times slash command acks while investigations run, with the bot in its own process', async () => {
    assertBuilt();
    const { samples } = await runAckBench({
      targets: 60,
      latencyMs: 20,
      investigations: 2,
      commands: 20,
      botProcess: true,
    });
    expect(samples.length).toBeGreaterThanOrEqual(20);
    const result = summarizeAcks(samples, { targets: 60, latencyMs: 20, investigations: 2 });
    expect(result.duringInvestigations).toBeGreaterThan(0);
    // Each ack is one signed round trip to the bot and back, so it takes some time, and Slack's 3 s is far.
    expect(result.ackP50Ms).toBeGreaterThan(0);
    expect(result.ackMaxMs).toBeLessThan(3000);
  }, 60_000);

  it('walks the same world one IP at a time for the naive peer, cut off after its budget and extrapolated', async () => {
    // 28 targets, 30 % of the probed IPs dead (3 s each, the real wait): 4 s of budget walks the
    // first few IPs only (the second is a dead management card).
    const naive = await runNaive({ targets: 28, latencyMs: 0, deadShare: 0.3, budgetMs: 4000 });
    expect(naive.targets).toBe(28);
    expect(naive.cutOff).toBe(true);
    expect(naive.measuredIps).toBeGreaterThan(0);
    expect(naive.measuredIps).toBeLessThan(28);
    expect(naive.failureReasons).toEqual([]);
    expect(naive.totalMs).toBe(Math.round((naive.elapsedMs / naive.measuredIps) * 28));
    // One probe per walked IP of our accounts at most, no batch: the script's way.
    expect(naive.calls.probe ?? 0).toBeGreaterThan(0);
    expect(naive.calls.probe ?? 0).toBeLessThanOrEqual(naive.measuredIps);
    const whole = await runNaive({ targets: 3, latencyMs: 0, deadShare: 0, budgetMs: 60_000 });
    expect(whole).toMatchObject({ measuredIps: 3, cutOff: false });
    expect(whole.totalMs).toBe(whole.elapsedMs);
  }, 60_000);
});
