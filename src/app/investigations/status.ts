/** What the bot is working on: the investigations still open or running. */
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';

export function activeInvestigations(deps: Pick<AppContext, 'store'>): Promise<InvestigationRecord[]> {
  return deps.store.listActiveInvestigations();
}
