/**
 * Pinned SSH host keys. A scanner's key is pinned by its SHA-256 fingerprint, in the form
 * `ssh-keygen -lf` prints (`SHA256:` + unpadded base64) or as 64 hex digits (colons allowed).
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** The 32-byte digest a pinned fingerprint names, or null when it is in neither form. */
export function parsePinnedFingerprint(pinned: string): Buffer | null {
  const text = pinned.trim();
  const base64 = /^SHA256:([A-Za-z0-9+/]{43})=?$/.exec(text);
  if (base64?.[1]) return Buffer.from(base64[1], 'base64');
  const hex = text.replace(/:/g, '');
  if (/^[0-9a-fA-F]{64}$/.test(hex)) return Buffer.from(hex, 'hex');
  return null;
}

/** SHA-256 of a host key blob, as `ssh-keygen -lf` shows it. */
export function fingerprintOf(hostKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(hostKey).digest('base64').replace(/=+$/, '')}`;
}

export function matchesPinned(hostKey: Buffer, pinnedDigest: Buffer): boolean {
  const digest = createHash('sha256').update(hostKey).digest();
  return digest.length === pinnedDigest.length && timingSafeEqual(digest, pinnedDigest);
}
