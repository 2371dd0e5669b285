import type { AckSample } from '../../../src/bench/ack-bench.js';
import { percentile, summarizeAcks } from '../../../src/bench/ack-stats.js';
import { benchJson, renderRunText, renderSweepText, table } from '../../../src/bench/format.js';
import type { BenchResult } from '../../../src/bench/run-bench.js';

const result: BenchResult = {
  targets: 1000,
  latencyMs: 50,
  wallMs: 4000,
  criticalPathMs: 2000,
  upstreamCalls: { github: 5, softlayer: 80, tenable: 5, nessus: 2, inventory: 0, probe: 928, slack: 20 },
  slackMessages: 15,
  peakRssMb: 180.4,
  deadShare: 0.3,
  probedIps: 1070,
  deadIps: 321,
  probePhaseMs: 6100,
  callsByKind: {
    pagedLists: { github: 3, softlayer: 10, tenable: 6 },
    perTarget: { softlayerPowerStates: 72, probeCalls: 7, probedIpsServed: 1070 },
    posts: { slackPosts: 14, slackUpdates: 5, fileUploads: 1, issueComments: 6 },
  },
};

describe('bench output', () => {
  it('prints the contract keys in the contract order', () => {
    const reversed = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).reverse()) as T;
    const shuffled = reversed({ ...result, upstreamCalls: reversed(result.upstreamCalls) });
    const json = JSON.stringify(benchJson(shuffled));
    expect(json).toBe(
      '{"targets":1000,"latencyMs":50,"wallMs":4000,"criticalPathMs":2000,' +
        '"upstreamCalls":{"github":5,"softlayer":80,"tenable":5,"nessus":2,"inventory":0,"probe":928,"slack":20},' +
        '"slackMessages":15,"peakRssMb":180.4,"deadShare":0.3,"probedIps":1070,"deadIps":321,"probePhaseMs":6100,' +
        '"callsByKind":{"pagedLists":{"github":3,"softlayer":10,"tenable":6},' +
        '"perTarget":{"softlayerPowerStates":72,"probeCalls":7,"probedIpsServed":1070},' +
        '"posts":{"slackPosts":14,"slackUpdates":5,"fileUploads":1,"issueComments":6}}}',
    );
  });

  it('shows a run as named lines with the wall time against the critical path', () => {
    const text = renderRunText(result);
    expect(text).toContain('wall time       4000 ms (2.00 x)');
    expect(text).toContain('dead hosts      321 of 1070 probed IPs (share 0.3), each costing its wait');
    expect(text).toContain('probe phase     6100 ms of the critical path');
    expect(text).toContain(
      'upstream calls  github 5, softlayer 80, tenable 5, nessus 2, inventory 0, probe 928, slack 20',
    );
  });

  it('shows a sweep as one table row per size', () => {
    const lines = renderSweepText([result, { ...result, targets: 10, peakRssMb: 120 }])
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\| targets \| +dead \| wall ms \| critical ms \| probe ms \| github \|/);
    expect(lines[3]).toMatch(/^\| 10 +\| +321\/1070 \| +4000 \| +2000 \| +6100 \|/);
    expect(lines[3]).toMatch(/\| +120\.0 \|$/);
  });

  it('lines up table columns', () => {
    expect(table(['a', 'bb'], [['xyz', '1']])).toBe('| a   | bb |\n|-----|---:|\n| xyz |  1 |\n');
  });
});

describe('ack figures', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 99)).toBe(198);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 99)).toBe(0);
  });

  it('counts the acks that came while investigations ran, and those only', () => {
    const samples: AckSample[] = [
      ...Array.from({ length: 100 }, (_, i) => ({ ms: 2 + i / 100, during: true })),
      { ms: 500, during: false },
    ];
    const summary = summarizeAcks(samples, { targets: 1000, latencyMs: 50, investigations: 3 });
    expect(summary).toEqual({
      targets: 1000,
      latencyMs: 50,
      investigations: 3,
      commands: 101,
      duringInvestigations: 100,
      ackP50Ms: 2.5,
      ackP99Ms: 3,
      ackMaxMs: 3,
    });
  });
});
