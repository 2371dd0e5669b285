import { type CallPlan, criticalPath, type DesignConcurrency } from '../../../src/bench/critical-path.js';

const concurrency: DesignConcurrency = {
  softlayerPages: 4,
  powerStates: 8,
  tenableDetails: 8,
  sumipChunks: 4,
  probes: 32,
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
});
