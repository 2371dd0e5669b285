/**
 * The renderers against generated reports whose every untrusted field (hostnames, environments,
 * evidence, fixes, link labels, failure reasons, issue titles, systems down, and in a report's history
 * the issues' repos and the names of who acted) is arbitrary text full of `<`, `>`, `&`, mentions,
 * links, markdown and HTML: whatever the input, the Slack thread and summary keep within Block Kit's
 * limits, the issue comments within GitHub's, and no `<`, `>` or `&` of the input reaches Slack or
 * GitHub unescaped.
 */
import fc from 'fast-check';
import { MAX_THREAD_MESSAGES } from '../../src/bot/render/limits.js';
import { renderSummary } from '../../src/bot/render/summary.js';
import { planThread } from '../../src/bot/render/thread-plan.js';
import { checkBlockLimits } from '../../src/bot/render/validate-blocks.js';
import { actionDescriptor } from '../../src/runbook/actions/index.js';
import { categoryDescriptor } from '../../src/runbook/categories/index.js';
import type { CheckName, SystemName } from '../../src/runbook/evidence.js';
import type { Finding, InvestigationReport, ScannerReport } from '../../src/runbook/finding.js';
import type { ReportHistory } from '../../src/runbook/history/types.js';
import { ACTIONS, CATEGORIES, type Category } from '../../src/runbook/model.js';
import { countByCategory } from '../../src/runbook/report/json.js';
import { renderIssueComments } from '../../src/runbook/report/markdown.js';
import { countRuns } from './runs.js';

/** GitHub rejects a comment body over 65,536 characters. */
const GITHUB_COMMENT_LIMIT = 65_536;

const hostile = fc.constantFrom(
  '<',
  '>',
  '&',
  '&lt;',
  '&amp;gt;',
  '<!channel>',
  '<!here|here>',
  '<@U0ADMIN>',
  '<#C0SECRET>',
  '<!subteam^S0ADMINS>',
  '<http://evil.example|click>',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '</details>',
  '<summary>',
  '[x](http://evil.example)',
  '`',
  '```',
  '|',
  '\n',
  '\r\n',
  '*bold*',
  '@here',
  '#123',
  'https://evil.example/<a>',
  '\u202e',
  '\u0000',
  '😀',
);
const untrusted = (maxLength: number) =>
  fc
    .array(
      fc.oneof({ weight: 3, arbitrary: hostile }, { weight: 2, arbitrary: fc.string({ maxLength: 20 }) }),
      {
        maxLength,
      },
    )
    .map((parts) => parts.join(''));
/** Mostly short, sometimes very long (past every per-field cap). */
const text = fc.oneof({ weight: 5, arbitrary: untrusted(8) }, { weight: 1, arbitrary: untrusted(400) });

const SYSTEMS: SystemName[] = ['github', 'softlayer', 'tenable', 'nessus', 'inventory', 'probe', 'slack'];
const CHECKS: CheckName[] = ['account_devices', 'scan_zones', 'last_scan', 'scanner_health', 'ping'];

const findingArb = (ip: string): fc.Arbitrary<Finding> =>
  fc
    .record({
      category: fc.constantFrom(...CATEGORIES),
      hostname: fc.option(text),
      environment: fc.option(text),
      summary: text,
      evidence: fc.array(text, { maxLength: 6 }),
      fixes: fc.array(text, { maxLength: 5 }),
      links: fc.array(
        fc.record({
          label: text,
          url: fc.oneof(
            fc.constant('https://inventory.example/servers?search=x'),
            fc.webUrl(),
            text,
            fc.constant('javascript:alert(1)'),
          ),
        }),
        { maxLength: 3 },
      ),
      scanner: fc.option(text),
      device: fc.option(
        fc.record({
          account: fc.oneof(fc.constant('ALC'), text),
          kind: fc.constantFrom('hardware' as const, 'virtual' as const),
          id: fc.integer({ min: 1, max: 10_000_000 }),
          hostname: text,
          cancellationTicketId: fc.option(fc.integer({ min: 1, max: 99_999_999 })),
        }),
      ),
      failedChecks: fc.array(
        fc.record({ check: fc.constantFrom(...CHECKS), system: fc.constantFrom(...SYSTEMS), reason: text }),
        { maxLength: 3 },
      ),
      interface: fc.constantFrom(
        'public' as const,
        'private' as const,
        'management' as const,
        'unknown' as const,
      ),
    })
    .map((f) => ({
      ...f,
      ip,
      actions: [
        ...new Set(
          categoryDescriptor(f.category as Category).offers.map((verb) => actionDescriptor(verb).name),
        ),
      ],
    }));

/** A scanner of the report's scanners section: its name and statuses come from APIs, so untrusted. */
const scannerArb: fc.Arbitrary<ScannerReport> = fc.record({
  name: fc.oneof(fc.constant('prod-dal09-infra-nessus-01'), text),
  nessus: fc.oneof(fc.constantFrom('ready', 'loading (40%)', 'no answer', 'not configured'), text),
  nessusReason: fc.option(text),
  tenable: fc.constantFrom('working', 'busy', 'disabled', 'error', 'not listed', 'unknown' as const),
  tenableStatus: fc.option(text),
  verdict: fc.constantFrom('ready', 'down', 'conflict', 'unknown' as const),
  targets: fc.nat(10_000),
});

const isoArb = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

/** A report's history: the issue repos and the names of who acted come from the store, so untrusted. */
const historyArb = (ips: string[], scanners: string[]): fc.Arbitrary<ReportHistory> =>
  fc.record({
    asOf: isoArb,
    targets: fc.subarray(ips).chain((chosen) =>
      fc.tuple(
        ...chosen.map((ip) =>
          fc.record({
            ip: fc.constant(ip),
            earlier: fc.array(
              fc.record({
                repo: fc.oneof(fc.constant('alchemy-conductors/alcatraz'), text),
                issueNumber: fc.nat(99_999),
                at: isoArb,
                category: fc.constantFrom(...CATEGORIES),
                resolvedAt: fc.option(isoArb),
                actions: fc.array(
                  fc.record({ action: fc.constantFrom(...ACTIONS), by: fc.option(text), at: isoArb }),
                  { maxLength: 4 },
                ),
              }),
              { maxLength: 5 },
            ),
            earlierCount: fc.nat(50),
            recurring: fc.option(
              fc.record({
                investigations: fc.integer({ min: 3, max: 40 }),
                firstSeen: isoArb,
                lastSeen: isoArb,
                causes: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: CATEGORIES.length }),
              }),
            ),
          }),
        ),
      ),
    ),
    scanners: fc.tuple(
      ...scanners.map((name) =>
        fc.record({
          name: fc.constant(name),
          downs: fc.nat(100),
          downMinutes: fc.nat(50_000),
          downNow: fc.boolean(),
        }),
      ),
    ),
  });

const reportArb: fc.Arbitrary<InvestigationReport> = fc
  .record({
    size: fc.oneof(
      { weight: 6, arbitrary: fc.nat(30) },
      { weight: 1, arbitrary: fc.integer({ min: 100, max: 250 }) },
    ),
    title: text,
    systemsDown: fc.array(fc.oneof(fc.constantFrom(...SYSTEMS), text), { maxLength: 3 }),
    scanners: fc.array(scannerArb, { maxLength: 4 }),
    seed: fc.nat(),
  })
  .chain(({ size, title, systemsDown, scanners }) =>
    fc
      .tuple(...Array.from({ length: size }, (_, i) => findingArb(`10.${(i >> 8) & 255}.${i & 255}.7`)))
      .map((findings) => ({
        issue: {
          repo: 'alchemy-conductors/alcatraz',
          number: 5120,
          title,
          url: 'https://github.example/i/5120',
        },
        findings,
        counts: countByCategory(findings),
        systemsDown,
        scanners,
        checkedAt: '2026-11-26T09:02:31.000Z',
      })),
  )
  // Half the reports were made with a store, and carry a history.
  .chain((report) =>
    fc
      .option(
        historyArb(
          report.findings.map((f) => f.ip),
          report.scanners.map((s) => s.name),
        ),
      )
      .map((history) => (history === null ? report : { ...report, history })),
  );

/** Our own Slack links `<https://…|label>` and `<https://…>`: the only `<…>` the bot writes. */
const OUR_SLACK_LINK = /<https?:\/\/[^\s<>|]+(?:\|[^<>]*)?>/g;
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt);)/;

/** Every string Slack parses as mrkdwn or displays: text objects and the notification fallback. */
function slackTexts(message: { text: string; blocks: unknown[] }): string[] {
  const out = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node && typeof node === 'object') {
      const object = node as Record<string, unknown>;
      if ((object.type === 'mrkdwn' || object.type === 'plain_text') && typeof object.text === 'string')
        out.push(object.text);
      for (const value of Object.values(object)) walk(value);
    }
  };
  walk(message.blocks);
  return out;
}

function expectInertInSlack(message: { text: string; blocks: unknown[] }): void {
  for (const value of slackTexts(message)) {
    const outsideLinks = value.replace(OUR_SLACK_LINK, '');
    expect(outsideLinks).not.toMatch(/[<>]/);
    expect(value).not.toMatch(BARE_AMPERSAND);
  }
}

/** Our own markup in a comment: fences, code spans, link destinations, and the few HTML tags we write. */
function withoutOurMarkup(comment: string): string {
  return comment
    .replace(/^```[^\n]*\n[\s\S]*?\n```$/gm, '')
    .split('\n')
    .map(withoutCodeSpans)
    .join('\n')
    .replace(/\]\(<[^<>\s]*>\)/g, '](')
    .replace(/<\/?(?:details|summary|b|code)>|<br>/g, '');
}

/** A line without its code spans, read as CommonMark does: `\`` is a literal backtick, a run closes on one as long. */
function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const char = line[i] as string;
    if (char === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
    } else if (char === '`') {
      let end = i;
      while (line[end] === '`') end++;
      const close = closingRun(line, end, end - i);
      if (close < 0) out += line.slice(i, end);
      i = close < 0 ? end : close;
    } else {
      out += char;
      i++;
    }
  }
  return out;
}

function closingRun(line: string, from: number, length: number): number {
  let k = from;
  while (k < line.length) {
    if (line[k] !== '`') {
      k++;
      continue;
    }
    let end = k;
    while (line[end] === '`') end++;
    if (end - k === length) return end;
    k = end;
  }
  return -1;
}

function expectInertOnGitHub(comment: string): void {
  const rest = withoutOurMarkup(comment);
  expect(rest).not.toMatch(/[<>]/);
  expect(rest).not.toMatch(/&(?!(?:amp|lt|gt|quot);)/);
}

describe('renderers on arbitrary reports', () => {
  it('keep the Slack thread and summary within Block Kit limits, with nothing untrusted unescaped', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        countRuns('renderers.slack');
        const plan = planThread(report, {
          investigationId: 42,
          issue: { repo: report.issue.repo, number: report.issue.number },
        });
        expect(plan.length).toBeLessThanOrEqual(MAX_THREAD_MESSAGES);
        const summary = renderSummary({
          report,
          issue: report.issue,
          investigationId: 42,
          status: 'done',
          reportFileNote: 'attached',
          issueCommentUrl: 'https://github.example/i/5120#issuecomment-1',
        });
        for (const message of [...plan, summary]) {
          expect(checkBlockLimits(message)).toEqual([]);
          expectInertInSlack(message);
        }
        // Every finding is in the thread: shown, or counted in its category's "and N more".
        const shownOrCounted = plan.map((m) => JSON.stringify(m.blocks)).join('\n');
        for (const category of Object.keys(report.counts)) {
          expect(shownOrCounted).toContain(`"block_id":"category:${category}"`);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('keep each issue comment within GitHub limits, with nothing untrusted unescaped', () => {
    fc.assert(
      fc.property(reportArb, (report) => {
        countRuns('renderers.github');
        // The detailed form and the compact form of large reports, whatever the report's size.
        for (const detailedUpTo of [Number.POSITIVE_INFINITY, 0]) {
          const comments = renderIssueComments(report, { detailedUpTo });
          expect(comments.length).toBeGreaterThan(0);
          for (const comment of comments) {
            expect(comment.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
            expectInertOnGitHub(comment);
          }
          // Every finding keeps its row in a table.
          const rows = comments.join('\n').match(/^\| 10\.\d+\.\d+\.7 \|/gm) ?? [];
          expect(rows).toHaveLength(report.findings.length);
        }
      }),
      { numRuns: 80 },
    );
  });
});
