import { Octokit } from '@octokit/rest';
import { githubFault, SECONDARY_RATE_LIMIT_MESSAGE } from '../../../sandbox/github/errors.js';
import { startGithubEmulator } from '../../../sandbox/github/index.js';
import { type RunningEmulator, seededRandom } from '../../../sandbox/http-kit.js';
import { startInventoryEmulator } from '../../../sandbox/inventory/index.js';
import { startNessusEmulator } from '../../../sandbox/nessus/index.js';
import { startNetworkEmulator } from '../../../sandbox/network/index.js';
import { validateScenario } from '../../../sandbox/scenario.js';

/** What one call came back as: a status with its body and headers, a timeout (hang) or a dropped connection. */
type Outcome =
  | { kind: 'response'; status: number; body: unknown; headers: Headers }
  | { kind: 'hang' }
  | { kind: 'reset' };

/** One call; a hang is ended as soon as the emulator's log shows it hanging (no guessing with timeouts). */
async function callOnce(
  emulator: RunningEmulator,
  path: string,
  headers: Record<string, string>,
): Promise<Outcome> {
  const index = emulator.calls.length;
  const controller = new AbortController();
  const watch = setInterval(() => {
    if (emulator.calls[index]?.status === 'hang') controller.abort();
  }, 5);
  try {
    const response = await fetch(`${emulator.url}${path}`, { headers, signal: controller.signal });
    return {
      kind: 'response',
      status: response.status,
      body: await response.json(),
      headers: response.headers,
    };
  } catch {
    return controller.signal.aborted ? { kind: 'hang' } : { kind: 'reset' };
  } finally {
    clearInterval(watch);
  }
}

/** One call after another, so the seeded generator hands out the same faults on every run. */
async function outcomes(
  emulator: RunningEmulator,
  path: string,
  headers: Record<string, string>,
  count = 24,
): Promise<Outcome[]> {
  const results: Outcome[] = [];
  for (let i = 0; i < count; i++) results.push(await callOnce(emulator, path, headers));
  expect(emulator.calls).toHaveLength(count);
  return results;
}

/** What the emulator did, from its own call log (immune to a slow answer looking like a hang). */
const served = (emulator: RunningEmulator) => new Set(emulator.calls.map((call) => String(call.status)));
const scenario = validateScenario({
  github: { issues: [{ repo: 'alchemy-conductors/alcatraz', number: 1, title: 't' }] },
  nessus: { s1: { status: 'ready' } },
  inventory: { servers: [{ id: '1', hostname: 'h', ip: '10.1.2.3', environment: 'E', application: 'A' }] },
  network: { '10.1.2.3': { ping: true } },
});

describe('faults at rate 1.0 take the documented shapes', () => {
  it('GitHub: 502, 503, hangs, and secondary rate limits as 403 and 429 with retry-after', async () => {
    const github = await startGithubEmulator(scenario.github, { token: 't', faultRate: 1, seed: 7 });
    try {
      const results = await outcomes(github, '/api/v3/repos/alchemy-conductors/alcatraz/issues/1', {
        authorization: 'token t',
      });
      expect(served(github)).toEqual(new Set(['502', '503', 'hang', '403', '429']));
      for (const result of results) {
        if (result.kind !== 'response') continue;
        expect(result.body).toMatchObject({
          message: expect.any(String),
          documentation_url: expect.any(String),
        });
        if (result.status === 403 || result.status === 429) {
          expect(result.body).toMatchObject({ message: SECONDARY_RATE_LIMIT_MESSAGE });
          expect(result.headers.get('retry-after')).toBe('1');
        }
      }
      expect(github.calls.every((call) => call.status !== 200)).toBe(true);
    } finally {
      await github.close();
    }
  });

  it('GitHub: octokit reads the limit as a secondary rate limit (its throttling plugin matches the message)', async () => {
    const secondary = githubFault(
      { method: 'GET', path: '/', query: new URLSearchParams(), headers: {}, body: '' },
      () => 0.7,
    );
    expect(secondary).toMatchObject({ status: 403, headers: { 'retry-after': '1' } });
    // A seed whose first call draws the 403 (draw 1 decides "fault?", draw 2 picks which of the five).
    const seed = Array.from({ length: 100 }, (_, i) => i).find((candidate) => {
      const random = seededRandom(candidate);
      random();
      return Math.floor(random() * 5) === 3;
    });
    const github = await startGithubEmulator(scenario.github, { token: 't', faultRate: 1, seed });
    const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    try {
      const octokit = new Octokit({
        baseUrl: `${github.url}/api/v3`,
        auth: 't',
        log: quiet,
        request: { retries: 0 },
      });
      const error = await octokit.rest.issues
        .get({ owner: 'alchemy-conductors', repo: 'alcatraz', issue_number: 1 })
        .then(
          () => null,
          (caught: unknown) => caught as { status: number; message: string },
        );
      expect(error?.status).toBe(403);
      expect(error?.message).toMatch(/\bsecondary rate\b/i);
    } finally {
      await github.close();
    }
  });

  it('inventory: 500, 503 with retry-after, and hangs', async () => {
    const inventory = await startInventoryEmulator(scenario.inventory, { token: 't', faultRate: 1, seed: 7 });
    try {
      const results = await outcomes(inventory, '/servers?ip=10.1.2.3', { authorization: 'Bearer t' });
      expect(served(inventory)).toEqual(new Set(['500', '503', 'hang']));
      for (const result of results) {
        if (result.kind === 'response') expect(result.body).toEqual({ error: expect.any(String) });
        if (result.kind === 'response' && result.status === 503)
          expect(result.headers.get('retry-after')).toBe('1');
      }
    } finally {
      await inventory.close();
    }
  });

  it('Nessus: 500, hangs and dropped connections', async () => {
    const nessus = await startNessusEmulator(scenario.nessus, {
      keys: { s1: { accessKey: 'a', secretKey: 's' } },
      faultRate: 1,
      seed: 7,
    });
    try {
      const results = await outcomes(nessus, '/scanners/s1/server/status', {
        'x-apikeys': 'accessKey=a; secretKey=s',
      });
      expect(served(nessus)).toEqual(new Set(['500', 'hang', 'reset']));
      expect(results.some((result) => result.kind === 'reset')).toBe(true);
      for (const result of results) if (result.kind === 'response') expect(result.status).toBe(500);
    } finally {
      await nessus.close();
    }
  });

  it('network: 503 and hangs, never a wrong answer', async () => {
    const network = await startNetworkEmulator(scenario.network, { faultRate: 1, seed: 7 });
    try {
      const results = await outcomes(network, '/v1/probe?ip=10.1.2.3&from=s1', {});
      expect(served(network)).toEqual(new Set(['503', 'hang']));
      for (const result of results) if (result.kind === 'response') expect(result.status).toBe(503);
    } finally {
      await network.close();
    }
  });

  it('at rate 0 nothing fails', async () => {
    const network = await startNetworkEmulator(scenario.network, { faultRate: 0 });
    try {
      const results = await outcomes(network, '/v1/probe?ip=10.1.2.3&from=s1', {}, 10);
      expect(served(network)).toEqual(new Set(['200']));
      expect(results.every((result) => result.kind === 'response' && result.status === 200)).toBe(true);
    } finally {
      await network.close();
    }
  });
});
