/**
 * The vocabulary of the runbook, shared by every layer. Category and action names come from their
 * registries (src/runbook/categories/, src/runbook/actions/); their string values are part of the
 * stable JSON contract (docs/contract.md section 4): never rename them.
 */
export {
  ACTIONS,
  type ActionName,
  type ActionVerb,
  isActionName,
  isActionVerb,
} from './actions/index.js';
export { CATEGORIES, type Category, isCategory } from './categories/index.js';

export type InterfaceKind = 'public' | 'private' | 'management' | 'unknown';

/** One unscanned IP as the gap report lists it (docs/contract.md section 3). */
export interface Target {
  ip: string;
  interface: InterfaceKind;
  hostname: string | null;
  environment: string | null;
  /** The report says the scan was never attempted on this interface. */
  neverScanned: boolean;
  /** Last scan date from the report, `YYYY-MM-DD`. */
  lastScan: string | null;
  /**
   * Environments other rows of the report name for the same IP, when they disagree with
   * `environment` (not part of `parse`'s output: the investigation settles them by location).
   */
  otherEnvironments?: string[];
}

/** A target as `parse` prints it: the stable fields only. */
export function contractTarget(target: Target): Omit<Target, 'otherEnvironments'> {
  const { ip, interface: kind, hostname, environment, neverScanned, lastScan } = target;
  return { ip, interface: kind, hostname, environment, neverScanned, lastScan };
}
