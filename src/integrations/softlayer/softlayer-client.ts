/**
 * IBM Cloud classic infrastructure (SoftLayer) behind `InfraApi`: every device and subnet of the
 * account in a few paged calls, hardware power states only for the devices that matter, power-on,
 * and support tickets. Speaks the REST API as docs/outside-apis.md section 1 describes it.
 */
import { z } from 'zod';
import { ErrorCode, InputError, IntegrationError } from '../../errors.js';
import type { AccountDevice, InfraAccountApi, ListDevicesOptions } from '../../investigation/ports.js';
import type { Logger } from '../../logger.js';
import { mapConcurrent } from '../../map-concurrent.js';
import type { AccountSubnet } from '../../runbook/evidence.js';
import { HttpClient, type TransportOptions, transportOptions } from '../http/http-client.js';
import { classifySoftLayer } from './classify.js';
import {
  deviceIps,
  type MappingContext,
  mapHardware,
  mapSubnet,
  mapVirtualGuest,
  type PowerReading,
  serverPowerState,
} from './map-device.js';
import { HARDWARE_MASK, orderByIdFilter, SUBNET_MASK, VIRTUAL_GUEST_MASK } from './masks.js';
import {
  commandResultSchema,
  createdTicketSchema,
  hardwareSchema,
  type SoftLayerHardware,
  serverPowerStateSchema,
  subnetSchema,
  ticketSubjectSchema,
  virtualGuestSchema,
} from './schemas.js';

export interface SoftLayerClientOptions extends TransportOptions {
  /** The account's name as the configuration gives it (devices and subnets carry it). Default `ALC`. */
  account?: string;
  /** `https://api.softlayer.com/rest/v3.1`; `/rest/v3.1` is added when the URL has no `/rest/v3...` path. */
  baseUrl: string;
  username: string;
  apiKey: string;
  /** Objects per page of the account lists (default 100). */
  pageSize?: number;
  /** Pages fetched at once after the first (which gives the total). Default 4. */
  pageConcurrency?: number;
  /** getServerPowerState calls in flight at once. Default 8. */
  powerStateConcurrency?: number;
  /**
   * Deadline of one getServerPowerState call (default 5000 ms), not retried when unanswered:
   * SoftLayer asks the server's management card (IPMI), and a card that does not answer would
   * otherwise cost every retry its full timeout.
   */
  powerStateTimeoutMs?: number;
  /** Subject of the tickets the bot opens (looked up by name once). Default `Hardware Issue`. */
  ticketSubject?: string;
}

type DeviceRef = { kind: 'hardware' | 'virtual'; id: number };

const SERVICE: Record<DeviceRef['kind'], string> = {
  hardware: 'SoftLayer_Hardware_Server',
  virtual: 'SoftLayer_Virtual_Guest',
};

export class SoftLayerClient implements InfraAccountApi {
  private readonly http: HttpClient;
  private readonly log: Logger;
  private readonly pageSize: number;
  private readonly pageConcurrency: number;
  private readonly powerStateConcurrency: number;
  private readonly powerStateTimeoutMs: number;
  private readonly ticketSubject: string;
  private subjectId: Promise<number> | null = null;
  private readonly account: string;

  constructor(options: SoftLayerClientOptions) {
    this.account = options.account ?? 'ALC';
    this.log = options.logger.child({ system: 'softlayer', account: this.account });
    this.pageSize = options.pageSize ?? 100;
    this.pageConcurrency = options.pageConcurrency ?? 4;
    this.powerStateConcurrency = options.powerStateConcurrency ?? 8;
    this.powerStateTimeoutMs = options.powerStateTimeoutMs ?? 5000;
    this.ticketSubject = options.ticketSubject ?? 'Hardware Issue';
    const basic = Buffer.from(`${options.username}:${options.apiKey}`).toString('base64');
    this.http = new HttpClient({
      system: 'softlayer',
      baseUrl: softLayerBaseUrl(options.baseUrl),
      headers: { authorization: `Basic ${basic}` },
      secrets: [options.apiKey],
      ...transportOptions(options),
      classify: classifySoftLayer,
    });
  }

  /**
   * Hardware and virtual guests of the account. Hardware power needs one call per server, so it is
   * asked only for servers with an IP in `powerStateForIps` (every server when the option is
   * absent); the others report `unknown`.
   */
  async listDevices(options: ListDevicesOptions = {}): Promise<AccountDevice[]> {
    const hardwareWithPower = this.listAll('getHardware', 'hardware', HARDWARE_MASK, hardwareSchema).then(
      async (hardware) => ({ hardware, power: await this.powerStates(hardware, options.powerStateForIps) }),
    );
    const guestsPromise = this.listAll(
      'getVirtualGuests',
      'virtualGuests',
      VIRTUAL_GUEST_MASK,
      virtualGuestSchema,
    );
    const [{ hardware, power }, guests] = await Promise.all([hardwareWithPower, guestsPromise]);
    const context: MappingContext = {
      account: this.account,
      billingVisible: hardware.some((d) => d.billingItem) || guests.some((d) => d.billingItem),
    };
    return [
      ...hardware.map((hw) => mapHardware(hw, power.get(hw.id) ?? { state: 'unknown' }, context)),
      ...guests.map((guest) => mapVirtualGuest(guest, context)),
    ];
  }

  /**
   * One object of an account list, asked with the mask the bot uses (`nessus-gap doctor`): proves
   * the credentials and the permissions behind every field of the mask at the cost of one call.
   */
  async sampleList(list: 'hardware' | 'virtualGuests' | 'subnets'): Promise<number> {
    const [method, mask] =
      list === 'hardware'
        ? ['getHardware', HARDWARE_MASK]
        : list === 'virtualGuests'
          ? ['getVirtualGuests', VIRTUAL_GUEST_MASK]
          : ['getSubnets', SUBNET_MASK];
    const label = `SoftLayer_Account/${method}`;
    const page = await this.http.requestWithHeaders({
      method: 'GET',
      path: `${label}.json`,
      label,
      query: { objectMask: mask, objectFilter: orderByIdFilter(list), resultLimit: '0,1' },
      schema: z.array(z.unknown()),
      retries: 0,
    });
    return parseTotal(page.headers.get('softlayer-total-items')) ?? page.data.length;
  }

  async listSubnets(): Promise<AccountSubnet[]> {
    const subnets = await this.listAll('getSubnets', 'subnets', SUBNET_MASK, subnetSchema);
    return subnets.map((subnet) => mapSubnet(subnet, this.account));
  }

  async powerOn(device: DeviceRef): Promise<void> {
    await this.powerCommand(device, 'powerOn');
  }

  async reboot(device: DeviceRef): Promise<void> {
    await this.powerCommand(device, 'rebootDefault');
  }

  private async powerCommand(device: DeviceRef, command: 'powerOn' | 'rebootDefault'): Promise<void> {
    const id = checkId(device.id, `${device.kind} id`);
    const method = `${SERVICE[device.kind]}/${id}/${command}`;
    // A power command is not repeated after an unclear failure: hardware refuses a second remote
    // management command within 20 minutes, which would hide whether the first one worked.
    const accepted = await this.http.request({
      method: 'GET',
      path: `${method}.json`,
      label: method,
      idempotent: false,
      schema: commandResultSchema,
    });
    if (!accepted) throw new IntegrationError('softlayer', `softlayer: GET ${method} returned false`);
  }

  async createTicket(request: {
    title: string;
    body: string;
    device: DeviceRef | null;
  }): Promise<{ id: number }> {
    const subjectId = await this.ticketSubjectId();
    const ticket = await this.http.request({
      method: 'POST',
      path: 'SoftLayer_Ticket/createStandardTicket.json',
      label: 'SoftLayer_Ticket/createStandardTicket',
      json: { parameters: [{ subjectId, title: request.title }, request.body] },
      schema: createdTicketSchema,
    });
    if (request.device) {
      const deviceId = checkId(request.device.id, `${request.device.kind} id`);
      const method = request.device.kind === 'hardware' ? 'addAttachedHardware' : 'addAttachedVirtualGuest';
      try {
        await this.http.request({
          method: 'POST',
          path: `SoftLayer_Ticket/${ticket.id}/${method}.json`,
          label: `SoftLayer_Ticket/${ticket.id}/${method}`,
          json: { parameters: [deviceId] },
          schema: z.unknown(),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new IntegrationError(
          'softlayer',
          `softlayer: ticket ${ticket.id} was created, but attaching ${request.device.kind} ${deviceId} failed (${reason}); attach it by hand`,
          { cause: error, status: error instanceof IntegrationError ? error.status : null },
        );
      }
    }
    return { id: ticket.id };
  }

  async addTicketUpdate(ticketId: number, entry: string): Promise<void> {
    const id = checkId(ticketId, 'ticket id');
    await this.http.request({
      method: 'POST',
      path: `SoftLayer_Ticket/${id}/addUpdate.json`,
      label: `SoftLayer_Ticket/${id}/addUpdate`,
      json: { parameters: [{ entry }] },
      schema: z.array(z.unknown()),
    });
  }

  private async powerStates(
    hardware: readonly SoftLayerHardware[],
    forIps: ReadonlySet<string> | undefined,
  ): Promise<Map<number, PowerReading>> {
    const wanted = forIps ? hardware.filter((hw) => deviceIps(hw).some((ip) => forIps.has(ip))) : hardware;
    const states = new Map<number, PowerReading>();
    await mapConcurrent(wanted, this.powerStateConcurrency, async (hw) => {
      states.set(hw.id, await this.serverPowerState(hw.id));
    });
    return states;
  }

  /**
   * One server's power, with a short deadline and no second wait on silence; a failed lookup reads
   * as `unknown` with the reason (evidence for the finding), so one card does not sink the listing.
   */
  private async serverPowerState(id: number): Promise<PowerReading> {
    const method = `SoftLayer_Hardware_Server/${id}/getServerPowerState`;
    try {
      const answer = await this.http.request({
        method: 'GET',
        path: `${method}.json`,
        label: method,
        schema: serverPowerStateSchema,
        timeoutMs: this.powerStateTimeoutMs,
        retryUnanswered: false,
      });
      return { state: serverPowerState(answer) };
    } catch (error) {
      this.log.warn({ hardwareId: id, err: error }, `power state of hardware ${id} unknown`);
      const timedOut = error instanceof IntegrationError && error.code === ErrorCode.Timeout;
      const seconds = Math.round(this.powerStateTimeoutMs / 100) / 10;
      return {
        state: 'unknown',
        reason: timedOut
          ? `power state unknown: IPMI did not answer in ${seconds} s`
          : `power state unknown: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  private ticketSubjectId(): Promise<number> {
    this.subjectId ??= this.lookUpSubject().catch((error: unknown) => {
      this.subjectId = null;
      throw error;
    });
    return this.subjectId;
  }

  private async lookUpSubject(): Promise<number> {
    const subjects = await this.http.request({
      method: 'GET',
      path: 'SoftLayer_Ticket_Subject/getAllObjects.json',
      label: 'SoftLayer_Ticket_Subject/getAllObjects',
      schema: z.array(ticketSubjectSchema),
    });
    const wanted = this.ticketSubject.toLowerCase();
    const subject = subjects.find((candidate) => candidate.name.toLowerCase() === wanted);
    if (!subject) {
      throw new IntegrationError(
        'softlayer',
        `softlayer: no ticket subject named "${this.ticketSubject}" (available: ${subjects.map((s) => s.name).join(', ')})`,
        { code: ErrorCode.IntegrationResponse },
      );
    }
    return subject.id;
  }

  /**
   * Every object of an account list, paged with `resultLimit` in id order. The first page gives
   * `SoftLayer-Total-Items`, so the rest are fetched together. The result is checked rather than
   * trusted: duplicates across pages are dropped and a count that disagrees with the total is logged.
   */
  private async listAll<T extends { id: number }>(
    method: string,
    root: string,
    mask: string,
    schema: z.ZodType<T>,
  ): Promise<T[]> {
    const label = `SoftLayer_Account/${method}`;
    const objectFilter = orderByIdFilter(root);
    const page = (offset: number) =>
      this.http.requestWithHeaders({
        method: 'GET',
        path: `${label}.json`,
        label,
        query: { objectMask: mask, objectFilter, resultLimit: `${offset},${this.pageSize}` },
        schema: z.array(schema),
      });

    const first = await page(0);
    const items = [...first.data];
    const total = parseTotal(first.headers.get('softlayer-total-items'));
    if (first.data.length > this.pageSize) {
      this.log.warn(
        { method },
        `${label} ignored resultLimit and returned ${first.data.length} objects at once`,
      );
    } else if (total !== null) {
      const offsets: number[] = [];
      for (let offset = this.pageSize; offset < total; offset += this.pageSize) offsets.push(offset);
      const pages = await mapConcurrent(
        offsets,
        this.pageConcurrency,
        async (offset) => (await page(offset)).data,
      );
      for (const data of pages) items.push(...data);
    } else {
      let last = first.data.length;
      for (let offset = this.pageSize; last === this.pageSize; offset += this.pageSize) {
        const next = await page(offset);
        items.push(...next.data);
        last = next.data.length;
      }
    }

    const unique = dedupeById(items);
    if (total !== null && unique.length !== total) {
      this.log.warn(
        { method, total, received: unique.length },
        `${label}: SoftLayer-Total-Items disagrees with the objects received`,
      );
    }
    return unique;
  }
}

/** Accepts the API root, the bare host, or a sandbox URL. */
export function softLayerBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/rest\/v3(\.1)?$/.test(trimmed) ? trimmed : `${trimmed}/rest/v3.1`;
}

function parseTotal(header: string | null): number | null {
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

function dedupeById<T extends { id: number }>(items: readonly T[]): T[] {
  const byId = new Map<number, T>();
  for (const item of items) if (!byId.has(item.id)) byId.set(item.id, item);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

function checkId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id <= 0) throw new InputError(`invalid SoftLayer ${what}: ${String(id)}`);
  return id;
}
