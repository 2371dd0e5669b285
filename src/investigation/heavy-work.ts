/**
 * The long synchronous steps of an investigation, behind one interface: parsing the gap report,
 * diagnosing every target and rendering the report's issue comments. The composition root gives a
 * pool of worker threads (src/workers/), so a slash command's ack never waits for them; without
 * one (the command line, tests that build their own deps) they run here, cut into turns of the loop.
 */
import { type DiagnosisContext, diagnose } from '../runbook/diagnose.js';
import type { Evidence } from '../runbook/evidence.js';
import type { Finding, InvestigationReport } from '../runbook/finding.js';
import type { Target } from '../runbook/model.js';
import { parseGapReport } from '../runbook/parse-gap-report.js';
import { renderIssueComments } from '../runbook/report/markdown.js';
import { mapInTurns, yieldToLoop } from './yield-to-loop.js';

export interface HeavyWork {
  parseGapReport(body: string): Promise<Target[]>;
  diagnose(evidence: readonly Evidence[], context: DiagnosisContext): Promise<Finding[]>;
  /** The report's issue comments, in posting order (src/runbook/report/markdown.ts). */
  issueComments(report: InvestigationReport): Promise<string[]>;
}

/** The same work on this thread, giving the loop a turn between steps. */
export const inThread: HeavyWork = {
  async parseGapReport(body) {
    await yieldToLoop();
    return parseGapReport(body);
  },
  diagnose: (evidence, context) => mapInTurns(evidence, (e) => diagnose(e, context)),
  async issueComments(report) {
    await yieldToLoop();
    return renderIssueComments(report);
  },
};
