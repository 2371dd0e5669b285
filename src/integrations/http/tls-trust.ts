/**
 * Which certificates one outside system may present, and the fetch that enforces it. Every
 * system gets its own trust (docs/tls-and-real-servers.md): the platform's CAs, plus a CA file of its own, or
 * one pinned certificate (a self-signed Nessus), or, only when asked for in so many words, none at all.
 *
 * The TLS handshake runs with the platform's verification reported rather than enforced, and the
 * connection is judged right after it, before a byte of the request is written: that way a refusal
 * can say which certificate was offered (its SHA-256 fingerprint) and which setting would fix it.
 */
import { X509Certificate } from 'node:crypto';
import { rootCertificates, type TLSSocket } from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import type { SystemName } from '../../runbook/evidence.js';

export interface TlsTrust {
  system: SystemName;
  /** How messages name it (`tenable`, `nessus scanner prod-dal09-infra-nessus-01`); default the system. */
  name?: string;
  /** Where its settings live in NESSUS_GAP_CONFIG: `tls.tenable`, `scanners.<name>.tls`. */
  setting: string;
  /** PEM text of extra CAs (from `caFile`), added to the platform's. */
  ca: string | null;
  /** The one certificate accepted, `AB:CD:…` (upper-case hex, colons), whatever its names and issuer. */
  fingerprint256: string | null;
  /** Verification off: any certificate is accepted (logged as a warning at every start). */
  insecure: boolean;
}

/** The platform's trust only: what a system without `tls` settings gets. */
export function platformTrust(system: SystemName, setting = `tls.${system}`): TlsTrust {
  return { system, setting, ca: null, fingerprint256: null, insecure: false };
}

/** `AB:CD:…` from 64 hex digits with or without colons (any case); null when it is not one. */
export function normalizeFingerprint256(text: string): string | null {
  const hex = text
    .trim()
    .replace(/^sha256\s*fingerprint\s*=\s*/i, '')
    .replace(/:/g, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)?.join(':') ?? null;
}

/** The certificates of a PEM text (at least one), or why it holds none. */
export function readPemCertificates(pem: string): { count: number } | { error: string } {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) return { error: 'no PEM certificate (-----BEGIN CERTIFICATE-----) in it' };
  for (const block of blocks) {
    try {
      new X509Certificate(block);
    } catch (error) {
      return { error: `a certificate in it cannot be read (${(error as Error).message})` };
    }
  }
  return { count: blocks.length };
}

export const TLS_UNTRUSTED = 'NESSUS_GAP_TLS_UNTRUSTED';

/**
 * A refused certificate. `code` is how callers recognise it across realms (fetch wraps it in its
 * own TypeError as `cause`); the message names the system, the host and the setting that fixes it.
 */
export class TlsTrustError extends Error {
  readonly code = TLS_UNTRUSTED;
  constructor(
    readonly system: SystemName,
    name: string,
    readonly host: string,
    /** The platform's reason (`self-signed certificate`) or the pin that did not match. */
    readonly reason: string,
    /** SHA-256 of the certificate the server offered, `AB:CD:…`, when it offered one. */
    readonly offered: string | null,
    readonly fix: string,
  ) {
    super(`${name}: the certificate of ${host} is not trusted (${reason}); ${fix}`);
    this.name = 'TlsTrustError';
  }
}

/** A TlsTrustError found in an error or its causes (read by shape: fetch errors may come from another realm). */
export function findTlsTrustError(error: unknown): TlsTrustError | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return null;
    if ((current as { code?: unknown }).code === TLS_UNTRUSTED) return current as TlsTrustError;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Node's verification codes in words a person recognises. */
const REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'signed by a CA this system is not told to trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'signed by a CA this system is not told to trust',
  UNABLE_TO_GET_ISSUER_CERT: 'signed by a CA this system is not told to trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'signed by a CA this system is not told to trust',
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the certificate is not issued for this host name',
};

function describeAuthorizationError(code: string): string {
  return REASONS[code] ?? code;
}

/** What to write in the configuration to trust what was offered. */
export function trustFix(trust: TlsTrust, offered: string | null, reason: string): string {
  const where = 'in NESSUS_GAP_CONFIG';
  if (trust.fingerprint256) {
    return `if the certificate was replaced on purpose, pin the new one: ${trust.setting}.fingerprint256: "${offered ?? '…'}" ${where}`;
  }
  const pin = `pin it with ${trust.setting}.fingerprint256: "${offered ?? '…'}"`;
  const ca = `set ${trust.setting}.caFile to the PEM file of the CA that issued it`;
  return reason === REASONS.DEPTH_ZERO_SELF_SIGNED_CERT
    ? `${pin} ${where} (or ${ca})`
    : `${ca} ${where} (or ${pin})`;
}

/** Judges a finished handshake: null when the connection may be used, else why not. */
export function judgeConnection(trust: TlsTrust, socket: TLSSocket, host: string): TlsTrustError | null {
  if (trust.insecure) return null;
  const raw = socket.getPeerCertificate();
  const offered = raw?.fingerprint256 ? raw.fingerprint256.toUpperCase() : null;
  let reason: string;
  if (trust.fingerprint256) {
    if (offered === trust.fingerprint256) return null;
    reason = `it offered ${offered ?? 'no certificate'}, which is not the pinned ${trust.setting}.fingerprint256 ${trust.fingerprint256}`;
  } else {
    if (socket.authorized) return null;
    reason = describeAuthorizationError(String(socket.authorizationError ?? 'not verified'));
  }
  return new TlsTrustError(
    trust.system,
    trust.name ?? trust.system,
    host,
    reason,
    offered,
    trustFix(trust, offered, reason),
  );
}

export interface TrustedFetch {
  fetch: typeof fetch;
  close(): Promise<void>;
}

/** A fetch whose HTTPS connections are judged by `trust` (plain HTTP passes through unchanged). */
export function createTrustedFetch(trust: TlsTrust): TrustedFetch {
  const base = buildConnector({
    rejectUnauthorized: false,
    // No session resumption: each connection shows its certificate and is judged afresh.
    maxCachedSessions: 0,
    ...(trust.ca ? { ca: [...rootCertificates, trust.ca] } : {}),
  });
  const agent = new Agent({
    connect: (options, callback) => {
      base(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no socket'), null);
        if (options.protocol !== 'https:') return callback(null, socket);
        const host = `${options.hostname}${options.port ? `:${options.port}` : ''}`;
        const refusal = judgeConnection(trust, socket as TLSSocket, host);
        if (!refusal) return callback(null, socket);
        socket.destroy();
        callback(refusal, null);
      });
    },
  });
  const trusted = ((input: string | URL | Request, init?: RequestInit) =>
    undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    })) as unknown as typeof fetch;
  return { fetch: trusted, close: () => agent.close() };
}
