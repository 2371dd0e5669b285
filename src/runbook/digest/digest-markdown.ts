/**
 * The digest as GitHub markdown (`nessus-gap digest --format text`): the figures, then the chart as
 * mermaid with a table of the same counts (its legend). Ready to paste into an issue or a wiki page.
 */

import type { Category } from '../model.js';
import { formatDuration } from '../report/duration.js';
import { CATEGORY_LABELS } from '../report/labels.js';
import type { Digest } from './digest.js';
import { mermaidChart, weekLabel } from './mermaid.js';
import type { CauseCounts } from './open-targets.js';
import { causeColour, TOTAL_COLOUR } from './palette.js';

const day = (at: Date) => at.toISOString().slice(0, 10);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "powered off 3, no scan zone 1", or "none". */
export function causeList(counts: CauseCounts): string {
  const parts = Object.entries(counts).map(([c, n]) => `${CATEGORY_LABELS[c as Category] ?? c} ${n}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

/** The figures as plain lines (shared by the markdown and the Slack post's fallback text). */
export function digestLines(digest: Digest): string[] {
  const { unscanned, fixed, timeToResolve: ttr } = digest;
  const who = fixed.byUser.map((t) => `${t.name} ${t.count}`).join(', ');
  const what = fixed.byAction.map((t) => `${t.name} ${t.count}`).join(', ');
  return [
    `Unscanned at the start of the week: ${unscanned.startTotal} (${causeList(unscanned.start)})`,
    `Unscanned at the end of the week: ${unscanned.endTotal} (${causeList(unscanned.end)})`,
    `Fixed: ${plural(fixed.resolved, 'target')} resolved; ${plural(fixed.actions, 'action')} done${fixed.actions > 0 ? ` (${what}; by ${who})` : ''}`,
    ttr.count === 0
      ? 'Time to resolve: nothing was resolved this week'
      : `Time to resolve (${plural(ttr.count, 'target')}): median ${formatDuration(ttr.medianMs ?? 0)}, worst ${formatDuration(ttr.worstMs ?? 0)} (${ttr.worstIp})`,
  ];
}

export function recurringLines(digest: Digest, limit = 10): string[] {
  const shown = digest.recurring
    .slice(0, limit)
    .map(
      (r) =>
        `${r.ip}: ${r.investigations} investigations from ${day(r.firstSeen)} to ${day(r.lastSeen)} (${r.causes.map((c) => CATEGORY_LABELS[c] ?? c).join(', ')})`,
    );
  const more = digest.recurring.length - shown.length;
  return more > 0 ? [...shown, `and ${more} more`] : shown;
}

export function digestMarkdown(digest: Digest): string {
  const recurring = recurringLines(digest);
  const { chart } = digest;
  const header = ['cause', 'colour', ...chart.weekEnds.map(weekLabel)];
  const totals = chart.weekEnds.map((_, i) => chart.series.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0));
  const rows = [
    ...chart.series.map((s) => [
      CATEGORY_LABELS[s.category] ?? s.category,
      causeColour(s.category).name,
      ...s.counts.map(String),
    ]),
    ['all (bars)', TOTAL_COLOUR.name, ...totals.map(String)],
  ];
  const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`);
  return [
    `## Nessus scan gaps: week of ${day(digest.weekStart)} to ${day(digest.weekEnd)}`,
    '',
    ...digestLines(digest).map((line) => `- ${line}`),
    '',
    '### Recurring targets',
    '',
    ...(recurring.length === 0 ? ['None.'] : recurring.map((line) => `- ${line}`)),
    '',
    `### Unscanned targets by cause, last ${plural(chart.weekEnds.length, 'week')}`,
    '',
    mermaidChart(chart),
    '',
    ...table,
    '',
  ].join('\n');
}
