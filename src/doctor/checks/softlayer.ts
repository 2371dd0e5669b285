/**
 * Each IBM Cloud classic infrastructure account: the API key is accepted, and hardware, virtual
 * guests and subnets can be read with the very masks the bot uses (a field the user may not see
 * fails the call, as on the real API). One SoftLayerClient per account.
 */
import type { Config, SoftLayerAccountConfig } from '../../config/index.js';
import { SoftLayerClient } from '../../integrations/softlayer/softlayer-client.js';
import { systemTrust } from '../../integrations/tls-from-config.js';
import type { Logger } from '../../logger.js';
import { Checklist, firstCall, isStatus, notConfigured } from '../steps.js';
import type { DoctorCheck } from '../types.js';

const LISTS = [
  ['hardware', 'hardware'],
  ['virtualGuests', 'virtual guests'],
  ['subnets', 'subnets'],
] as const;

export async function checkSoftLayer(config: Config, logger: Logger): Promise<DoctorCheck[]> {
  if (!config.softlayer)
    return [notConfigured('softlayer', 'SOFTLAYER_USERNAME and SOFTLAYER_API_KEY are not set')];
  const results = await Promise.all(
    config.softlayer.accounts.map((account, index) => checkAccount(config, account, index, logger)),
  );
  return results.flat();
}

async function checkAccount(
  config: Config,
  account: SoftLayerAccountConfig,
  index: number,
  logger: Logger,
): Promise<DoctorCheck[]> {
  const client = new SoftLayerClient({
    baseUrl: account.apiUrl,
    username: account.username,
    apiKey: account.apiKey,
    tls: systemTrust(config, 'softlayer'),
    timeoutMs: config.http.timeoutMs,
    retries: 0,
    logger,
  });
  const variables =
    index === 0
      ? 'SOFTLAYER_USERNAME / SOFTLAYER_API_KEY'
      : `SOFTLAYER_${account.name.toUpperCase()}_USERNAME / _API_KEY`;
  const list = new PrefixedChecklist(account.name);
  const accepted = await firstCall(list.inner, {
    url: account.apiUrl,
    tls: config.tls.softlayer,
    setting: 'tls.softlayer',
    call: async () => {
      const count = await client.sampleList('hardware');
      return `as ${account.username} (${count} hardware servers)`;
    },
    credentialsRejected: isStatus(401),
    credentialsFix: `${variables} of account ${account.name} are not accepted: create a classic infrastructure API key for that user (IBM Cloud > Manage > Access (IAM) > API keys) and export it`,
  });
  for (const [key, words] of LISTS) {
    await list.inner.step(
      `${account.name}: ${words}`,
      async () => {
        const count = await client.sampleList(key);
        return `readable with the bot's mask (${count})`;
      },
      () =>
        `give ${account.username} the permissions to view ${words} of account ${account.name} (Manage > Access (IAM) > Users > Classic infrastructure)`,
    );
  }
  void accepted;
  return list.checks();
}

/** The first three lines named after the account too: `ALC: credentials`. */
class PrefixedChecklist {
  readonly inner = new Checklist('softlayer');
  constructor(private readonly account: string) {}
  checks(): DoctorCheck[] {
    return this.inner.checks.map((check) =>
      check.check.startsWith(`${this.account}: `)
        ? check
        : { ...check, check: `${this.account}: ${check.check}` },
    );
  }
}
