import {
  batchScheduleMs,
  type CallPlan,
  criticalPath,
  type DesignConcurrency,
  listScheduleMs,
  type ProbeBatchCost,
} from '../../../src/bench/critical-path.js';

const concurrency: DesignConcurrency = {
  softlayerPages: 4,
  powerStates: 8,
  tenableDetails: 8,
  sumipChunks: 4,
  probes: 32,
  probeBatchesPerScanner: 4,
  scannerParallelism: 64,
};

function plan(overrides: Partial<CallPlan> = {}): CallPlan {
  return {
    issueCommentPages: 1,
    softlayer: { hardwarePages: 1, guestPages: 1, subnetPages: 1, powerStates: 0 },
    tenable: { zoneCalls: 1, assetListCalls: 1, assetDetails: 2, sumipPages: 1 },
    sumipChunks: 1,
    githubListingPages: 1,
    scannerStatusCalls: 2,
    probes: 0,
    probeBatches: [],
    slackPosts: 1,
    fileUploads: 0,
    slackUpdates: 1,
    issueComments: 1,
    ...overrides,
  };
}

describe('criticalPath', () => {
  it('chains the issue, the longest look-up, the probe rounds and the posts, one latency each', () => {
    // issue 1; look-ups: SoftLayer hardware 1 page + 72 power states / 8 = 10; probes 928 / 32 = 29;
    // posting: 15 replies + the file shared after them = 16, 26 comments in order, final edit 2.
    const path = criticalPath({
      latencyMs: 50,
      concurrency,
      plan: plan({
        softlayer: { hardwarePages: 1, guestPages: 9, subnetPages: 1, powerStates: 72 },
        probes: 928,
        slackPosts: 16,
        fileUploads: 1,
        slackUpdates: 4,
        issueComments: 26,
      }),
    });
    expect(path.rounds).toEqual({
      issue: 1,
      lookups: 10,
      lookupsBySystem: { softlayer: 10, tenable: 2, github: 1, nessus: 1 },
      probes: 29,
      posting: 26,
      total: 66,
    });
    expect(path.ms).toBe(3300);
  });

  it('fetches the first list page alone, then the others at the paging concurrency', () => {
    const rounds = (guestPages: number) =>
      criticalPath({
        latencyMs: 1,
        concurrency,
        plan: plan({ softlayer: { hardwarePages: 1, guestPages, subnetPages: 1, powerStates: 0 } }),
      }).rounds.lookupsBySystem.softlayer;
    expect([1, 2, 5, 6, 9, 10].map(rounds)).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it('reads sumip pages in turn, spread over the chunks that run together', () => {
    const tenable = (sumipPages: number, sumipChunks: number) =>
      criticalPath({
        latencyMs: 1,
        concurrency,
        plan: plan({
          tenable: { zoneCalls: 1, assetListCalls: 1, assetDetails: 0, sumipPages },
          sumipChunks,
        }),
      }).rounds.lookupsBySystem.tenable;
    expect(tenable(5, 1)).toBe(5);
    expect(tenable(4, 2)).toBe(2);
    expect(tenable(12, 6)).toBe(3);
  });

  it('posts the thread and the issue comments side by side, the longer one counting', () => {
    const posting = (overrides: Partial<CallPlan>) =>
      criticalPath({ latencyMs: 1, concurrency, plan: plan(overrides) }).rounds.posting;
    expect(posting({ slackPosts: 6, issueComments: 2 })).toBe(5);
    expect(posting({ slackPosts: 2, issueComments: 7 })).toBe(7);
    expect(posting({ slackPosts: 2, fileUploads: 1, issueComments: 1 })).toBe(3);
    expect(posting({ slackPosts: 1, issueComments: 0, slackUpdates: 1 })).toBe(1);
  });

  it('gives more rounds to more probes and to extra comment pages of the issue', () => {
    const total = (overrides: Partial<CallPlan>) =>
      criticalPath({ latencyMs: 10, concurrency, plan: plan(overrides) }).ms;
    expect(total({ probes: 33 }) - total({ probes: 32 })).toBe(10);
    expect(total({ issueCommentPages: 3 }) - total({ issueCommentPages: 1 })).toBe(20);
    // issue 1, Tenable asset list then its details 2, the comment then the final summary edit 2.
    expect(total({ probes: 0 })).toBe(10 * (1 + 2 + 2));
  });

  it('charges a batch its latency and the waits of its silent hosts, slots on the scanner taken in turn', () => {
    // 5 IPs, 2 of them silent (3000 ms), 2 slots: [3000, 0, 0, 3000, 0] -> slot A 3000, slot B 0,
    // then 0 -> B, 3000 -> B (3000), 0 -> A or B: the last ends at 3000.
    expect(listScheduleMs([3000, 0, 0, 3000, 0], 2)).toBe(3000);
    // 3 silent hosts on 2 slots: the third waits for a free slot: 6000.
    expect(listScheduleMs([3000, 3000, 3000], 2)).toBe(6000);
    expect(listScheduleMs([3000, 3000, 3000], 3)).toBe(3000);
    expect(listScheduleMs([], 4)).toBe(0);
  });

  it('runs batches within the per-scanner and overall bounds, each scanner in order', () => {
    const batch = (scanner: string, ...hostCostsMs: number[]): ProbeBatchCost => ({ scanner, hostCostsMs });
    const cost = (b: ProbeBatchCost) => 50 + listScheduleMs(b.hostCostsMs, 2);
    // Scanner a: batches of 3050, 50, 3050 ms, two at a time: 3050 and 50 start at 0, the third at
    // 50 and ends at 3100. Scanner b: one batch of 3050 alongside. Overall bound 4: not binding.
    const batches = [batch('a', 3000, 0), batch('a', 0), batch('a', 3000), batch('b', 3000)];
    expect(batchScheduleMs(batches, cost, { probes: 4, probeBatchesPerScanner: 2 })).toBe(3100);
    // One batch at a time on a scanner: 3050 + 50 + 3050.
    expect(batchScheduleMs(batches, cost, { probes: 4, probeBatchesPerScanner: 1 })).toBe(6150);
    // One batch at a time overall: a's three, then b's: 3050 + 50 + 3050 + 3050.
    expect(batchScheduleMs(batches, cost, { probes: 1, probeBatchesPerScanner: 4 })).toBe(9200);
    expect(batchScheduleMs([], cost, { probes: 1, probeBatchesPerScanner: 1 })).toBe(0);
  });

  it('puts the probe phase between the look-ups and the posts, in milliseconds', () => {
    // Look-ups 2 rounds after the issue's 1, posting 2 rounds (the comment, then the final edit):
    // 5 rounds of 50 ms. Probes: 4 batches on one scanner, 2 at a time, 2 slots each; batches
    // 1 and 2 hold 3 silent hosts (6000 ms on 2 slots) and 1 (3000 ms), 3 and 4 none: batch 1
    // ends at 6050, batch 2 at 3050, batch 3 starts then and ends at 3100, batch 4 at 3150.
    const silent = 3000;
    const path = criticalPath({
      latencyMs: 50,
      concurrency: { ...concurrency, probeBatchesPerScanner: 2, scannerParallelism: 2 },
      plan: plan({
        probes: 4,
        probeBatches: [
          { scanner: 's', hostCostsMs: [silent, silent, 0, silent] },
          { scanner: 's', hostCostsMs: [0, silent] },
          { scanner: 's', hostCostsMs: [0, 0] },
          { scanner: 's', hostCostsMs: [0] },
        ],
      }),
    });
    expect(path.probeMs).toBe(6050);
    // Probe rounds: batches as one latency each, two at a time: 2.
    expect(path.rounds.probes).toBe(2);
    expect(path.ms).toBe(5 * 50 + 6050);
  });
});
