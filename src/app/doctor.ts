/**
 * The doctor asked from chat: only for the people allowed to act (its table names hosts, users and
 * settings). The checks themselves are src/doctor/'s, run by what the composition root gives.
 */
import type { DoctorReport } from '../doctor/types.js';
import { errorMessage } from '../errors.js';
import type { AppContext } from './context.js';

export type DoctorAnswer =
  | { kind: 'not_authorised'; allowed: string }
  | { kind: 'report'; report: DoctorReport }
  | { kind: 'failed'; reason: string };

export async function doctorFor(
  deps: Pick<AppContext, 'authorizer'> & { runDoctor: () => Promise<DoctorReport> },
  userId: string,
): Promise<DoctorAnswer> {
  if (!(await deps.authorizer.isAuthorized(userId))) {
    return { kind: 'not_authorised', allowed: deps.authorizer.describe() };
  }
  try {
    return { kind: 'report', report: await deps.runDoctor() };
  } catch (error) {
    return { kind: 'failed', reason: errorMessage(error) };
  }
}
