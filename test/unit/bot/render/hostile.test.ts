/**
 * Untrusted text (hostnames, issue titles, API strings, evidence, fixes, link labels, scanner and
 * system names) must never reach Slack able to ping or link: every string of every rendered message
 * is walked, the fallback text included.
 */
import type { SlackMessage } from '../../../../src/bot/render/blocks.js';
import { renderCategory } from '../../../../src/bot/render/category.js';
import { renderFailure, renderRefusal } from '../../../../src/bot/render/outcome.js';
import { renderSummary } from '../../../../src/bot/render/summary.js';
import { planThread } from '../../../../src/bot/render/thread-plan.js';
import { checkBlockLimits } from '../../../../src/bot/render/validate-blocks.js';
import { ACTIONS, CATEGORIES } from '../../../../src/runbook/model.js';
import { buildFinding, buildReport, nthIp } from '../../runbook/report/finding-builder.js';
import { allStrings, CTX } from './render-helpers.js';

const EVIL =
  '<!channel> <!here|here> <@U1> <#C1|general> <!subteam^S1|sre> <http://evil|click> <mailto:a@b|m> & &lt;';

/** Our own links: the only `<...>` sequences allowed, each to a host the fixtures use. */
const OUR_LINK = /<https:\/\/(?:inventory\.example|runbook\.example|github\.example)\/[^<>|\s]*\|[^<>]*>/g;

function hostileFinding(n: number) {
  return buildFinding({
    ip: nthIp(n),
    hostname: `${EVIL} ${'x'.repeat(5000)}`,
    environment: EVIL,
    category: CATEGORIES[n % CATEGORIES.length],
    summary: EVIL,
    evidence: [EVIL, `\`${EVIL}\``],
    fixes: [`run \`${EVIL}\` then ${EVIL}`, EVIL],
    actions: [...ACTIONS],
    links: [
      { label: EVIL, url: `https://inventory.example/servers?search=${nthIp(n)}&x=<!channel>|y>` },
      { label: EVIL, url: 'javascript:alert(1)' },
      { label: 'Runbook', url: 'https://runbook.example/gap.html#section' },
    ],
    scanner: EVIL,
    failedChecks: [{ check: 'scan_zones', system: 'tenable', reason: EVIL }],
  });
}

const ISSUE = {
  repo: 'alchemy-conductors/alcatraz',
  number: 5120,
  title: EVIL,
  url: 'https://github.example/i/5120',
};
const report = buildReport(
  Array.from({ length: 90 }, (_, n) => hostileFinding(n)),
  { issue: ISSUE, systemsDown: [EVIL] },
);

function everyMessage(): [string, SlackMessage][] {
  const summaries = (['running', 'done', 'failed'] as const).map((status): [string, SlackMessage] => [
    `summary ${status}`,
    renderSummary({
      report: status === 'running' ? null : report,
      issue: ISSUE,
      status,
      progress: { done: 3, total: 90 },
      error: EVIL,
      reportFileNote: EVIL,
      issueCommentUrl: `https://github.example/i/5120#<!channel>`,
      investigationId: 1,
    }),
  ]);
  const thread = planThread(report, CTX).map((message): [string, SlackMessage] => [message.key, message]);
  const single = CATEGORIES.flatMap((category) =>
    renderCategory(category, [hostileFinding(CATEGORIES.indexOf(category))], CTX).map(
      (message): [string, SlackMessage] => [`one ${category}`, message],
    ),
  );
  return [
    ...summaries,
    ...thread,
    ...single,
    ['failure', { text: 'failed', blocks: renderFailure('power_on', '10.0.0.1', EVIL, CTX) }],
    ['refusal', renderRefusal({ allowedUsergroupIds: [EVIL], askChannelId: EVIL })],
  ];
}

describe('hostile text', () => {
  const messages = everyMessage();

  it.each(messages)('%s: no string can ping or link', (_name, message) => {
    const offenders = allStrings(message).filter(
      ({ text }) => /[<>]/.test(text.replace(OUR_LINK, '')) || /&(?!amp;|lt;|gt;)/.test(text),
    );
    expect(offenders).toEqual([]);
  });

  it.each(messages)('%s: keeps every Block Kit limit', (_name, message) => {
    expect(checkBlockLimits(message)).toEqual([]);
  });

  it('still shows the hostile text, escaped', () => {
    const [, summary] = messages[1] ?? [];
    expect(JSON.stringify(summary)).toContain('&lt;!channel&gt; &lt;!here|here&gt; &lt;@U1&gt;');
    expect(JSON.stringify(summary)).toContain(
      '&lt;http://evil|click&gt; &lt;mailto:a@b|m&gt; &amp; &amp;lt;',
    );
  });

  it('links our URLs with their dangerous characters encoded, and drops javascript: links', () => {
    const text = JSON.stringify(messages.find(([name]) => name === 'one not_in_account')?.[1]);
    expect(text).toContain('<https://inventory.example/servers?search=10.0.1.1&amp;x=%3C!channel%3E%7Cy%3E|');
    expect(text).not.toContain('javascript:');
  });
});
