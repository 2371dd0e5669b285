/** The inventory API (docs/contract.md section 7): the token is accepted and a look-up by IP answers. */
import type { Config } from '../../config/index.js';
import { InventoryClient } from '../../integrations/inventory/inventory-client.js';
import { systemTrust } from '../../integrations/tls-from-config.js';
import type { Logger } from '../../logger.js';
import { Checklist, firstCall, isStatus, notConfigured } from '../steps.js';
import type { DoctorCheck } from '../types.js';

export async function checkInventory(config: Config, logger: Logger): Promise<DoctorCheck[]> {
  const inventory = config.inventory;
  if (!inventory) return [notConfigured('inventory', 'INVENTORY_API_URL is not set: guided manual mode')];
  const client = new InventoryClient({
    baseUrl: inventory.apiUrl,
    token: inventory.token,
    tls: systemTrust(config, 'inventory'),
    timeoutMs: config.http.timeoutMs,
    retries: 0,
    logger,
  });
  const list = new Checklist('inventory');
  await firstCall(list, {
    url: inventory.apiUrl,
    tls: config.tls.inventory,
    setting: 'tls.inventory',
    call: async () => {
      // An address of the documentation range: a read that finds nothing, and changes nothing.
      await client.findByIp('192.0.2.1');
      return 'token; GET /servers?ip= answers';
    },
    credentialsRejected: isStatus(401, 403),
    credentialsFix:
      'INVENTORY_API_TOKEN is not accepted: issue a token for the bot in the inventory and export it',
  });
  return list.checks;
}
