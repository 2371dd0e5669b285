/**
 * VLAN name pairing, as the runbook checks it by eye: a machine's public (front) and private (back)
 * VLANs should carry the same name (`Prod/Carrier6` on both sides) or the same name with a side
 * marker (`Prod/CSMG/F` in front, `Prod/CSMG/B` at the back).
 */

/**
 * A side marker is a whole part of the name between separators: `F`, `B`, `front`, `back`, and the
 * `pub`/`priv` spellings some accounts use, with the VLAN's number after it (`pub01`, `priv01`).
 * Inside a part nothing is a marker, so `Prod/CarrierB` stays a name of its own.
 */
const SEPARATORS = /([/_.\s-]+)/;
const SIDE_MARKER = /^(?:f|b|front|back|frontend|backend|pub|priv|public|private)\d*$/i;

/**
 * The part of a VLAN name both sides must share: the name without its first side marker, so
 * `Prod/CSMG/F` and `Prod/CSMG/B` give `prod/csmg`, and `prod-wdc04-carrier3-pub01` and
 * `prod-wdc04-carrier3-priv01` give `prod-wdc04-carrier3`. Null for a missing or blank name.
 */
export function vlanStem(name: string | null | undefined): string | null {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) return null;
  const parts = trimmed.split(SEPARATORS);
  const marker = parts.findIndex((part, index) => index % 2 === 0 && SIDE_MARKER.test(part));
  if (marker < 0) return trimmed.toLowerCase();
  // Drop the marker with the separator before it (or after it, for a leading marker).
  const kept = marker === 0 ? parts.slice(2) : [...parts.slice(0, marker - 1), ...parts.slice(marker + 1)];
  const stem = kept.join('').trim();
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
