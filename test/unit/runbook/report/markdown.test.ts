import type { Finding } from '../../../../src/runbook/finding.js';
import { CATEGORIES } from '../../../../src/runbook/model.js';
import { ZERO_WIDTH_SPACE } from '../../../../src/runbook/report/escape-markdown.js';
import { CATEGORY_HINTS, CATEGORY_LABELS } from '../../../../src/runbook/report/labels.js';
import {
  MIN_COMMENT_CHARS,
  renderIssueComments,
  renderMarkdown,
} from '../../../../src/runbook/report/markdown.js';
import { buildFinding, buildReport, manyFindings, nthIp, oneFindingPerCategory } from './finding-builder.js';
import { cellCount, linkableMarkers } from './markdown-checks.js';

const ZW = ZERO_WIDTH_SPACE;
/** Keeps the detailed form whatever the number of findings. */
const DETAILED = Number.POSITIVE_INFINITY;

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Every table in the comment: its rows, each with as many cells as its header. */
function expectWellFormedTables(comment: string): void {
  const lines = comment.split('\n');
  lines.forEach((line, index) => {
    if (!line.startsWith('|')) return;
    const previous = lines[index - 1] ?? '';
    if (!previous.startsWith('|')) {
      // A header: the next line is its delimiter row.
      expect(lines[index + 1] ?? '').toMatch(/^\| -+:? \|/);
      return;
    }
    let header = index - 1;
    while ((lines[header - 1] ?? '').startsWith('|')) header -= 1;
    expect(cellCount(line)).toBe(cellCount(lines[header] ?? ''));
  });
}

/** How often each first capture group of `pattern` occurs. */
function tally(text: string, pattern: RegExp): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(pattern)) {
    const key = match[1] ?? '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function expectBalancedDetails(comment: string): void {
  expect(occurrences(comment, '<details>')).toBe(occurrences(comment, '</details>'));
  expect(occurrences(comment, '<summary>')).toBe(occurrences(comment, '<details>'));
  // Markdown inside <details> renders only after a blank line, and the closing tag needs one too.
  expect(comment).not.toMatch(/<\/summary>\n(?!\n)/);
  expect(comment).not.toMatch(/[^\n]\n<\/details>/);
}

describe('renderIssueComments', () => {
  const everyCategory = buildReport(oneFindingPerCategory());

  it('renders a small report as one comment with the counts in the heading', () => {
    const comments = renderIssueComments(everyCategory);
    expect(comments).toHaveLength(1);
    const [comment = ''] = comments;
    expect(comment.split('\n')[0]).toBe(
      '### nessus-gap: 15 unscanned IPs on alchemy-conductors/alcatraz#4711',
    );
    expect(comment).toContain('**12 causes found, 3 need a person.**');
    expect(comment).toContain('Checked 2026-11-26 09:02 UTC.');
    expect(comment).not.toContain('part 1');
  });

  it('renders every category: label, hint, table rows and a details section', () => {
    const [comment = ''] = renderIssueComments(everyCategory);
    for (const category of CATEGORIES) {
      const label = CATEGORY_LABELS[category];
      const scanner = category === 'scanner_down' ? ' (prod-dal09-infra-nessus-01)' : '';
      expect(comment).toContain(`| ${label} | 1 | ${CATEGORY_HINTS[category]}${scanner} |`);
      expect(comment).toContain(`<b>${label}</b> (1): ${CATEGORY_HINTS[category]}</summary>`);
      expect(comment).toContain(`"${label}" : 1`);
    }
    for (const finding of everyCategory.findings) {
      expect(occurrences(comment, `| ${finding.ip} |`)).toBe(1);
      expect(occurrences(comment, `**${finding.ip}**`)).toBe(1);
    }
    expect(occurrences(comment, '<details>')).toBe(CATEGORIES.length);
    expectWellFormedTables(comment);
    expectBalancedDetails(comment);
  });

  it('draws a well-formed mermaid pie of the causes present', () => {
    const findings = [
      ...Array.from({ length: 3 }, (_, n) => buildFinding({ ip: nthIp(n), category: 'powered_off' })),
      buildFinding({ ip: nthIp(9), category: 'scanner_down' }),
    ];
    const [comment = ''] = renderIssueComments(buildReport(findings));
    const pie = /```mermaid\n([\s\S]*?)\n```/.exec(comment)?.[1] ?? '';
    expect(pie.split('\n')).toEqual([
      'pie showData',
      '    title Causes of 4 unscanned IPs',
      '    "Powered off" : 3',
      '    "Scanner not ready" : 1',
    ]);
    expect(occurrences(comment, '```')).toBe(2);
  });

  it('lists evidence and fix steps, commands as code spans, links as links', () => {
    const finding = buildFinding({
      category: 'scanner_down',
      evidence: ['Scanner prod-dal09-infra-nessus-01 reports status loading.'],
      fixes: [
        'Check nessusd: `ss -nltp | grep nessusd`.',
        'Run `/opt/nessus/sbin/nessuscli fix --reset-all`.',
      ],
      links: [
        {
          label: 'Runbook: Scanner is down',
          url: 'https://runbook.example/gap.html#scanner-is-downunreachable',
        },
      ],
      device: {
        account: 'ALC',
        kind: 'hardware',
        id: 1234,
        hostname: 'prod-dal10-carrier4-worker-01',
        cancellationTicketId: null,
      },
    });
    const [comment = ''] = renderIssueComments(buildReport([finding]));
    expect(comment).toContain('Evidence:\n\n- Scanner prod-dal09');
    expect(comment).toContain(
      'Fix:\n\n1. Check nessusd: `ss -nltp | grep nessusd`.\n2. Run `/opt/nessus/sbin/nessuscli fix --reset-all`.',
    );
    expect(comment).toContain(
      '[Runbook: Scanner is down](<https://runbook.example/gap.html#scanner-is-downunreachable>)',
    );
    expect(comment).toContain(
      'scanner: prod-dal09-infra-nessus-01 · device: hardware 1234 prod-dal10-carrier4-worker-01',
    );
    // In the table the command is <code> so its pipe stays inside the cell.
    expect(comment).toContain('| Check nessusd: <code>ss -nltp \\| grep nessusd</code>. |');
    expect(comment).toContain('(prod-dal09-infra-nessus-01)');
    expectWellFormedTables(comment);
  });

  it('escapes hostile text everywhere it appears', () => {
    const hostile = [
      '@channel <!channel>',
      '@org/team',
      '<script>alert(1)</script>',
      '[click](http://evil)',
      '![x](http://evil/img)',
      'a|b\nc',
      '`x` ``` y',
      '# not a heading',
      '&#64;alice',
    ].join(' ');
    const finding = buildFinding({
      hostname: hostile,
      environment: hostile,
      summary: hostile,
      evidence: [hostile, `line\n- bullet\n</details><details>`],
      fixes: [hostile],
      links: [{ label: hostile, url: 'javascript:alert(1)' }],
      scanner: hostile,
      category: 'scanner_down',
    });
    const report = buildReport([finding, buildFinding({ ip: '10.9.9.9' })], {
      issue: { repo: 'alchemy-conductors/alcatraz', number: 4711, title: hostile },
      systemsDown: [hostile],
    });
    const [comment = ''] = renderIssueComments(report);
    expect(linkableMarkers(comment.replace(/^### /, '').replace(/alcatraz#4711/g, ''))).toEqual([]);
    expect(comment).not.toMatch(/<(?!\/?(details|summary|b|br|code)>|https:\/\/)/);
    expect(comment).not.toMatch(/(?<!\\)\]\(http/);
    expect(comment).not.toContain('![');
    expect(comment).not.toContain('&#64;');
    expect(comment).toContain(`@${ZW}channel &lt;!channel&gt;`);
    expect(comment).toContain(`\\[click\\](http:${ZW}//evil)`);
    expect(comment).not.toMatch(/^#(?!##)/m);
    expectWellFormedTables(comment);
    expectBalancedDetails(comment);
  });

  it('splits 3,000 findings into comments of at most 65,000 characters, each finding once', () => {
    const findings = manyFindings(3000);
    const comments = renderIssueComments(buildReport(findings), { detailedUpTo: DETAILED });
    expect(comments.length).toBeGreaterThan(1);
    const total = comments.length;
    comments.forEach((comment, index) => {
      expect(comment.length).toBeLessThanOrEqual(65_000);
      expect(comment.split('\n')[0]).toContain(`(part ${index + 1} of ${total})`);
      if (index < total - 1)
        expect(comment).toContain(`_Continued in the next comment (part ${index + 2} of ${total})._`);
      expectWellFormedTables(comment);
      expectBalancedDetails(comment);
    });
    const all = comments.join('\n');
    const rows = tally(all, /^\| (10\.[\d.]+) \|/gm);
    const details = tally(all, /^\*\*(10\.[\d.]+)\*\*/gm);
    for (const finding of findings) {
      expect([finding.ip, rows.get(finding.ip), details.get(finding.ip)]).toEqual([finding.ip, 1, 1]);
    }
    expect(rows.size).toBe(findings.length);
    expect(details.size).toBe(findings.length);
    expect(comments[1]?.split('\n')[0]).toBe(
      `### nessus-gap: alchemy-conductors/alcatraz#4711, continued (part 2 of ${total})`,
    );
    expect(all).toContain(', continued): ');
  });

  it('fills comments: no comment but the last could have taken the next finding', () => {
    const maxChars = MIN_COMMENT_CHARS;
    const comments = renderIssueComments(buildReport(manyFindings(200)), {
      maxChars,
      detailedUpTo: DETAILED,
    });
    expect(comments.length).toBeGreaterThan(3);
    for (const comment of comments.slice(0, -1)) expect(comment.length).toBeGreaterThan(maxChars * 0.8);
    for (const comment of comments) expect(comment.length).toBeLessThanOrEqual(maxChars);
  });

  it('shortens a finding too long for any comment, and says so', () => {
    const huge = buildFinding({
      ip: '10.7.7.7',
      category: 'unreachable',
      summary: 'x'.repeat(100_000),
      evidence: Array.from({ length: 5000 }, (_, n) => `evidence line ${n} ${'&'.repeat(50)}`),
      fixes: ['Ask the owner to open the firewall for ping.', 'Reboot it from the portal.'],
    });
    const report = buildReport([buildFinding({ ip: '10.1.1.1' }), huge, buildFinding({ ip: '10.1.1.2' })]);
    for (const maxChars of [MIN_COMMENT_CHARS, 65_000]) {
      const comments = renderIssueComments(report, { maxChars });
      for (const comment of comments) expect(comment.length).toBeLessThanOrEqual(maxChars);
      const all = comments.join('\n');
      expect(occurrences(all, '**10.7.7.7**')).toBe(1);
      expect(all).toMatch(/Too long for a GitHub comment: \d+ evidence lines left out\./);
      expect(all).toContain('1. Ask the owner to open the firewall for ping.\n2. Reboot it from the portal.');
      expect(occurrences(all, '**10.1.1.2**')).toBe(1);
    }
  });

  it('keeps the limit with hostile text as long as it gets, at the smallest allowed size', () => {
    const long = '&@<|'.repeat(5_000);
    const findings: Finding[] = Array.from({ length: 20 }, (_, n) =>
      buildFinding({
        ip: long,
        hostname: long,
        environment: long,
        summary: long,
        evidence: [long],
        fixes: [`\`${long}\``, long],
        links: [{ label: long, url: `https://x.example/${long}` }],
        scanner: long,
        category: CATEGORIES[n % CATEGORIES.length] ?? 'reachable',
      }),
    );
    const report = buildReport(findings, {
      issue: { repo: long, number: 1, title: long },
      systemsDown: Array.from({ length: 100 }, () => long),
      checkedAt: long,
    });
    const comments = renderIssueComments(report, {
      maxChars: MIN_COMMENT_CHARS,
      runbookUrl: `https://r.example/${long}`,
    });
    for (const comment of comments) {
      expect(comment.length).toBeLessThanOrEqual(MIN_COMMENT_CHARS);
      expectBalancedDetails(comment);
    }
    expect(occurrences(comments.join('\n'), '<details>')).toBeGreaterThanOrEqual(CATEGORIES.length);
  });

  it('renders an empty report as one short comment without a pie', () => {
    const [comment = '', ...rest] = renderIssueComments(buildReport([]));
    expect(rest).toEqual([]);
    expect(comment).toContain('no unscanned IPs');
    expect(comment).not.toContain('mermaid');
    expect(comment).not.toContain('<details>');
  });

  it('links the runbook only when it is an http(s) URL', () => {
    const report = buildReport([buildFinding()]);
    expect(renderIssueComments(report, { runbookUrl: 'https://runbook.example/gap.html' })[0]).toContain(
      'Runbook: [Nessus scan gap alert](<https://runbook.example/gap.html>)',
    );
    expect(renderIssueComments(report, { runbookUrl: 'javascript:alert(1)' })[0]).not.toContain('Runbook:');
  });

  it('refuses a limit too small to hold the introduction', () => {
    expect(() => renderIssueComments(everyCategory, { maxChars: MIN_COMMENT_CHARS - 1 })).toThrow(RangeError);
    expect(() => renderIssueComments(everyCategory, { maxChars: 20_000.5 })).toThrow(RangeError);
  });

  it('renderMarkdown joins the comments in order', () => {
    const report = buildReport(manyFindings(200));
    const comments = renderIssueComments(report, { maxChars: MIN_COMMENT_CHARS });
    expect(renderMarkdown(report, { maxChars: MIN_COMMENT_CHARS })).toBe(comments.join('\n\n---\n\n'));
  });
});

describe('renderIssueComments, compact form of a large report', () => {
  it('keeps the detailed form up to 100 findings and goes compact above', () => {
    expect(renderIssueComments(buildReport(manyFindings(100))).join('\n')).toContain('<details>');
    const compact = renderIssueComments(buildReport(manyFindings(101))).join('\n');
    expect(compact).not.toContain('<details>');
    expect(compact).toContain('the steps are shown once, for its first IP');
  });

  it('gives the steps once per cause and every IP one row with its evidence', () => {
    const findings = manyFindings(1000);
    const comments = renderIssueComments(buildReport(findings));
    const detailed = renderIssueComments(buildReport(findings), { detailedUpTo: DETAILED });
    // The point of the form: far fewer comments to post one after another.
    expect(comments.length * 3).toBeLessThanOrEqual(detailed.length);
    const all = comments.join('\n');
    const rows = tally(
      all,
      /^\| (10\.[\d.]+) \| prod-dal10-carrier\d-worker-\d{4} \| PROD-US-SOUTH \| (.*) \|$/gm,
    );
    for (const finding of findings) expect([finding.ip, rows.get(finding.ip)]).toEqual([finding.ip, 1]);
    expect(all).toContain(
      `| ${nthIp(7)} | prod-dal10-carrier7-worker-0007 | PROD-US-SOUTH | No hardware server or virtual guest of the account uses ${nthIp(7)}. · No account subnet contains ${nthIp(7)}; checked 214 subnets. · Tenable.sc has no scan data for ${nthIp(7)}. |`,
    );
    const groups = new Set(findings.map((finding) => finding.category));
    expect(occurrences(all, 'Steps, shown for the first IP:')).toBe(groups.size);
    expect(occurrences(all, '1. Search `')).toBe(groups.size);
    comments.forEach((comment) => {
      expect(comment.length).toBeLessThanOrEqual(65_000);
      expectWellFormedTables(comment);
    });
    // A table cut by a comment boundary is opened again with its header and says so.
    expect(all).toMatch(/_[A-Za-z ()/-]+, continued:_\n\n\| IP \| Host \| Environment \| Evidence \|/);
  });

  it('shows failed checks as the evidence of a finding that has none', () => {
    const findings = manyFindings(150).map(
      (finding, n): Finding =>
        n === 3
          ? {
              ...finding,
              category: 'check_failed',
              evidence: [],
              failedChecks: [{ check: 'last_scan', system: 'tenable', reason: 'HTTP 503 after 4 tries' }],
            }
          : finding,
    );
    const all = renderIssueComments(buildReport(findings)).join('\n');
    expect(all).toContain(`| ${nthIp(3)} |`);
    expect(all).toContain('Could not check last\\_scan (tenable): HTTP 503 after 4 tries |');
  });

  it('escapes hostile text in the rows and cuts long evidence', () => {
    const hostile = '<!channel> | @here #1 **x** <script>';
    const findings = manyFindings(120).map((finding) => ({
      ...finding,
      hostname: hostile,
      evidence: [hostile, 'y'.repeat(5000)],
    }));
    const comments = renderIssueComments(buildReport(findings), { maxChars: MIN_COMMENT_CHARS });
    for (const comment of comments) {
      expect(comment.length).toBeLessThanOrEqual(MIN_COMMENT_CHARS);
      expect(comment).not.toContain('<!channel>');
      expect(comment).not.toContain('<script>');
      expect(comment).not.toMatch(/@here|#1 /);
      expectWellFormedTables(comment);
    }
    const row =
      comments
        .join('\n')
        .split('\n')
        .find((line) => line.startsWith(`| ${nthIp(5)} |`)) ?? '';
    expect(row.length).toBeLessThan(1000);
    expect(cellCount(row)).toBe(4);
  });
});
