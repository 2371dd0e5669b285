/** Every configured Nessus scanner, asked now: ready or not, or not answering. */
import { errorMessage } from '../errors.js';
import type { AppContext } from './context.js';

export type ScannerState =
  | { name: string; answered: true; ready: boolean; status: string }
  | { name: string; answered: false; error: string };

export async function scannerStates(deps: Pick<AppContext, 'ports'>): Promise<ScannerState[]> {
  return Promise.all(
    deps.ports.scanners.configured().map(async (name): Promise<ScannerState> => {
      try {
        const health = await deps.ports.scanners.status(name);
        return { name, answered: true, ready: health.ready, status: health.status };
      } catch (error) {
        return { name, answered: false, error: errorMessage(error) };
      }
    }),
  );
}
