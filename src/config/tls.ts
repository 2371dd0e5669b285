/**
 * The `tls` settings of NESSUS_GAP_CONFIG made ready to use: CA files read and checked now (a bad
 * path is a configuration problem, not a failure at the first call), and `insecure: true` refused
 * in production (NODE_ENV=production, as the Docker image runs).
 */
import { errorMessage } from '../errors.js';
import { readPemCertificates } from '../integrations/http/tls-trust.js';
import { type ConfigFile, TLS_SYSTEMS, type TlsFileSettings } from './file-schema.js';
import type { ReadFile } from './read-config-file.js';
import type { TlsConfig, TlsSystemName } from './types.js';

export interface TlsSettings {
  systems: Record<TlsSystemName, TlsConfig>;
  scanner(name: string): TlsConfig;
  problems: string[];
}

const PLATFORM: TlsConfig = Object.freeze({ caFile: null, ca: null, fingerprint256: null, insecure: false });

export function buildTls(file: ConfigFile, readFile: ReadFile, production: boolean): TlsSettings {
  const problems: string[] = [];
  const where = (path: string) => `NESSUS_GAP_CONFIG: ${path}`;
  const resolve = (settings: TlsFileSettings | undefined, path: string): TlsConfig => {
    if (!settings) return PLATFORM;
    if (settings.insecure && production) {
      problems.push(
        `${where(`${path}.insecure`)}: certificate verification cannot be turned off in production (NODE_ENV=production); ` +
          `pin the certificate with ${path}.fingerprint256 or give its CA with ${path}.caFile.`,
      );
    }
    let ca: string | null = null;
    if (settings.caFile !== undefined) {
      try {
        ca = readFile(settings.caFile);
        const read = readPemCertificates(ca);
        if ('error' in read) {
          problems.push(`${where(`${path}.caFile`)}: ${settings.caFile}: ${read.error}.`);
          ca = null;
        }
      } catch (error) {
        problems.push(`${where(`${path}.caFile`)}: cannot read ${settings.caFile} (${errorMessage(error)}).`);
      }
    }
    return {
      caFile: settings.caFile ?? null,
      ca,
      fingerprint256: settings.fingerprint256 ?? null,
      insecure: settings.insecure === true,
    };
  };
  const systems = Object.fromEntries(
    TLS_SYSTEMS.map((system) => [system, resolve(file.tls?.[system], `tls.${system}`)]),
  ) as Record<TlsSystemName, TlsConfig>;
  const scanners = new Map(
    Object.entries(file.scanners ?? {}).map(([name, scanner]) => [
      name,
      resolve(scanner.tls, `scanners.${name}.tls`),
    ]),
  );
  return { systems, scanner: (name) => scanners.get(name) ?? PLATFORM, problems };
}
