/**
 * Every configured SoftLayer account behind one `InfraApi`: look-ups go to the account asked, and
 * changes to the account that holds the device. Each account has its own client (credentials,
 * retries, ticket subject cache).
 */
import { InputError } from '../../errors.js';
import type {
  AccountDevice,
  DeviceRef,
  InfraAccountApi,
  InfraApi,
  ListDevicesOptions,
} from '../../investigation/ports.js';
import type { AccountSubnet } from '../../runbook/evidence.js';

export class SoftLayerAccounts implements InfraApi {
  readonly accounts: readonly string[];
  private readonly clients: ReadonlyMap<string, InfraAccountApi>;

  /** `clients` in the configuration's order: the account of SOFTLAYER_USERNAME first. */
  constructor(clients: readonly (readonly [name: string, client: InfraAccountApi])[]) {
    if (clients.length === 0) throw new InputError('at least one SoftLayer account is needed');
    this.accounts = Object.freeze(clients.map(([name]) => name));
    this.clients = new Map(clients);
  }

  listDevices(account: string, options?: ListDevicesOptions): Promise<AccountDevice[]> {
    return this.client(account).listDevices(options);
  }

  listSubnets(account: string): Promise<AccountSubnet[]> {
    return this.client(account).listSubnets();
  }

  powerOn(device: DeviceRef): Promise<void> {
    return this.client(device.account).powerOn({ kind: device.kind, id: device.id });
  }

  reboot(device: DeviceRef): Promise<void> {
    return this.client(device.account).reboot({ kind: device.kind, id: device.id });
  }

  createTicket(request: { title: string; body: string; device: DeviceRef | null }): Promise<{ id: number }> {
    const { device } = request;
    const account = device?.account ?? (this.accounts[0] as string);
    return this.client(account).createTicket({
      title: request.title,
      body: request.body,
      device: device ? { kind: device.kind, id: device.id } : null,
    });
  }

  addTicketUpdate(account: string, ticketId: number, entry: string): Promise<void> {
    return this.client(account).addTicketUpdate(ticketId, entry);
  }

  private client(account: string): InfraAccountApi {
    const client = this.clients.get(account);
    if (!client) {
      throw new InputError(
        `no SoftLayer account named ${account} is configured (known: ${this.accounts.join(', ')})`,
      );
    }
    return client;
  }
}
