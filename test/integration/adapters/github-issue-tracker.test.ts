/**
 * The GitHub adapter against the GHES emulator (sandbox/github) over 127.0.0.1: paging through
 * Link headers, the listing that costs pages rather than targets, comments read back, GitHub's
 * error shapes, a secondary rate limit, and a token that never shows up in errors or logs.
 */

import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import { githubFault } from '../../../sandbox/github/errors.js';
import {
  type GithubEmulator,
  SECONDARY_RATE_LIMIT_MESSAGE,
  startGithubEmulator,
} from '../../../sandbox/github/index.js';
import { type EmulatorRequest, type Fault, seededRandom } from '../../../sandbox/http-kit.js';
import { type ScenarioInput, validateScenario } from '../../../sandbox/scenario.js';
import { ErrorCode, IntegrationError, NotFoundError } from '../../../src/errors.js';
import { createCallCounter, type MeasuringCallCounter } from '../../../src/integrations/call-counter.js';
import {
  GitHubIssueTracker,
  type GitHubIssueTrackerOptions,
} from '../../../src/integrations/github/github-issue-tracker.js';
import { createLogger, silentLogger } from '../../../src/logger.js';

const TOKEN = 'ghp_Sandbox0nlyT0ken4Tests9f3e2d1c';
const GAP = 'alchemy-conductors/alcatraz';
const DECOM = 'alchemy-conductors/team';
const NOW = new Date('2025-06-01T00:00:00Z');

type IssueInput = NonNullable<ScenarioInput['github']>['issues'] extends (infer I)[] | undefined ? I : never;

interface Harness {
  emulator: GithubEmulator;
  tracker: GitHubIssueTracker;
  counter: MeasuringCallCounter;
  logs: () => string;
}

const running: GithubEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

async function harness(
  issues: IssueInput[],
  options: {
    emulator?: { faultRate?: number; seed?: number };
    tracker?: Partial<GitHubIssueTrackerOptions>;
  } = {},
): Promise<Harness> {
  const world = validateScenario({ github: { gapRepo: GAP, decomRepo: DECOM, issues } }).github;
  const emulator = await startGithubEmulator(world, { token: TOKEN, now: () => NOW, ...options.emulator });
  running.push(emulator);
  let captured = '';
  const destination = new Writable({
    write(chunk, _encoding, done) {
      captured += String(chunk);
      done();
    },
  });
  const counter = createCallCounter();
  const tracker = new GitHubIssueTracker({
    baseUrl: `${emulator.url}/api/v3`,
    token: TOKEN,
    logger: createLogger({ level: 'debug', destination }),
    counter,
    timeoutMs: 2000,
    retryAfterBaseValue: 1,
    now: () => NOW,
    ...options.tracker,
  });
  return { emulator, tracker, counter, logs: () => captured };
}

function gapIssue(number: number, extra: Partial<IssueInput> = {}): IssueInput {
  return {
    repo: GAP,
    number,
    title: 'GAP ALERT - unscanned machines require investigation',
    body: 'table',
    ...extra,
  };
}

/**
 * A seed under which the emulator's first calls go as `plan` says (`ok`, or a fault the predicate
 * accepts). It replays http-kit's draws (one to decide, then the fault's own) with its generator.
 */
function seedFor(rate: number, plan: Array<'ok' | ((fault: Fault) => boolean)>): number {
  const request: EmulatorRequest = {
    method: 'GET',
    path: '/',
    query: new URLSearchParams(),
    headers: {},
    body: '',
  };
  for (let seed = 1; seed < 100_000; seed++) {
    const random = seededRandom(seed);
    const fits = plan.every((step) => {
      const faulty = random() < rate;
      if (step === 'ok') return !faulty;
      return faulty && step(githubFault(request, random));
    });
    if (fits) return seed;
  }
  throw new Error('no seed fits the plan');
}

const isSecondaryLimit = (fault: Fault) =>
  typeof fault === 'object' &&
  (fault.status === 403 || fault.status === 429) &&
  'retry-after' in (fault.headers ?? {});

describe('getIssue', () => {
  it('returns the issue with every comment, following Link headers past 100', async () => {
    const comments = Array.from({ length: 150 }, (_, i) => ({
      body: `note ${i + 1}`,
      user: { login: `u${i % 3}` },
    }));
    const h = await harness([gapIssue(4711, { comments })]);

    const issue = await h.tracker.getIssue(GAP, 4711);

    expect(issue).toMatchObject({ repo: GAP, number: 4711, state: 'open', body: 'table' });
    expect(issue.url).toMatch(/\/alchemy-conductors\/alcatraz\/issues\/4711$/);
    expect(issue.comments).toHaveLength(150);
    expect(issue.comments[0]).toMatchObject({ body: 'note 1', author: 'u0' });
    expect(issue.comments[149]).toMatchObject({ body: 'note 150', author: 'u2' });
    const commentPages = h.emulator.calls.filter((c) => c.path.endsWith('/comments'));
    expect(commentPages).toHaveLength(2);
    expect(h.counter.snapshot().github).toBe(3);
  });

  it('turns a 404 into NotFoundError naming the issue', async () => {
    const h = await harness([gapIssue(1)]);
    const error = await h.tracker.getIssue(GAP, 999).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: ErrorCode.NotFound, message: `issue ${GAP}#999 not found` });
  });

  it('refuses a pull request', async () => {
    const h = await harness([gapIssue(7, { pull_request: { url: 'x' } })]);
    await expect(h.tracker.getIssue(GAP, 7)).rejects.toThrow(/pull request/);
  });

  it('rejects a malformed repository name before any call', async () => {
    const h = await harness([]);
    await expect(h.tracker.getIssue('not a repo', 1)).rejects.toMatchObject({ code: ErrorCode.InputInvalid });
    expect(h.emulator.calls).toHaveLength(0);
  });
});

describe('findLatestIssue', () => {
  it('returns the newest open issue whose title matches, skipping closed ones and pull requests', async () => {
    const h = await harness([
      gapIssue(10, { created_at: '2025-05-01T00:00:00Z' }),
      gapIssue(11, { created_at: '2025-05-03T00:00:00Z' }),
      gapIssue(12, { created_at: '2025-05-04T00:00:00Z', state: 'closed' }),
      gapIssue(13, { created_at: '2025-05-05T00:00:00Z', pull_request: { url: 'x' } }),
      gapIssue(14, { created_at: '2025-05-06T00:00:00Z', title: 'Something else' }),
    ]);
    await expect(h.tracker.findLatestIssue(GAP, /GAP ALERT/g)).resolves.toEqual({
      number: 11,
      title: 'GAP ALERT - unscanned machines require investigation',
    });
    await expect(h.tracker.findLatestIssue(GAP, /no such title/)).resolves.toBeNull();
  });

  it('retries once after a secondary rate limit, logging a warning', async () => {
    const seed = seedFor(0.5, [isSecondaryLimit, 'ok']);
    const h = await harness([gapIssue(10)], { emulator: { faultRate: 0.5, seed } });

    await expect(h.tracker.findLatestIssue(GAP, /GAP ALERT/)).resolves.toMatchObject({ number: 10 });

    expect(h.emulator.calls.map((c) => c.status)).toEqual([expect.any(Number), 200]);
    expect([403, 429]).toContain(h.emulator.calls[0]?.status);
    expect(h.logs()).toContain('secondary rate limit hit');
    expect(h.counter.outcomes().github).toEqual({ ok: 1, error: 1 });
  });

  it('gives up when the rate limit persists after the one retry', async () => {
    const seed = seedFor(0.9, [isSecondaryLimit, isSecondaryLimit]);
    const h = await harness([gapIssue(10)], { emulator: { faultRate: 0.9, seed } });
    const error = await h.tracker.findLatestIssue(GAP, /GAP ALERT/).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ system: 'github', retryable: true });
    expect((error as Error).message).toContain(SECONDARY_RATE_LIMIT_MESSAGE.split('.')[0]);
    expect(h.emulator.calls).toHaveLength(2);
  });

  it('retries a 5xx and succeeds', async () => {
    const seed = seedFor(0.5, [(f) => typeof f === 'object' && f.status >= 500, 'ok']);
    const h = await harness([gapIssue(10)], { emulator: { faultRate: 0.5, seed } });
    await expect(h.tracker.findLatestIssue(GAP, /GAP ALERT/)).resolves.toMatchObject({ number: 10 });
    expect(h.emulator.calls).toHaveLength(2);
  });

  it('times out a hung call with a Timeout error', async () => {
    const seed = seedFor(0.5, [(f) => f === 'hang']);
    const h = await harness([gapIssue(10)], {
      emulator: { faultRate: 0.5, seed },
      tracker: { timeoutMs: 200, retries: 0 },
    });
    const started = Date.now();
    const error = await h.tracker.findLatestIssue(GAP, /GAP ALERT/).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.Timeout, system: 'github' });
    expect((error as Error).message).toContain('did not answer in time');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('unreachable GitHub', () => {
  it('names a refused connection without leaking the token', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const tracker = new GitHubIssueTracker({
      baseUrl: `http://127.0.0.1:${port}/api/v3`,
      token: TOKEN,
      logger: silentLogger(),
      retries: 0,
    });
    const error = await tracker.getIssue(GAP, 1).catch((e: unknown) => e);
    expect(error).toMatchObject({ system: 'github', status: null, retryable: true });
    expect((error as Error).message).toMatch(/could not be reached.*ECONNREFUSED/);
  });
});

describe('searchTickets', () => {
  const decomTickets = (count: number): IssueInput[] =>
    Array.from({ length: count }, (_, i) => ({
      repo: DECOM,
      number: i + 1,
      title: `Decommission host-${i + 1}`,
      body: `Please cancel 10.0.${Math.floor(i / 250)}.${i % 250} (host-${i + 1}.example.internal)`,
      state: i % 5 === 0 ? ('closed' as const) : ('open' as const),
      updated_at: '2025-03-01T00:00:00Z',
    }));

  it('lists the repository once per page of 100, however many terms there are', async () => {
    const tickets = decomTickets(250);
    tickets.push({
      repo: DECOM,
      number: 900,
      title: 'Old decommission',
      body: '10.9.9.9',
      updated_at: '2023-01-01T00:00:00Z',
    });
    tickets.push({
      repo: DECOM,
      number: 901,
      title: 'A pull request',
      body: '10.0.0.1',
      pull_request: { url: 'x' },
    });
    const h = await harness(tickets);
    const terms = Array.from({ length: 1000 }, (_, i) => `10.0.${Math.floor(i / 250)}.${i % 250}`);

    const candidates = await h.tracker.searchTickets(DECOM, terms);

    expect(candidates).toHaveLength(250);
    expect(h.emulator.calls).toHaveLength(3);
    expect(h.counter.snapshot().github).toBe(3);
    const first = candidates.find((c) => c.number === 1);
    expect(first).toMatchObject({ repo: DECOM, title: 'Decommission host-1', state: 'closed' });
    expect(first?.text).toBe('Decommission host-1\nPlease cancel 10.0.0.0 (host-1.example.internal)');
    expect(first?.url).toMatch(/\/alchemy-conductors\/team\/issues\/1$/);
    expect(candidates.some((c) => c.number === 900 || c.number === 901)).toBe(false);
  });

  it('makes no call without terms', async () => {
    const h = await harness(decomTickets(3));
    await expect(h.tracker.searchTickets(DECOM, ['', '  '])).resolves.toEqual([]);
    expect(h.emulator.calls).toHaveLength(0);
  });

  it('names a missing repository', async () => {
    const h = await harness([]);
    await expect(h.tracker.searchTickets('nobody/nothing', ['10.0.0.1'])).rejects.toThrow(
      'repository nobody/nothing not found',
    );
  });

  it('search mode packs six terms a query and reads the comments of the tickets found', async () => {
    const h = await harness(
      [
        { repo: DECOM, number: 1, title: 'Cancel app-01', body: 'host app-01' },
        {
          repo: DECOM,
          number: 2,
          title: 'Cancel a box',
          body: 'see comments',
          comments: [{ body: 'it is 10.7.7.7' }],
        },
        { repo: DECOM, number: 3, title: 'Unrelated', body: 'nothing here' },
      ],
      { tracker: { ticketSearch: 'search' } },
    );
    const terms = ['app-01', '10.7.7.7', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6'];

    const candidates = await h.tracker.searchTickets(DECOM, terms);

    const searches = h.emulator.calls.filter((c) => c.path.endsWith('/search/issues'));
    expect(searches).toHaveLength(2);
    expect(candidates.map((c) => c.number).sort()).toEqual([1, 2]);
    expect(candidates.find((c) => c.number === 2)?.text).toContain('it is 10.7.7.7');
    const commentReads = h.emulator.calls.filter((c) => c.path.endsWith('/comments'));
    expect(commentReads).toHaveLength(1);
  });
});

describe('searchTickets: closing date and labels', () => {
  // A ticket closed last month, one still open, one closed without an explicit date (the emulator then
  // dates the closing at its last activity), and one closed long ago (outside the listing's year).
  const tickets: IssueInput[] = [
    {
      repo: DECOM,
      number: 41,
      title: 'Decommission app-41',
      body: 'drained, cancel 10.4.1.41',
      state: 'closed',
      labels: ['decommission', { name: 'done' }],
      created_at: '2025-04-01T09:00:00Z',
      closed_at: '2025-05-02T10:30:00Z',
      updated_at: '2025-05-02T10:30:00Z',
    },
    {
      repo: DECOM,
      number: 42,
      title: 'Decommission app-42',
      body: 'cancel 10.4.1.42',
      labels: [],
      created_at: '2025-05-20T09:00:00Z',
    },
    {
      repo: DECOM,
      number: 43,
      title: 'Decommission app-43',
      body: '10.4.1.43 cancelled',
      state: 'closed',
      labels: ['decommission'],
      created_at: '2025-05-10T09:00:00Z',
      comments: [{ body: 'done', created_at: '2025-05-11T08:00:00Z' }],
    },
    {
      repo: DECOM,
      number: 44,
      title: 'Decommission app-44',
      body: '10.4.1.44',
      state: 'closed',
      created_at: '2023-01-01T09:00:00Z',
      closed_at: '2023-02-01T09:00:00Z',
      updated_at: '2023-02-01T09:00:00Z',
    },
  ];
  const fields = (
    candidates: Array<{ number: number; state: string; closedAt: string | null; labels: string[] }>,
  ) =>
    candidates
      .map(({ number, state, closedAt, labels }) => ({ number, state, closedAt, labels }))
      .sort((a, b) => a.number - b.number);

  it('listing mode: closed tickets of the last year with their closing date and label names', async () => {
    const h = await harness(tickets);
    const candidates = await h.tracker.searchTickets(DECOM, ['10.4.1.41']);
    expect(fields(candidates)).toEqual([
      { number: 41, state: 'closed', closedAt: '2025-05-02T10:30:00Z', labels: ['decommission', 'done'] },
      { number: 42, state: 'open', closedAt: null, labels: [] },
      { number: 43, state: 'closed', closedAt: '2025-05-11T08:00:00Z', labels: ['decommission'] },
    ]);
  });

  it('search mode: the same fields from the search endpoint', async () => {
    const h = await harness(tickets, { tracker: { ticketSearch: 'search' } });
    const candidates = await h.tracker.searchTickets(DECOM, ['10.4.1.41', '10.4.1.42', '10.4.1.44']);
    expect(fields(candidates)).toEqual([
      { number: 41, state: 'closed', closedAt: '2025-05-02T10:30:00Z', labels: ['decommission', 'done'] },
      { number: 42, state: 'open', closedAt: null, labels: [] },
      { number: 44, state: 'closed', closedAt: '2023-02-01T09:00:00Z', labels: [] },
    ]);
  });

  it('refuses a closing date that is not a date', async () => {
    const server = createHttpServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify([
          {
            number: 1,
            title: 't',
            state: 'closed',
            html_url: 'http://x/1',
            closed_at: 'yesterday',
            labels: [],
          },
        ]),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const tracker = new GitHubIssueTracker({
        baseUrl: `http://127.0.0.1:${port}/api/v3`,
        token: TOKEN,
        logger: silentLogger(),
        now: () => NOW,
      });
      await expect(tracker.searchTickets(DECOM, ['10.0.0.1'])).rejects.toThrow(/closed_at/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('postComment and comment markers', () => {
  it('posts a comment that reads back, and finds it by its marker', async () => {
    const h = await harness([gapIssue(4711, { comments: [{ body: 'first' }] })]);
    const marker = '<!-- nessus-gap:report:4711 -->';

    const posted = await h.tracker.postComment(GAP, 4711, `${marker}\n**Findings**`);

    expect(posted.url).toMatch(/\/issues\/4711#issuecomment-\d+$/);
    const issue = await h.tracker.getIssue(GAP, 4711);
    expect(issue.comments.at(-1)).toMatchObject({ id: posted.id, body: `${marker}\n**Findings**` });
    expect(h.emulator.state().postedComments).toHaveLength(1);
    await expect(h.tracker.findCommentWithMarker(GAP, 4711, marker)).resolves.toEqual(posted);
    await expect(h.tracker.findCommentWithMarker(GAP, 4711, '<!-- nessus-gap:other -->')).resolves.toBeNull();
  });

  it('reports a body over 65,536 characters clearly, without retrying', async () => {
    const h = await harness([gapIssue(4711)]);
    const error = await h.tracker.postComment(GAP, 4711, 'x'.repeat(65_537)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error).toMatchObject({ status: 422, system: 'github' });
    expect((error as Error).message).toMatch(/too long \(65537 characters.*Split/);
    expect(h.emulator.calls.filter((c) => c.method === 'POST')).toHaveLength(1);
    expect(h.emulator.state().postedComments).toHaveLength(0);
  });

  it('turns a comment on a missing issue into NotFoundError', async () => {
    const h = await harness([]);
    await expect(h.tracker.postComment(GAP, 5, 'hello')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('secrets', () => {
  it('keeps the token out of errors and logs, and says which setting to check on a 401', async () => {
    const h = await harness([gapIssue(4711)], { tracker: { token: `${TOKEN}-wrong` } });
    const error = await h.tracker.getIssue(GAP, 4711).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, system: 'github' });
    expect((error as Error).message).toContain('GITHUB_TOKEN');
    const serialized = JSON.stringify(error, Object.getOwnPropertyNames(error));
    expect(serialized).not.toContain(TOKEN);
    expect(String((error as Error).cause)).not.toContain(TOKEN);
    expect(h.logs()).toContain('GitHub request: GET /repos/alchemy-conductors/alcatraz/issues/4711 - 401');
    expect(h.logs()).not.toContain(TOKEN);
  });

  it('logs every request at debug with system github, and never the token', async () => {
    const h = await harness([gapIssue(4711, { comments: [{ body: 'c' }] })]);
    await h.tracker.getIssue(GAP, 4711);
    await h.tracker.postComment(GAP, 4711, 'hello');
    const lines = h
      .logs()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; system?: string; msg: string });
    const requests = lines.filter((l) => l.msg.startsWith('GitHub request:'));
    expect(requests).toHaveLength(3);
    expect(requests.every((l) => l.level === 20 && l.system === 'github')).toBe(true);
    expect(h.logs()).not.toContain(TOKEN);
  });
});
