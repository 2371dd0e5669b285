/**
 * The checks of one system, run in order: reaching it, trusting its certificate and being accepted
 * by it come from the first call; what the credentials allow comes after. Once a check fails, the
 * ones that depend on it are reported as skipped, so one fault turns exactly one line red.
 */

import type { TlsConfig } from '../config/index.js';
import { ErrorCode, errorMessage, IntegrationError } from '../errors.js';
import { findTlsTrustError } from '../integrations/http/tls-trust.js';
import type { DoctorCheck } from './types.js';

export class Checklist {
  readonly checks: DoctorCheck[] = [];
  private blockedBy: string | null = null;

  constructor(private readonly system: string) {}

  pass(check: string, detail: string): void {
    this.checks.push({ system: this.system, check, ok: true, detail });
  }

  fail(check: string, detail: string, fix: string): void {
    this.checks.push({ system: this.system, check, ok: false, detail, fix });
    this.blockedBy ??= check;
  }

  /** Runs a check unless an earlier one failed; `run` returns the detail or throws a failure. */
  async step(check: string, run: () => Promise<string>, fix: (error: unknown) => string): Promise<boolean> {
    if (this.blockedBy !== null) {
      this.checks.push({
        system: this.system,
        check,
        ok: true,
        skipped: true,
        detail: `not checked: ${this.blockedBy} failed`,
      });
      return false;
    }
    try {
      this.pass(check, await run());
      return true;
    } catch (error) {
      this.fail(check, errorMessage(error), fix(error));
      return false;
    }
  }

  skip(check: string, why: string): void {
    this.checks.push({ system: this.system, check, ok: true, skipped: true, detail: why });
  }

  get failed(): boolean {
    return this.blockedBy !== null;
  }

  /** The first check that failed, or null. */
  get blocker(): string | null {
    return this.blockedBy;
  }
}

export type ConnectionFault = 'unreachable' | 'certificate' | 'credentials' | null;

/** Which of the first three checks a failed first call belongs to (null: none of them). */
export function connectionFault(
  error: unknown,
  credentialsRejected: (error: unknown) => boolean,
): ConnectionFault {
  if (
    findTlsTrustError(error) ||
    (error instanceof IntegrationError && error.code === ErrorCode.TlsUntrusted)
  ) {
    return 'certificate';
  }
  if (credentialsRejected(error)) return 'credentials';
  if (error instanceof IntegrationError && error.status === null) return 'unreachable';
  if (error instanceof IntegrationError && error.code === ErrorCode.Timeout) return 'unreachable';
  return null;
}

export const isStatus =
  (...statuses: number[]) =>
  (error: unknown): boolean =>
    error instanceof IntegrationError && error.status !== null && statuses.includes(error.status);

/** How the configured trust reads in a detail line. */
export function trustDetail(url: string, tls: TlsConfig): string {
  if (!url.startsWith('https:')) return 'plain HTTP: no certificate to check';
  if (tls.fingerprint256)
    return `pinned certificate ${tls.fingerprint256.slice(0, 11)}…${tls.fingerprint256.slice(-5)}`;
  if (tls.caFile) return `trusted (CA file ${tls.caFile})`;
  return "trusted (the platform's CAs)";
}

export interface FirstCall {
  /** How to reach it, for the `reachable` line: `https://sc.example.com`. */
  url: string;
  tls: TlsConfig;
  /** Where trust is set: `tls.tenable`. */
  setting: string;
  /** What accepted credentials look like in words: `as nessus-gap (Security Manager)`. */
  call: () => Promise<string>;
  credentialsRejected: (error: unknown) => boolean;
  credentialsFix: string;
}

/**
 * The `reachable`, `certificate` and `credentials` lines from one call. `insecure: true` fails the
 * certificate line after the call (it works, but nothing is verified).
 */
export async function firstCall(list: Checklist, first: FirstCall): Promise<boolean> {
  let accepted: string | null = null;
  let failure: unknown = null;
  try {
    accepted = await first.call();
  } catch (error) {
    failure = error;
  }
  const fault = failure === null ? null : connectionFault(failure, first.credentialsRejected);
  if (fault === 'unreachable') {
    list.fail(
      'reachable',
      errorMessage(failure),
      `check ${first.url}: the host, the port, and that this machine may connect to it (proxy, firewall)`,
    );
  } else {
    list.pass('reachable', `reached ${first.url}`);
  }
  if (fault === 'certificate') {
    const refusal = findTlsTrustError(failure) ?? findTlsTrustError((failure as { cause?: unknown }).cause);
    list.fail(
      'certificate',
      refusal ? `not trusted: ${refusal.reason}` : errorMessage(failure),
      refusal?.fix ?? errorMessage(failure),
    );
  } else if (list.failed) {
    list.skip('certificate', 'not checked: reachable failed');
  } else if (first.tls.insecure && first.url.startsWith('https:')) {
    list.fail(
      'certificate',
      `not verified (${first.setting}.insecure: true)`,
      `remove ${first.setting}.insecure and pin the certificate with ${first.setting}.fingerprint256 (openssl s_client -connect HOST:PORT </dev/null | openssl x509 -noout -fingerprint -sha256 prints it)`,
    );
  } else {
    list.pass('certificate', trustDetail(first.url, first.tls));
  }
  if (fault === 'credentials') {
    list.fail('credentials', `rejected: ${errorMessage(failure)}`, first.credentialsFix);
    return false;
  }
  if (list.failed) {
    list.skip('credentials', `not checked: ${list.blocker} failed`);
    return false;
  }
  if (failure !== null) {
    list.fail('credentials', errorMessage(failure), first.credentialsFix);
    return false;
  }
  list.pass('credentials', `accepted ${accepted}`);
  return true;
}

/** A system that is not configured: one passing line that says so. */
export function notConfigured(system: string, what: string): DoctorCheck {
  return { system, check: 'configured', ok: true, detail: `not configured (${what}): nothing to check` };
}
