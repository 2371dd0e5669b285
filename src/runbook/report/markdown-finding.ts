/**
 * One finding inside its category's `<details>`: the cause, then evidence, fix steps and links, and,
 * for a finding too long for a comment, a shortened rendering that says what was left out.
 */
import type { Finding } from '../finding.js';
import type { TargetHistoryLines } from '../history/describe.js';
import { escapeMarkdown, escapeMarkdownKeepingCode, markdownLink } from './escape-markdown.js';
import { toSingleLine, truncate } from './sanitize.js';

interface DetailParts {
  head: string;
  evidence: string[];
  fixes: string[];
  links: string[];
}

interface Kept {
  evidence: number;
  fixes: number;
  links: number;
}

/** Caps on each untrusted text, tried in turn until the finding fits. */
const SHORTENING_STEPS = [1000, 300, 100];

/** The full detail of a finding, with its history lines when it has some. */
export function renderFindingDetail(finding: Finding, history?: TargetHistoryLines): string {
  const parts = detailParts(finding, Number.POSITIVE_INFINITY, history);
  return assemble(parts, everything(parts), null);
}

/**
 * The detail in at most `maxChars` characters: texts shortened first, then lines left out (evidence
 * first, the fix steps last), with a note saying so. Throws only when even the IP alone cannot fit.
 */
export function fitFindingDetail(finding: Finding, maxChars: number, history?: TargetHistoryLines): string {
  for (const cap of SHORTENING_STEPS) {
    const parts = detailParts(finding, cap, history);
    const text = assemble(parts, everything(parts), shortenedNote(parts, everything(parts)));
    if (text.length <= maxChars) return text;
  }
  const parts = detailParts(finding, SHORTENING_STEPS[SHORTENING_STEPS.length - 1] ?? 100, history);
  const kept: Kept = { evidence: 0, fixes: 0, links: 0 };
  const render = () => assemble(parts, kept, shortenedNote(parts, kept));
  if (render().length <= maxChars) {
    for (const list of ['fixes', 'evidence', 'links'] as const) {
      kept[list] = largestFitting(parts[list].length, (count) => {
        kept[list] = count;
        return render().length <= maxChars;
      });
    }
    return render();
  }
  const minimal = `**${escapeMarkdown(truncate(finding.ip, 45))}**\n\n${LEFT_OUT_NOTE}`;
  if (minimal.length > maxChars) throw new RangeError(`no room for a finding in ${maxChars} characters`);
  return minimal;
}

const LEFT_OUT_NOTE = '_(Too long for a GitHub comment: see the JSON report for this finding.)_';

function detailParts(finding: Finding, cap: number, history: TargetHistoryLines | undefined): DetailParts {
  const text = (value: string) => escapeMarkdown(truncate(toSingleLine(value), cap));
  const withCode = (value: string) => escapeMarkdownKeepingCode(truncate(toSingleLine(value), cap));

  const where = [finding.hostname, finding.environment, finding.interface]
    .filter((value): value is string => value !== null && value !== '')
    .map(text);
  const context: string[] = [];
  if (finding.scanner !== null) context.push(`scanner: ${text(finding.scanner)}`);
  if (finding.device !== null) {
    context.push(`device: ${finding.device.kind} ${finding.device.id} ${text(finding.device.hostname)}`);
  }
  const headLines = [[`**${text(finding.ip)}**`, ...where].join(' · ')];
  const summary = withCode(finding.summary);
  if (summary !== '') headLines.push(summary);
  if (context.length > 0) headLines.push(context.join(' · '));
  headLines.push(...historyHeadLines(history, cap));

  const evidence = evidenceOrFailures(finding);
  return {
    head: headLines.join('\\\n'),
    evidence: evidence.map(withCode).filter((line) => line !== ''),
    fixes: finding.fixes.map(withCode).filter((line) => line !== ''),
    links: finding.links.map((link) => markdownLink(truncate(toSingleLine(link.label), cap), link.url)),
  };
}

/** The recurring mark in bold, then the latest earlier investigation (our words, stored names escaped). */
function historyHeadLines(history: TargetHistoryLines | undefined, cap: number): string[] {
  const lines: string[] = [];
  const text = (value: string) => escapeMarkdown(truncate(toSingleLine(value), Math.min(cap, 300)));
  if (history?.recurring) lines.push(`:repeat: **${text(history.recurring)}**`);
  if (history?.earlier) lines.push(`_${text(history.earlier)}_`);
  return lines;
}

/** The finding's evidence; a failed check the diagnosis did not state as evidence is shown rather than lost. */
export function evidenceOrFailures(finding: Finding): string[] {
  if (finding.evidence.length > 0) return finding.evidence;
  return finding.failedChecks.map(
    (check) => `Could not check ${check.check} (${check.system}): ${check.reason}`,
  );
}

function assemble(parts: DetailParts, kept: Kept, note: string | null): string {
  const sections = [parts.head];
  const evidence = parts.evidence.slice(0, kept.evidence);
  const fixes = parts.fixes.slice(0, kept.fixes);
  const links = parts.links.slice(0, kept.links);
  if (evidence.length > 0) sections.push(`Evidence:\n\n${evidence.map((line) => `- ${line}`).join('\n')}`);
  if (fixes.length > 0)
    sections.push(`Fix:\n\n${fixes.map((line, index) => `${index + 1}. ${line}`).join('\n')}`);
  if (links.length > 0) sections.push(`Links: ${links.join(' · ')}`);
  if (note !== null) sections.push(note);
  return sections.join('\n\n');
}

function everything(parts: DetailParts): Kept {
  return { evidence: parts.evidence.length, fixes: parts.fixes.length, links: parts.links.length };
}

function shortenedNote(parts: DetailParts, kept: Kept): string {
  const left = [
    countOf(parts.evidence.length - kept.evidence, 'evidence line', 'evidence lines'),
    countOf(parts.fixes.length - kept.fixes, 'fix step', 'fix steps'),
    countOf(parts.links.length - kept.links, 'link', 'links'),
  ].filter((text) => text !== '');
  const what = left.length === 0 ? 'long texts shortened' : `${left.join(', ')} left out`;
  return `_(Too long for a GitHub comment: ${what}. The JSON report has this finding in full.)_`;
}

function countOf(count: number, one: string, many: string): string {
  if (count <= 0) return '';
  return `${count} ${count === 1 ? one : many}`;
}

/** The largest count in [0, max] for which `fits` holds, assuming it holds for 0 and is monotone. */
function largestFitting(max: number, fits: (count: number) => boolean): number {
  let low = 0;
  let high = max;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  fits(low);
  return low;
}
