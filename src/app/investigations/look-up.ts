import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';

/** What a button or a command names an investigation by. */
export interface InvestigationRef {
  /** Set when the button carries it; else the issue's active investigation is meant. */
  id?: number;
  repo: string;
  issueNumber: number;
}

/** The investigation `ref` names, or null when the bot has none (or the id is another issue's). */
export async function lookUpInvestigation(
  deps: Pick<AppContext, 'store'>,
  ref: InvestigationRef,
): Promise<InvestigationRecord | null> {
  const record =
    ref.id === undefined
      ? await deps.store.findActiveInvestigation(ref.repo, ref.issueNumber)
      : await deps.store.getInvestigation(ref.id);
  return record && record.repo === ref.repo && record.issueNumber === ref.issueNumber ? record : null;
}
