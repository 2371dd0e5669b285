import { errorMessage } from '../errors.js';
import { type Check, type CheckName, failed, ok, type SystemName } from '../runbook/evidence.js';

/** Runs one upstream check and turns its failure into a `Check` that names it, instead of throwing. */
export async function settle<T>(
  check: CheckName,
  system: SystemName,
  run: () => Promise<T>,
): Promise<Check<T>> {
  try {
    return ok(await run());
  } catch (error) {
    return failed(check, system, errorMessage(error));
  }
}

/** Maps an ok check's value, keeping a failure as it is. */
export function mapCheck<T, U>(check: Check<T>, map: (value: T) => U): Check<U> {
  return check.status === 'ok' ? ok(map(check.value)) : check;
}
