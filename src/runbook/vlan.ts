/**
 * VLAN name pairing, as the runbook checks it by eye: a machine's public (front) and private (back)
 * VLANs should carry the same name (`Prod/Carrier6` on both sides) or the same name with a side
 * marker (`Prod/CSMG/F` in front, `Prod/CSMG/B` at the back).
 */

/**
 * A trailing side marker after a separator: `/F`, `-B`, `_front`, `/back`, and the `pub`/`priv`
 * spellings some accounts use (`prod-pub` / `prod-priv`). Without a separator nothing is dropped, so
 * `Prod/CarrierB` stays a name of its own.
 */
const SIDE_MARKER = /[/_.\s-]+(?:f|b|front|back|frontend|backend|pub|priv|public|private)$/i;

/** The part of a VLAN name both sides must share; null for a missing or blank name. */
export function vlanStem(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) return null;
  const stem = trimmed.replace(SIDE_MARKER, '').trim();
  return (stem || trimmed).toLowerCase();
}

export type VlanPairing = 'pair' | 'mismatch' | 'unknown';

/**
 * How two VLAN names relate. `unknown` when either name is missing: many VLANs have no customer
 * name, and a missing name proves neither a pair nor a mismatch, so the rules claim neither.
 */
export function vlanPairing(a: string | null | undefined, b: string | null | undefined): VlanPairing {
  const stemA = vlanStem(a);
  const stemB = vlanStem(b);
  if (stemA === null || stemB === null) return 'unknown';
  return stemA === stemB ? 'pair' : 'mismatch';
}

/**
 * True when both names are known and pair (equal, or equal once a trailing front/back marker is
 * dropped; case-insensitive). False when they do not pair AND when either is unknown: callers that
 * must tell "mismatch" from "cannot tell" use `vlanPairing`.
 */
export function vlansPair(a: string | null, b: string | null): boolean {
  return vlanPairing(a, b) === 'pair';
}
