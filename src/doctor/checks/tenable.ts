/**
 * Tenable.sc: the keys are accepted (`GET /currentUser`), belong to an organisation user (an
 * administrator can neither run analyses nor see asset lists' IPs), and that user may run the
 * sumip analysis, sees static asset lists and sees scan zones.
 */
import type { Config } from '../../config/index.js';
import { IntegrationError } from '../../errors.js';
import { TenableClient } from '../../integrations/tenable/tenable-client.js';
import { systemTrust } from '../../integrations/tls-from-config.js';
import type { Logger } from '../../logger.js';
import { Checklist, firstCall, notConfigured } from '../steps.js';
import type { DoctorCheck } from '../types.js';

const ORGANISATION_FIX =
  'generate API keys for an organisation user (e.g. a Security Manager of your organisation) with access to the repositories that hold the scans, and set TENABLE_SC_ACCESS_KEY and TENABLE_SC_SECRET_KEY to them';

export async function checkTenable(config: Config, logger: Logger): Promise<DoctorCheck[]> {
  const tenable = config.tenable;
  if (!tenable) return [notConfigured('tenable', 'TENABLE_SC_URL and its keys are not set')];
  const client = new TenableClient({
    baseUrl: tenable.url,
    accessKey: tenable.accessKey,
    secretKey: tenable.secretKey,
    tls: systemTrust(config, 'tenable'),
    timeoutMs: config.http.timeoutMs,
    retries: 0,
    logger,
  });
  const list = new Checklist('tenable');
  let user: Awaited<ReturnType<TenableClient['currentUser']>> | null = null;
  await firstCall(list, {
    url: tenable.url,
    tls: config.tls.tenable,
    setting: 'tls.tenable',
    call: async () => {
      user = await client.currentUser();
      return `as ${user.username ?? 'an unnamed user'}`;
    },
    // Any refusal of /currentUser is about the keys: every user may read itself.
    credentialsRejected: (error) =>
      error instanceof IntegrationError && (error.status === 401 || error.status === 403),
    credentialsFix:
      'TENABLE_SC_ACCESS_KEY / TENABLE_SC_SECRET_KEY are not accepted: generate API keys for the bot user (Users > the user > Generate API Key; API keys must be allowed under System > Configuration > Security)',
  });
  await list.step(
    'organisation user',
    async () => {
      const who = user;
      if (!who) throw new Error('the user could not be read');
      if (who.administrator) {
        throw new Error(
          `${who.username ?? 'this user'} is an administrator (${who.roleName ?? 'role 1'}): /analysis refuses administrators and /asset hides the lists' IPs from them`,
        );
      }
      return `${who.roleName ?? 'a role'} of ${who.organization ?? 'an organisation'}`;
    },
    () => ORGANISATION_FIX,
  );
  await list.step(
    'analysis',
    async () => {
      // An address of the documentation range: an answer, never a packet to it.
      await client.lastScans(['192.0.2.1']);
      return 'sumip analysis allowed';
    },
    () => 'give the user access to the repositories that hold the scans (its group in Tenable.sc)',
  );
  await list.step(
    'asset lists',
    async () => {
      const lists = await client.listAssetLists();
      if (lists.length === 0) throw new Error('no static asset list is visible to this user');
      return `${lists.length} static asset lists visible`;
    },
    () => "share the static asset lists of the scan targets with the user's group",
  );
  await list.step(
    'scan zones',
    async () => {
      const zones = await client.listScanZones();
      if (zones.length === 0) throw new Error('no scan zone is visible to this user');
      const scanners = await client.listScanners().catch(() => []);
      return `${zones.length} scan zones, ${scanners.length} scanners visible`;
    },
    () => "add the scan zones to the user's organisation (Organizations > Scan Zones)",
  );
  return list.checks;
}
