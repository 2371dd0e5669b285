/**
 * Each configured Nessus scanner: reachable, its certificate trusted (Nessus makes its own
 * self-signed one), its keys accepted, and what `GET /server/status` says.
 */
import type { Config } from '../../config/index.js';
import { NessusClient } from '../../integrations/nessus/nessus-client.js';
import { scannerTrust } from '../../integrations/tls-from-config.js';
import type { Logger } from '../../logger.js';
import { Checklist, firstCall, isStatus } from '../steps.js';
import type { DoctorCheck } from '../types.js';

export async function checkNessus(config: Config, logger: Logger): Promise<DoctorCheck[]> {
  const names = Object.keys(config.scanners).sort();
  const results = await Promise.all(names.map((name) => checkScanner(config, name, logger)));
  return results.flat();
}

async function checkScanner(config: Config, name: string, logger: Logger): Promise<DoctorCheck[]> {
  const scanner = config.scanners[name];
  if (!scanner) return [];
  const client = new NessusClient({
    scanners: {
      [name]: {
        url: scanner.url,
        ...(scanner.accessKey ? { accessKey: scanner.accessKey } : {}),
        ...(scanner.secretKey ? { secretKey: scanner.secretKey } : {}),
        tls: scannerTrust(config, name),
      },
    },
    timeoutMs: config.http.timeoutMs,
    retries: 0,
    logger,
  });
  const list = new Checklist(`nessus:${name}`);
  let status = '';
  let ready = false;
  await firstCall(list, {
    url: scanner.url,
    tls: scanner.tls,
    setting: `scanners.${name}.tls`,
    call: async () => {
      const health = await client.status(name);
      status = health.status;
      ready = health.ready;
      return scanner.accessKey ? 'API keys' : '(no API keys configured)';
    },
    credentialsRejected: isStatus(401, 403),
    credentialsFix: `the API keys of scanners.${name} are not accepted: generate them on the scanner (Settings > My Account > API Keys) and set accessKey and secretKey`,
  });
  await list.step(
    'status',
    async () => (ready ? 'ready' : `answers: ${status} (not ready: scans wait until it is)`),
    () => '',
  );
  return list.checks;
}
