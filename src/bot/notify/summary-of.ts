import type { InvestigationRecord } from '../../store/store.js';
import { renderSummary, type SummaryInput } from '../render/summary.js';

/** The summary message of an investigation in one of its states. */
export function summaryOf(
  record: InvestigationRecord,
  state: Omit<SummaryInput, 'issue' | 'investigationId'>,
) {
  return renderSummary({
    issue: { repo: record.repo, number: record.issueNumber, title: record.title },
    investigationId: record.id,
    ...state,
  });
}
