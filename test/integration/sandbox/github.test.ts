import { Octokit } from '@octokit/rest';
import { type GithubEmulator, startGithubEmulator } from '../../../sandbox/github/index.js';
import { validateScenario } from '../../../sandbox/scenario.js';

const TOKEN = 'ghp_test_token';

const world = validateScenario({
  github: {
    gapRepo: 'alchemy-conductors/alcatraz',
    decomRepo: 'alchemy-conductors/team',
    issues: [
      {
        repo: 'alchemy-conductors/alcatraz',
        number: 4711,
        title: 'GAP ALERT - unscanned machines require investigation',
        body: '| 10.20.30.40 | private | app-050 |',
        labels: ['scan-gap'],
        comments: Array.from({ length: 7 }, (_, i) => ({ body: `note ${i + 1}`, user: { login: `u${i}` } })),
      },
      {
        repo: 'alchemy-conductors/alcatraz',
        number: 4700,
        title: 'GAP ALERT - older',
        state: 'closed',
        body: 'old',
      },
      { repo: 'alchemy-conductors/alcatraz', number: 4712, title: 'Bump deps', body: 'pr', pull_request: {} },
      {
        repo: 'alchemy-conductors/team',
        number: 12,
        title: 'Decommission app-05',
        body: 'Please cancel 10.20.30.4',
      },
      {
        repo: 'alchemy-conductors/team',
        number: 13,
        title: 'Reclaim',
        state: 'closed',
        body: 'host db-01.example.internal',
      },
      {
        repo: 'alchemy-conductors/team',
        number: 14,
        title: 'Unrelated',
        body: 'nothing here',
        comments: [{ body: 'actually also 10.9.9.9' }],
      },
    ],
  },
}).github;

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let github: GithubEmulator;
let octokit: Octokit;

beforeEach(async () => {
  github = await startGithubEmulator(world, { token: TOKEN });
  octokit = new Octokit({ baseUrl: `${github.url}/api/v3`, auth: TOKEN, log: quiet });
});
afterEach(() => github.close());

const raw = (path: string, init: RequestInit = {}) =>
  fetch(`${github.url}/api/v3${path}`, {
    ...init,
    headers: { authorization: `token ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
  });

describe('GitHub emulator: issues', () => {
  it('serves an issue object with the web html_url and a comment count', async () => {
    const { data } = await octokit.rest.issues.get({
      owner: 'alchemy-conductors',
      repo: 'alcatraz',
      issue_number: 4711,
    });
    expect(data).toMatchObject({
      number: 4711,
      state: 'open',
      title: 'GAP ALERT - unscanned machines require investigation',
      body: '| 10.20.30.40 | private | app-050 |',
      html_url: 'http://github.sandbox.local/alchemy-conductors/alcatraz/issues/4711',
      user: { login: 'sandbox-user' },
      labels: [{ name: 'scan-gap' }],
      comments: 7,
      closed_at: null,
    });
    expect(typeof data.id).toBe('number');
    expect(data.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('answers 404 with GitHub body for an unknown issue or repository', async () => {
    for (const path of ['/repos/alchemy-conductors/alcatraz/issues/1', '/repos/nobody/nothing/issues/1']) {
      const response = await raw(path);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        message: 'Not Found',
        documentation_url: expect.any(String),
      });
    }
  });

  it('rejects a missing or wrong token with 401 Bad credentials, and takes Bearer too', async () => {
    const none = await fetch(`${github.url}/api/v3/repos/alchemy-conductors/alcatraz/issues/4711`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: 'Bad credentials' });
    const wrong = await raw('/repos/alchemy-conductors/alcatraz/issues/4711', {
      headers: { authorization: 'token nope' },
    });
    expect(wrong.status).toBe(401);
    const bearer = await raw('/repos/alchemy-conductors/alcatraz/issues/4711', {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
    await expect(
      new Octokit({ baseUrl: `${github.url}/api/v3`, auth: 'bad', log: quiet }).rest.issues.get({
        owner: 'alchemy-conductors',
        repo: 'alcatraz',
        issue_number: 4711,
      }),
    ).rejects.toMatchObject({ status: 401 });
  });

  it('lists issues newest first, open by default, pull requests included, with paging', async () => {
    const open = await octokit.rest.issues.listForRepo({ owner: 'alchemy-conductors', repo: 'alcatraz' });
    expect(open.data.map((issue) => issue.number)).toEqual([4712, 4711]);
    expect(open.data[0]?.pull_request).toBeDefined();
    const all = await octokit.rest.issues.listForRepo({
      owner: 'alchemy-conductors',
      repo: 'alcatraz',
      state: 'all',
      sort: 'created',
      direction: 'asc',
      per_page: 2,
    });
    expect(all.data.map((issue) => issue.number)).toEqual([4700, 4711]);
    expect(all.headers.link).toContain('rel="next"');
    const closed = await octokit.rest.issues.listForRepo({
      owner: 'alchemy-conductors',
      repo: 'alcatraz',
      state: 'closed',
    });
    expect(closed.data.map((issue) => issue.number)).toEqual([4700]);
  });
});

describe('GitHub emulator: comments', () => {
  const issue = { owner: 'alchemy-conductors', repo: 'alcatraz', issue_number: 4711 };

  it('pages comments with Link headers that octokit.paginate follows', async () => {
    const first = await octokit.rest.issues.listComments({ ...issue, per_page: 3 });
    expect(first.data.map((comment) => comment.body)).toEqual(['note 1', 'note 2', 'note 3']);
    const link = first.headers.link ?? '';
    expect(link).toMatch(
      /<http:\/\/127\.0\.0\.1:\d+\/api\/v3\/repos\/alchemy-conductors\/alcatraz\/issues\/4711\/comments\?per_page=3&page=2>; rel="next"/,
    );
    expect(link).toMatch(/page=3>; rel="last"/);
    const last = await octokit.rest.issues.listComments({ ...issue, per_page: 3, page: 3 });
    expect(last.data.map((comment) => comment.body)).toEqual(['note 7']);
    expect(last.headers.link).not.toContain('rel="next"');
    expect(last.headers.link).toContain('rel="first"');

    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 2 });
    expect(all.map((comment) => comment.body)).toEqual(Array.from({ length: 7 }, (_, i) => `note ${i + 1}`));
    const ids = all.map((comment) => comment.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('caps per_page at 100 and ignores junk paging', async () => {
    const response = await raw('/repos/alchemy-conductors/alcatraz/issues/4711/comments?per_page=500&page=x');
    expect(response.status).toBe(200);
    expect(((await response.json()) as unknown[]).length).toBe(7);
    expect(response.headers.get('link')).toBeNull();
  });

  it('posts a comment (201) that reads back through the API and state()', async () => {
    const posted = await octokit.rest.issues.createComment({
      ...issue,
      body: 'Findings: 10.20.30.40 powered off',
    });
    expect(posted.status).toBe(201);
    expect(posted.data).toMatchObject({
      body: 'Findings: 10.20.30.40 powered off',
      user: { login: 'nessus-gap-bot' },
    });
    expect(posted.data.html_url).toBe(
      `http://github.sandbox.local/alchemy-conductors/alcatraz/issues/4711#issuecomment-${posted.data.id}`,
    );
    const all = await octokit.paginate(octokit.rest.issues.listComments, { ...issue, per_page: 100 });
    expect(all.at(-1)).toMatchObject({ id: posted.data.id, body: 'Findings: 10.20.30.40 powered off' });
    expect(all.length).toBe(8);
    expect((await octokit.rest.issues.get(issue)).data.comments).toBe(8);
    expect(github.state().postedComments).toEqual([
      expect.objectContaining({ repo: 'alchemy-conductors/alcatraz', number: 4711, id: posted.data.id }),
    ]);
  });

  it('accepts 65,536 characters and rejects 65,537 with the Validation Failed body', async () => {
    const ok = await raw('/repos/alchemy-conductors/alcatraz/issues/4711/comments', {
      method: 'POST',
      body: JSON.stringify({ body: 'x'.repeat(65_536) }),
    });
    expect(ok.status).toBe(201);
    const tooLong = await raw('/repos/alchemy-conductors/alcatraz/issues/4711/comments', {
      method: 'POST',
      body: JSON.stringify({ body: 'x'.repeat(65_537) }),
    });
    expect(tooLong.status).toBe(422);
    const body = (await tooLong.json()) as Record<string, unknown>;
    expect(body.message).toBe('Validation Failed');
    expect(body.errors).toEqual([
      {
        resource: 'IssueComment',
        code: 'unprocessable',
        field: 'data',
        message: 'Body is too long (maximum is 65536 characters)',
      },
    ]);
    expect(body.documentation_url).toEqual(expect.any(String));
    expect(github.state().postedComments).toHaveLength(1);
    await expect(
      octokit.rest.issues.createComment({ ...issue, body: 'y'.repeat(70_000) }),
    ).rejects.toMatchObject({
      status: 422,
      message: expect.stringContaining('Body is too long (maximum is 65536 characters)'),
    });
  });

  it('rejects a missing body (422) and malformed JSON (400)', async () => {
    const path = '/repos/alchemy-conductors/alcatraz/issues/4711/comments';
    const missing = await raw(path, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { message: string }).message).toContain('"body" wasn\'t supplied');
    const malformed = await raw(path, { method: 'POST', body: '{"body":' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ message: 'Problems parsing JSON' });
    const unknown = await raw('/repos/alchemy-conductors/alcatraz/issues/9/comments', {
      method: 'POST',
      body: '{"body":"x"}',
    });
    expect(unknown.status).toBe(404);
  });
});

describe('GitHub emulator: search', () => {
  const numbers = async (q: string) =>
    (await octokit.rest.search.issuesAndPullRequests({ q })).data.items
      .map((item) => item.number)
      .sort((a, b) => a - b);

  it('is fuzzy: punctuation splits tokens and a token may start a longer one', async () => {
    // "10.20.30.4" also finds the issue naming 10.20.30.40: callers must post-filter.
    expect(await numbers('repo:alchemy-conductors/alcatraz is:issue "10.20.30.4"')).toEqual([4711]);
    expect(await numbers('repo:alchemy-conductors/team is:issue "10.20.30.4"')).toEqual([12]);
    expect(await numbers('repo:alchemy-conductors/team is:issue "app-05"')).toEqual([12]);
    expect(await numbers('repo:alchemy-conductors/alcatraz is:issue "app-05"')).toEqual([4711]);
    expect(await numbers('repo:alchemy-conductors/alcatraz is:issue "app-0500"')).toEqual([]);
  });

  it('ORs quoted terms, honours is:open/closed and searches comments', async () => {
    expect(
      await numbers('repo:alchemy-conductors/team is:issue "db-01.example.internal" OR "10.9.9.9"'),
    ).toEqual([13, 14]);
    expect(
      await numbers('repo:alchemy-conductors/team is:issue is:open "db-01.example.internal" OR "10.9.9.9"'),
    ).toEqual([14]);
    expect(
      await numbers('repo:alchemy-conductors/team is:issue is:closed "db-01.example.internal" OR "10.9.9.9"'),
    ).toEqual([13]);
    expect(await numbers('repo:alchemy-conductors/team is:issue "10.9.9.9" in:title,body')).toEqual([]);
  });

  it('separates issues from pull requests', async () => {
    expect(await numbers('repo:alchemy-conductors/alcatraz is:pr')).toEqual([4712]);
    expect(await numbers('repo:alchemy-conductors/alcatraz is:issue')).toEqual([4700, 4711]);
  });

  it('finds a just-posted comment', async () => {
    await octokit.rest.issues.createComment({
      owner: 'alchemy-conductors',
      repo: 'team',
      issue_number: 14,
      body: 'also 172.16.5.5',
    });
    expect(await numbers('repo:alchemy-conductors/team is:issue "172.16.5.5"')).toEqual([14]);
  });

  it('pages results with total_count and Link, at most 100 a page', async () => {
    const { data, headers } = await octokit.rest.search.issuesAndPullRequests({
      q: 'repo:alchemy-conductors/team is:issue',
      per_page: 2,
    });
    expect(data.total_count).toBe(3);
    expect(data.incomplete_results).toBe(false);
    expect(data.items).toHaveLength(2);
    expect(data.items[0]).toHaveProperty('score');
    expect(headers.link).toContain('rel="next"');
    const all = await octokit.paginate(octokit.rest.search.issuesAndPullRequests, {
      q: 'repo:alchemy-conductors/team is:issue',
      per_page: 1,
    });
    expect(all.map((item) => item.number).sort()).toEqual([12, 13, 14]);
  });

  it('answers 422 for a missing q, an unknown repository, or pages past 1000 results', async () => {
    expect((await raw('/search/issues')).status).toBe(422);
    const unknown = await raw(`/search/issues?q=${encodeURIComponent('repo:nobody/nothing is:issue x')}`);
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ message: 'Validation Failed' });
    const far = await raw(`/search/issues?q=is:issue&per_page=100&page=11`);
    expect(far.status).toBe(422);
  });
});

describe('GitHub emulator: state, closed_at and labels as GitHub writes them', () => {
  const NOW = new Date('2025-06-01T00:00:00Z');
  const decom = validateScenario({
    github: {
      issues: [
        {
          repo: 'alchemy-conductors/team',
          number: 51,
          title: 'Decommission app-51',
          body: 'cancel 10.5.1.51',
          state: 'closed',
          labels: ['decommission', { name: 'done' }],
          created_at: '2025-04-01T09:00:00Z',
          closed_at: '2025-05-02T10:30:00Z',
          updated_at: '2025-05-02T10:30:00Z',
        },
        {
          repo: 'alchemy-conductors/team',
          number: 52,
          title: 'Decommission app-52',
          body: 'cancel 10.5.1.52',
          created_at: '2025-05-20T09:00:00Z',
        },
        {
          repo: 'alchemy-conductors/team',
          number: 53,
          title: 'Decommission app-53',
          body: 'cancel 10.5.1.53',
          state: 'closed',
          created_at: '2024-01-01T09:00:00Z',
          closed_at: '2024-02-01T09:00:00Z',
          updated_at: '2024-02-01T09:00:00Z',
        },
      ],
    },
  }).github;
  let emulator: GithubEmulator;
  beforeEach(async () => {
    emulator = await startGithubEmulator(decom, { token: TOKEN, now: () => NOW });
  });
  afterEach(() => emulator.close());

  const get = async (path: string) => {
    const response = await fetch(`${emulator.url}/api/v3${path}`, {
      headers: { authorization: `token ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as unknown;
  };
  const summary = (issues: unknown) =>
    (issues as Array<Record<string, unknown>>).map((issue) => ({
      number: issue.number,
      state: issue.state,
      closed_at: issue.closed_at,
      labels: (issue.labels as Array<{ name: string }>).map((label) => label.name),
    }));

  it('lists closed issues with state=all, and since filters on updated_at', async () => {
    const all = await get('/repos/alchemy-conductors/team/issues?state=all&since=2024-06-01T00:00:00Z');
    expect(summary(all)).toEqual([
      { number: 52, state: 'open', closed_at: null, labels: [] },
      { number: 51, state: 'closed', closed_at: '2025-05-02T10:30:00Z', labels: ['decommission', 'done'] },
    ]);
    const older = await get('/repos/alchemy-conductors/team/issues?state=all&since=2023-06-01T00:00:00Z');
    expect(summary(older).map((issue) => issue.number)).toEqual([52, 51, 53]);
    const openOnly = await get('/repos/alchemy-conductors/team/issues?since=2023-06-01T00:00:00Z');
    expect(summary(openOnly).map((issue) => issue.number)).toEqual([52]);
  });

  it('writes labels as objects with a name (GitHub never sends bare names), the same in search', async () => {
    const [issue] = (await get('/repos/alchemy-conductors/team/issues?state=closed&labels=done')) as Array<
      Record<string, unknown>
    >;
    expect(issue?.labels).toEqual([
      expect.objectContaining({ name: 'decommission', color: 'ededed', default: false, description: null }),
      expect.objectContaining({ name: 'done' }),
    ]);
    const label = ((issue?.labels ?? []) as Array<Record<string, unknown>>)[0];
    expect(Object.keys(label ?? {}).sort()).toEqual(
      ['color', 'default', 'description', 'id', 'name', 'node_id', 'url'].sort(),
    );
    expect(label?.url).toBe(`${emulator.url}/api/v3/repos/alchemy-conductors/team/labels/decommission`);

    const found = (await get(
      `/search/issues?q=${encodeURIComponent('repo:alchemy-conductors/team is:issue "10.5.1.51" OR "10.5.1.53"')}`,
    )) as { items: unknown[] };
    expect(summary(found.items).sort((a, b) => Number(a.number) - Number(b.number))).toEqual([
      { number: 51, state: 'closed', closed_at: '2025-05-02T10:30:00Z', labels: ['decommission', 'done'] },
      { number: 53, state: 'closed', closed_at: '2024-02-01T09:00:00Z', labels: [] },
    ]);
  });
});
