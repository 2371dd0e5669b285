/**
 * The App Home tab (views.publish): one person's view of everything the bot holds. Every list is cut
 * with "and N more" so the view stays within Slack's limits (100 blocks, 3000 characters a section)
 * however much the store holds. Thread links follow the same visibility rule as `/nessus-gap status`
 * (src/bot/thread-visibility.ts): the Home tab is no channel, so a thread in a private channel is
 * named, not linked.
 */
import type { WebClient } from '@slack/web-api';
import type { HomeInvestigation, HomeView } from '../../app/home/home-view.js';
import { actionLabel } from '../../runbook/actions/index.js';
import { formatDuration } from '../../runbook/report/duration.js';
import { CATEGORY_EMOJI, CATEGORY_LABELS } from '../../runbook/report/labels.js';
import { formatUtc } from '../../runbook/report/summary.js';
import { threadLinkFor } from '../thread-visibility.js';
import type { Block } from './blocks.js';
import { escapeInline, mrkdwn, plain } from './escape-mrkdwn.js';
import { issueLabel } from './issue-label.js';
import { SLACK_LIMITS } from './limits.js';

/** Investigations shown with a section each; the rest are counted. */
export const HOME_INVESTIGATIONS = 20;
/** Lines of each list (scanners, recurring targets, actions). */
export const HOME_LIST_LINES = 15;
export const HOME_VIEW_BLOCKS = 100;

export interface HomeTab {
  type: 'home';
  blocks: Block[];
}

/** ` (<link|thread>)` per investigation shown, by id. */
export async function homeThreadLinks(
  slack: WebClient,
  investigations: readonly HomeInvestigation[],
): Promise<Map<number, string>> {
  const shown = investigations.slice(0, HOME_INVESTIGATIONS);
  const links = await Promise.all(
    shown.map(
      async ({ record }) =>
        [record.id, await threadLinkFor(slack, '', record.channel, record.threadTs)] as const,
    ),
  );
  return new Map(links);
}

export function renderHomeView(view: HomeView, links: ReadonlyMap<number, string>): HomeTab {
  const blocks: Block[] = [
    { type: 'header', text: plain('Nessus scan gaps', { max: SLACK_LIMITS.headerText }) },
    {
      type: 'context',
      elements: [mrkdwn(`Updated ${formatUtc(view.now)}. Opening this tab again refreshes it.`)],
    },
    ...investigationBlocks(view, links),
    { type: 'divider' },
    { type: 'header', text: plain('Scanners') },
    section(scannerLines(view), 'No scanner health recorded yet (the scanner health job records it).'),
    { type: 'header', text: plain('Recurring targets') },
    section(recurringLines(view), 'No target was unscanned in 3 or more investigations within 90 days.'),
    { type: 'header', text: plain('Last actions') },
    section(actionLines(view), 'No action recorded yet.'),
    { type: 'divider' },
    { type: 'header', text: plain('Your buttons') },
    { type: 'section', text: mrkdwn(buttonsText(view)) },
  ];
  return { type: 'home', blocks };
}

function investigationBlocks(view: HomeView, links: ReadonlyMap<number, string>): Block[] {
  const { investigations } = view;
  const head: Block = { type: 'header', text: plain(`Open investigations (${investigations.length})`) };
  if (investigations.length === 0) {
    return [head, { type: 'section', text: mrkdwn('No open investigation.') }];
  }
  const shown = investigations.slice(0, HOME_INVESTIGATIONS).map(
    (item): Block => ({
      type: 'section',
      text: mrkdwn(investigationText(item, links.get(item.record.id) ?? '')),
    }),
  );
  const more = investigations.length - shown.length;
  return [
    head,
    ...shown,
    ...(more > 0 ? [{ type: 'context' as const, elements: [mrkdwn(`and ${more} more`)] }] : []),
  ];
}

function investigationText({ record, unresolved, byCause }: HomeInvestigation, link: string): string {
  const state =
    record.status === 'running'
      ? `running, checked ${record.progressDone} of ${record.progressTotal}`
      : `${unresolved} unresolved`;
  const title = escapeInline(record.title, 200);
  const causes = byCause.map(
    ({ category, count }) => `${CATEGORY_EMOJI[category]} ${CATEGORY_LABELS[category]}: ${count}`,
  );
  return [
    `*${issueLabel({ repo: record.repo, number: record.issueNumber })}* ${title}: ${state}${link}`,
    ...causes,
  ].join('\n');
}

function scannerLines(view: HomeView): string[] {
  return view.scanners.map((s) => {
    const state = s.healthy ? ':large_green_circle:' : ':red_circle:';
    const since = formatDuration(view.now.getTime() - s.since.getTime());
    const downs = s.downs === 0 ? 'never down' : `down ${s.downs} time${s.downs === 1 ? '' : 's'}`;
    return `${state} ${escapeInline(s.name, 100)}: ${escapeInline(s.status, 100)} for ${since}; ${downs} in 30 days`;
  });
}

function recurringLines(view: HomeView): string[] {
  return view.recurring.map(
    (r) =>
      `\`${escapeInline(r.ip, 50)}\`: ${r.investigations} investigations, first seen ${formatUtc(r.firstSeen)}, last seen ${formatUtc(r.lastSeen)} (${r.causes.map((c) => CATEGORY_LABELS[c]).join(', ')})`,
  );
}

function actionLines(view: HomeView): string[] {
  return view.actions.map((a) => {
    const who = escapeInline(a.userName ?? a.userId, 80);
    const result = a.result ? `: ${escapeInline(a.result, 150)}` : '';
    return `${formatUtc(a.createdAt)} ${who} ${escapeInline(actionLabel(a.action), 40)} \`${escapeInline(a.ip, 60)}\` on #${a.issueNumber} (${a.status}${result})`;
  });
}

function buttonsText(view: HomeView): string {
  const allowed = view.buttons.filter((b) => b.allowed).map((b) => b.label);
  const refused = view.buttons.filter((b) => !b.allowed).map((b) => b.label);
  const lines = [`You may press: ${allowed.join(', ')}.`];
  if (refused.length > 0) {
    lines.push(`You may not press: ${refused.join(', ')}. Changes are made by ${view.whoMayAct}.`);
  }
  return lines.join('\n');
}

/** Lines in one section, at most HOME_LIST_LINES and within a section's length, then "and N more". */
function section(lines: readonly string[], empty: string): Block {
  if (lines.length === 0) return { type: 'section', text: mrkdwn(empty) };
  const budget = SLACK_LIMITS.sectionText - 40;
  const kept: string[] = [];
  let used = 0;
  for (const line of lines.slice(0, HOME_LIST_LINES)) {
    if (used + line.length + 1 > budget) break;
    kept.push(line);
    used += line.length + 1;
  }
  const more = lines.length - kept.length;
  return { type: 'section', text: mrkdwn([...kept, ...(more > 0 ? [`and ${more} more`] : [])].join('\n')) };
}
