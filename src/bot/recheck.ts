/**
 * Runs the checks of an open investigation again (all its targets, or one IP) and says in its thread
 * what changed; the summary is updated with the new counts.
 */
import { investigateIssue } from '../investigation/investigate.js';
import type { GapIssue } from '../investigation/ports.js';
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import { countByCategory } from '../runbook/report/json.js';
import { CATEGORY_LABELS } from '../runbook/report/labels.js';
import type { InvestigationRecord } from '../store/store.js';
import { escapeInline, mrkdwn } from './render/escape-mrkdwn.js';
import { renderSummary } from './render/summary.js';
import type { BotServices } from './services.js';
import { postMessage, updateMessage } from './slack-post.js';

export interface Change {
  ip: string;
  hostname: string | null;
  from: Finding['category'] | null;
  to: Finding['category'];
}

export interface RecheckResult {
  report: InvestigationReport;
  changes: Change[];
}

export async function recheckInvestigation(
  services: BotServices,
  record: InvestigationRecord,
  options: {
    onlyIp?: string;
    requestedBy?: string;
    /** The issue as just read (the schedule reads it first to see what is resolved). */
    issue?: GapIssue;
    /** Say nothing in the thread when nothing changed (the hourly schedule). */
    quiet?: boolean;
  } = {},
): Promise<RecheckResult> {
  const { store } = services;
  const previous = new Map((await store.listFindings(record.id)).map((f) => [f.ip, f.finding]));
  const { report: fresh } = await investigateIssue(record.issueNumber, services.deps, {
    ...(options.onlyIp ? { onlyIps: new Set([options.onlyIp]) } : {}),
    ...(options.issue ? { issue: options.issue } : {}),
  });
  const changes: Change[] = fresh.findings
    .filter((f) => previous.get(f.ip)?.category !== f.category)
    .map((f) => ({
      ip: f.ip,
      hostname: f.hostname,
      from: previous.get(f.ip)?.category ?? null,
      to: f.category,
    }));
  await store.saveFindings(record.id, fresh.findings, services.now());

  // The whole picture: fresh findings over the stored ones (a one-IP re-check changes one line).
  const merged = new Map(previous);
  for (const f of fresh.findings) merged.set(f.ip, f);
  const findings = [...merged.values()];
  const report: InvestigationReport = { ...fresh, findings, counts: countByCategory(findings) };
  await store.updateInvestigation(record.id, { report });

  if (record.channel && record.threadTs && !(options.quiet && changes.length === 0)) {
    const who = options.requestedBy ? ` (asked by <@${options.requestedBy}>)` : '';
    const text =
      changes.length === 0
        ? `:repeat: Re-checked ${options.onlyIp ? escapeInline(options.onlyIp) : `${fresh.findings.length} IPs`}${who}: nothing changed.`
        : `:repeat: Re-checked ${options.onlyIp ? escapeInline(options.onlyIp) : `${fresh.findings.length} IPs`}${who}: ${changes.length} changed.\n${changes
            .slice(0, 30)
            .map(
              (c) =>
                `• ${escapeInline(c.ip)}${c.hostname ? ` ${escapeInline(c.hostname, 80)}` : ''}: ${c.from ? CATEGORY_LABELS[c.from] : 'new'} → ${CATEGORY_LABELS[c.to]}`,
            )
            .join('\n')}${changes.length > 30 ? `\n…and ${changes.length - 30} more` : ''}`;
    await postMessage(
      services.slack,
      record.channel,
      { text: text.slice(0, 3000), blocks: [{ type: 'section', text: mrkdwn(text) }] },
      record.threadTs,
    );
    if (record.summaryTs) {
      await updateMessage(
        services.slack,
        record.channel,
        record.summaryTs,
        renderSummary({
          report,
          issue: { repo: record.repo, number: record.issueNumber, title: record.title },
          investigationId: record.id,
          status: 'done',
        }),
      );
    }
  }
  return { report, changes };
}
