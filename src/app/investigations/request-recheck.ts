/**
 * A person asks for a re-check (a button, or `/nessus-gap recheck N`): of an investigation the bot
 * has, once its findings are out, through the gate that joins and limits re-checks.
 */
import type { InvestigationRecord } from '../../store/store.js';
import type { AppContext } from '../context.js';
import { type InvestigationRef, lookUpInvestigation } from './look-up.js';
import type { RecheckResult } from './recheck.js';

export interface RecheckAsk {
  investigation: InvestigationRef;
  onlyIp?: string;
  requestedBy: string;
}

export type RecheckAnswer =
  | { kind: 'unknown'; repo: string; issueNumber: number }
  | { kind: 'still_running'; record: InvestigationRecord }
  | { kind: 'limited'; record: InvestigationRecord; message: string }
  | { kind: 'started'; record: InvestigationRecord; done: Promise<RecheckResult> }
  | { kind: 'joined'; record: InvestigationRecord; startedBy: string; done: Promise<RecheckResult> };

export async function requestRecheck(
  deps: Pick<AppContext, 'store' | 'rechecks'>,
  ask: RecheckAsk,
): Promise<RecheckAnswer> {
  const record = await lookUpInvestigation(deps, ask.investigation);
  if (!record)
    return { kind: 'unknown', repo: ask.investigation.repo, issueNumber: ask.investigation.issueNumber };
  if (record.status === 'running') return { kind: 'still_running', record };
  const outcome = await deps.rechecks.request(record, {
    ...(ask.onlyIp ? { onlyIp: ask.onlyIp } : {}),
    requestedBy: ask.requestedBy,
  });
  return { ...outcome, record };
}
