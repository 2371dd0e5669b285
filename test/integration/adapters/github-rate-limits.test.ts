/**
 * GitHub's limits as the real service applies them: the primary rate limit with its reset time
 * (wait when it is near, otherwise stop with the time it resets), and a search that ran out of time
 * (`incomplete_results: true`), which must not make the bot miss a decommission ticket.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { type GithubEmulator, startGithubEmulator } from '../../../sandbox/github/index.js';
import { validateScenario } from '../../../sandbox/scenario.js';
import { ErrorCode, IntegrationError } from '../../../src/errors.js';
import {
  GitHubIssueTracker,
  type GitHubIssueTrackerOptions,
} from '../../../src/integrations/github/github-issue-tracker.js';
import { silentLogger } from '../../../src/logger.js';

const TOKEN = 'ghp_RateLimitT3sts0nly';
const GAP = 'alchemy-conductors/alcatraz';
const DECOM = 'alchemy-conductors/team';

const running: GithubEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function harness(extra: Partial<GitHubIssueTrackerOptions> = {}) {
  const tickets = Array.from({ length: 6 }, (_, i) => ({
    repo: DECOM,
    number: 100 + i,
    title: `Decommission host-${i}`,
    body: `please cancel 10.9.0.${i}`,
  }));
  const world = validateScenario({
    github: {
      gapRepo: GAP,
      decomRepo: DECOM,
      issues: [{ repo: GAP, number: 1, title: 'GAP ALERT', body: '| 10.9.0.1 | private |' }, ...tickets],
    },
  }).github;
  const emulator = await startGithubEmulator(world, { token: TOKEN });
  running.push(emulator);
  const tracker = new GitHubIssueTracker({
    baseUrl: `${emulator.url}/api/v3`,
    token: TOKEN,
    logger: silentLogger(),
    timeoutMs: 5000,
    retries: 0,
    ...extra,
  });
  return { emulator, tracker };
}

describe('GitHub primary rate limit', () => {
  it('stops the check with the reset time when the reset is an hour away, without waiting', async () => {
    const { emulator, tracker } = await harness();
    const resetAt = new Date(Date.now() + 3600_000);
    emulator.exhaustRateLimit(resetAt);
    const started = Date.now();
    const error = await tracker.getIssue(GAP, 1).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(IntegrationError);
    expect((error as IntegrationError).code).toBe(ErrorCode.RateLimited);
    const at = new Date(Math.ceil(resetAt.getTime() / 1000) * 1000).toISOString().slice(11, 16);
    expect((error as IntegrationError).message).toBe(
      `GitHub rate limit: resets at ${at} UTC (while reading issue ${GAP}#1)`,
    );
  });

  it('waits for a reset that is near, then carries on', async () => {
    const { emulator, tracker } = await harness();
    emulator.exhaustRateLimit(new Date(Date.now() + 1000));
    const started = Date.now();
    const issue = await tracker.getIssue(GAP, 1);
    expect(issue.number).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(emulator.calls.filter((c) => c.status === 403).length).toBeGreaterThan(0);
  });
});

describe('GitHub search with incomplete_results', () => {
  const terms = Array.from({ length: 6 }, (_, i) => `10.9.0.${i}`);

  it('asks again when a search comes back incomplete, and finds every ticket', async () => {
    const { emulator, tracker } = await harness({ ticketSearch: 'search' });
    emulator.searchTimesOut(1);
    const found = await tracker.searchTickets(DECOM, terms);
    expect(found.map((t) => t.number).sort()).toEqual([100, 101, 102, 103, 104, 105]);
  });

  it('falls back to listing the tickets when search stays incomplete', async () => {
    const { emulator, tracker } = await harness({ ticketSearch: 'search' });
    emulator.searchTimesOut(2);
    const found = await tracker.searchTickets(DECOM, terms);
    expect(found.map((t) => t.number).sort()).toEqual([100, 101, 102, 103, 104, 105]);
    expect(emulator.calls.some((c) => c.path.endsWith(`/repos/${DECOM}/issues`))).toBe(true);
  });
});
