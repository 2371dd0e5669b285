import {
  callPlan,
  lastPostAt,
  type RunCalls,
  slackMessages,
  upstreamCalls,
} from '../../../src/bench/call-plan.js';

const served = (method: string, path: string, at = 0, status: number | string = 200) => ({
  method,
  path,
  at,
  status,
});
const gap = '/api/v3/repos/o/gap/issues/9001';
const account = '/rest/v3.1/SoftLayer_Account';

function calls(): RunCalls {
  return {
    github: [
      served('GET', gap, 1),
      served('GET', `${gap}/comments`, 1),
      served('GET', '/api/v3/repos/o/team/issues', 2),
      served('GET', '/api/v3/repos/o/team/issues', 3),
      served('POST', `${gap}/comments`, 900),
      served('POST', `${gap}/comments`, 950, 502),
      served('POST', `${gap}/comments`, 1000),
    ],
    softlayer: [
      served('GET', `${account}/getHardware.json`),
      served('GET', `${account}/getVirtualGuests.json`),
      served('GET', `${account}/getVirtualGuests.json`),
      served('GET', `${account}/getSubnets.json`),
      served('GET', '/rest/v3.1/SoftLayer_Hardware_Server/7/getServerPowerState.json'),
      served('GET', '/rest/v3.1/SoftLayer_Hardware_Server/8/getServerPowerState.json', 0, 'reset'),
    ],
    tenable: [
      served('GET', '/rest/zone'),
      served('GET', '/rest/asset'),
      served('GET', '/rest/asset/41'),
      served('GET', '/rest/asset/42'),
      served('POST', '/rest/analysis'),
    ],
    nessus: [served('GET', '/scanners/a/server/status'), served('GET', '/scanners/b/server/status')],
    inventory: [],
    network: [
      served('POST', '/v1/probe/batch'),
      served('POST', '/v1/probe/batch'),
      served('POST', '/v1/probe/batch', 0, 'hang'),
    ],
    probeBatches: [
      { from: 'scanner-a', ips: ['10.0.0.1', '10.0.0.2'] },
      { from: 'scanner-b', ips: ['10.0.0.3'] },
    ],
    slack: [
      { method: 'chat.postMessage', at: 100, status: 200, ok: true },
      { method: 'chat.update', at: 200, status: 200, ok: true },
      { method: 'chat.postMessage', at: 300, status: 200, ok: true },
      { method: 'chat.postMessage', at: 310, status: 200, ok: false },
      { method: 'files.getUploadURLExternal', at: 400, status: 200, ok: true },
      { method: 'files.completeUploadExternal', at: 500, status: 200, ok: true },
      { method: 'chat.update', at: 1020, status: 200, ok: true },
      { method: 'chat.getPermalink', at: 2000, status: 200, ok: true },
    ],
  };
}

const context = {
  gapRepo: 'o/gap',
  issueNumber: 9001,
  decomRepo: 'o/team',
  sumipChunks: 1,
  // 10.0.0.2 is silent from scanner-a only.
  probeHostCostMs: (ip: string, scanner: string) => (ip === '10.0.0.2' && scanner === 'scanner-a' ? 3000 : 0),
};

describe('reading a run from the call logs', () => {
  it('counts every call served by system, in the contract order, failures included', () => {
    const counts = upstreamCalls(calls());
    expect(Object.keys(counts)).toEqual([
      'github',
      'softlayer',
      'tenable',
      'nessus',
      'inventory',
      'probe',
      'slack',
    ]);
    expect(counts).toEqual({
      github: 7,
      softlayer: 6,
      tenable: 5,
      nessus: 2,
      inventory: 0,
      probe: 3,
      slack: 8,
    });
  });

  it('counts as Slack messages the posts and file shares that succeeded', () => {
    expect(slackMessages(calls().slack)).toBe(3);
  });

  it('builds the plan of the critical path from the calls that succeeded', () => {
    expect(callPlan(calls(), context)).toEqual({
      issueCommentPages: 1,
      softlayer: { hardwarePages: 1, guestPages: 2, subnetPages: 1, powerStates: 1 },
      tenable: { zoneCalls: 1, assetListCalls: 1, assetDetails: 2, sumipPages: 1 },
      sumipChunks: 1,
      githubListingPages: 2,
      scannerStatusCalls: 2,
      probes: 2,
      probeBatches: [
        { scanner: 'scanner-a', hostCostsMs: [0, 3000] },
        { scanner: 'scanner-b', hostCostsMs: [0] },
      ],
      slackPosts: 2,
      fileUploads: 1,
      slackUpdates: 2,
      issueComments: 2,
    });
  });

  it('ends the run at the last post: a Slack post as logged, a GitHub comment one latency after it arrived', () => {
    expect(lastPostAt(calls(), context, 50)).toBe(1050);
    expect(lastPostAt(calls(), context, 0)).toBe(1020);
    expect(lastPostAt({ ...calls(), github: [], slack: [] }, context, 50)).toBeNull();
  });
});
