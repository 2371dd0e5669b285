/**
 * The configuration's `tls` settings as each adapter's trust, and the warning an operator sees at
 * every start for a system whose certificate is not checked at all.
 */
import type { Config, TlsConfig, TlsSystemName } from '../config/index.js';
import type { Logger } from '../logger.js';
import type { TlsTrust } from './http/tls-trust.js';

function trustOf(settings: TlsConfig, trust: Pick<TlsTrust, 'system' | 'setting' | 'name'>): TlsTrust {
  return {
    ...trust,
    ca: settings.ca,
    fingerprint256: settings.fingerprint256,
    insecure: settings.insecure,
  };
}

export function systemTrust(config: Pick<Config, 'tls'>, system: TlsSystemName): TlsTrust {
  return trustOf(config.tls[system], { system, setting: `tls.${system}` });
}

export function scannerTrust(config: Pick<Config, 'scanners'>, scanner: string): TlsTrust {
  const settings = config.scanners[scanner]?.tls ?? {
    caFile: null,
    ca: null,
    fingerprint256: null,
    insecure: false,
  };
  return trustOf(settings, {
    system: 'nessus',
    name: `nessus scanner ${scanner}`,
    setting: `scanners.${scanner}.tls`,
  });
}

/** One warning per system whose certificate is not verified (`insecure: true`). */
export function warnInsecure(config: Pick<Config, 'tls' | 'scanners'>, logger: Logger): string[] {
  const settings = [
    ...Object.entries(config.tls).map(([system, tls]) => [`tls.${system}`, tls] as const),
    ...Object.entries(config.scanners).map(([name, s]) => [`scanners.${name}.tls`, s.tls] as const),
  ];
  const insecure = settings.filter(([, tls]) => tls.insecure).map(([path]) => path);
  for (const path of insecure) {
    logger.warn(
      { setting: `${path}.insecure` },
      `${path}.insecure is true: the certificate of that system is NOT verified, so anyone in the network path can read and change its answers; pin the certificate with ${path}.fingerprint256 instead`,
    );
  }
  return insecure;
}
