/**
 * What `nessus-gap doctor` reports (docs/contract.md section 9): one line per check, with the fix in
 * words when it fails. A check that could not run because an earlier one failed is `skipped`
 * (reported, not failed: fixing the failed one will run it).
 */
export interface DoctorCheck {
  /** `github`, `slack`, `softlayer`, `tenable`, `nessus:NAME`, `inventory`, `probe`. */
  system: string;
  check: string;
  ok: boolean;
  detail: string;
  /** Present when `ok` is false. */
  fix?: string;
  /** Not run: an earlier check of the same system failed. */
  skipped?: true;
}

export interface DoctorReport {
  ok: boolean;
  checks: DoctorCheck[];
}
