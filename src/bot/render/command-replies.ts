/**
 * The private answers of `/nessus-gap status`, `scanners` and `doctor`. Thread links depend on who
 * asks from where (src/bot/thread-visibility.ts), so the status text is built with them.
 */
import type { WebClient } from '@slack/web-api';
import type { DoctorAnswer } from '../../app/doctor.js';
import type { ScannerState } from '../../app/scanners.js';
import { renderDoctorTable } from '../../doctor/render.js';
import type { InvestigationRecord } from '../../store/store.js';
import { threadLinkFor } from '../thread-visibility.js';
import { escapeInline } from './escape-mrkdwn.js';

/** Investigations listed in a status answer. */
const LISTED = 20;
/** Slack shows at most about 40,000 characters in a message; the doctor's table stays far below. */
const MAX_TABLE = 35_000;

export async function statusText(
  slack: WebClient,
  askedFrom: string,
  active: readonly InvestigationRecord[],
): Promise<string> {
  if (active.length === 0) return 'No open investigations.';
  const lines = await Promise.all(
    active.slice(0, LISTED).map(async (record) => {
      const state =
        record.status === 'running'
          ? `running, checked ${record.progressDone} of ${record.progressTotal}`
          : 'open';
      const link = await threadLinkFor(slack, askedFrom, record.channel, record.threadTs);
      return `• ${record.repo}#${record.issueNumber}: ${state}${link}`;
    }),
  );
  return [
    `Open investigations (${active.length}):`,
    ...lines,
    ...(active.length > LISTED ? [`…and ${active.length - LISTED} more`] : []),
  ].join('\n');
}

export function scannersText(states: readonly ScannerState[]): string {
  if (states.length === 0)
    return 'No scanner is configured (add them under `scanners` in NESSUS_GAP_CONFIG).';
  const lines = states.map((s) =>
    s.answered
      ? `${s.ready ? ':large_green_circle:' : ':red_circle:'} ${escapeInline(s.name)}: ${escapeInline(s.status, 100)}`
      : `:red_circle: ${escapeInline(s.name)}: unreachable (${escapeInline(s.error, 200)})`,
  );
  return [`Nessus scanners (${states.length}):`, ...lines].join('\n');
}

export function doctorText(answer: DoctorAnswer): string {
  switch (answer.kind) {
    case 'not_authorised':
      return `Only ${answer.allowed} may run the doctor: it shows hosts and settings.`;
    case 'failed':
      return `The doctor could not run: ${answer.reason}`;
    case 'report': {
      // Slack reads &, < and > as markup even in a code block: they are sent as entities.
      const table = renderDoctorTable(answer.report)
        .slice(0, MAX_TABLE)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/```/g, "'''");
      return `${answer.report.ok ? ':white_check_mark:' : ':warning:'} nessus-gap doctor\n\`\`\`\n${table}\`\`\``;
    }
  }
}

/**
 * An investigation started from the command line has no thread: its report is on the issue, and a
 * re-check asked in Slack answers privately.
 */
export function noThreadText(record: Pick<InvestigationRecord, 'repo' | 'issueNumber' | 'status'>): string {
  const label = `${record.repo}#${record.issueNumber}`;
  return record.status === 'running'
    ? `${escapeInline(label)} is being investigated from the command line: its report will be on the issue.`
    : `${escapeInline(label)} was investigated from the command line: its report is on the issue. \`/nessus-gap recheck ${record.issueNumber}\` checks it again.`;
}
