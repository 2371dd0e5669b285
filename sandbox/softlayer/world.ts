/**
 * The SoftLayer account the emulator serves: the scenario's objects (validated once at start, with the
 * real API's field names) plus what calls change (power states, tickets, remote-management commands).
 */
import { z } from 'zod';
import type { SoftLayerObject } from './mask-apply.js';

const withId = z.looseObject({ id: z.number().int() });

const worldSchema = z.object({
  hardware: z.array(
    withId.extend({
      // Scenario-only: what getServerPowerState answers. Never sent by getHardware
      // (docs/outside-apis.md section 1.8).
      /** `unanswered`: the management card (IPMI) does not answer; getServerPowerState hangs. */
      serverPowerState: z.enum(['on', 'off', 'unanswered']).optional(),
    }),
  ),
  virtualGuests: z.array(withId),
  subnets: z.array(withId),
  tickets: z.array(withId),
});

/** One account's objects, with the real API's field names. */
export type SoftLayerLists = {
  hardware: Record<string, unknown>[];
  virtualGuests: Record<string, unknown>[];
  subnets: Record<string, unknown>[];
  tickets: Record<string, unknown>[];
  /** Every call with this account's credentials fails as in an outage. */
  down?: boolean;
};

/**
 * What the emulator serves: the account of the main credentials (called `name`, default ALC) and,
 * optionally, further accounts, each reached with its own credentials at the same URL.
 */
export type SoftLayerWorld = SoftLayerLists & {
  name?: string;
  accounts?: Record<string, SoftLayerLists>;
};

/**
 * Ids of created tickets, updates and attachments. SoftLayer's ids are global, so every account of
 * one emulator draws from the same sequence, above every scenario ticket id.
 */
export class IdSource {
  private next: number;

  constructor(worlds: readonly SoftLayerLists[]) {
    const ids = worlds.flatMap((world) => world.tickets.map((ticket) => Number(ticket.id)));
    this.next = Math.max(...ids.filter(Number.isFinite), 150_000_000) + 1;
  }

  take(): number {
    return this.next++;
  }
}

export interface PowerCommand {
  service: 'SoftLayer_Hardware_Server' | 'SoftLayer_Virtual_Guest';
  id: number;
  method: string;
  at: number;
  /** False when refused (the 20-minute remote-management window). */
  accepted: boolean;
}

/** One ticket: its own properties plus the relations the API builds from other tables. */
export interface TicketRecord {
  ticket: SoftLayerObject;
  updates: SoftLayerObject[];
  hardwareIds: number[];
  virtualGuestIds: number[];
}

export interface SoftLayerState {
  /** Hardware as in the scenario, `serverPowerState` reflecting power commands. */
  hardware: SoftLayerObject[];
  /** Guests as in the scenario, `powerState` reflecting power commands. */
  virtualGuests: SoftLayerObject[];
  subnets: SoftLayerObject[];
  /** Every ticket (scenario and created), with `updates`, `attachedHardwareIds`, `attachedVirtualGuestIds`. */
  tickets: SoftLayerObject[];
  powerCommands: PowerCommand[];
}

export class SoftLayerAccount {
  readonly hardware: SoftLayerObject[];
  readonly virtualGuests: SoftLayerObject[];
  readonly subnets: SoftLayerObject[];
  readonly tickets: TicketRecord[];
  readonly powerCommands: PowerCommand[] = [];
  /** Last accepted remote-management command per hardware id (epoch ms). */
  readonly lastRemoteCommandAt = new Map<number, number>();
  /** While true, every call with this account's credentials fails (`outage()` in errors.ts). */
  down: boolean;
  readonly accountId: number;
  private readonly ids: IdSource;

  /** `accountId` is what SoftLayer_Account::getObject and created tickets say. */
  constructor(world: SoftLayerLists, options: { ids?: IdSource; accountId?: number } = {}) {
    const parsed = worldSchema.safeParse(world);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`softlayer scenario: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    const copy = structuredClone(world);
    this.hardware = copy.hardware;
    this.virtualGuests = copy.virtualGuests;
    this.subnets = copy.subnets;
    this.tickets = copy.tickets.map(toTicketRecord);
    this.down = world.down === true;
    this.ids = options.ids ?? new IdSource([world]);
    this.accountId = options.accountId ?? 1;
  }

  /** A fresh id for a created ticket, update or attachment. */
  newId(): number {
    return this.ids.take();
  }

  findHardware(id: number): SoftLayerObject | undefined {
    return this.hardware.find((object) => object.id === id);
  }

  findVirtualGuest(id: number): SoftLayerObject | undefined {
    return this.virtualGuests.find((object) => object.id === id);
  }

  findTicket(id: number): TicketRecord | undefined {
    return this.tickets.find((record) => record.ticket.id === id);
  }

  snapshot(): SoftLayerState {
    return structuredClone({
      hardware: this.hardware.map((object) => ({
        ...object,
        serverPowerState: object.serverPowerState ?? 'on',
      })),
      virtualGuests: this.virtualGuests,
      subnets: this.subnets,
      tickets: this.tickets.map((record) => ({
        ...record.ticket,
        updates: record.updates,
        attachedHardwareIds: record.hardwareIds,
        attachedVirtualGuestIds: record.virtualGuestIds,
      })),
      powerCommands: this.powerCommands,
    });
  }
}

function idsOf(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => (typeof entry === 'object' && entry !== null ? (entry as SoftLayerObject).id : entry))
    .filter((id): id is number => typeof id === 'number');
}

function toTicketRecord(raw: SoftLayerObject): TicketRecord {
  const { updates, attachedHardware, attachedVirtualGuests, ...ticket } = raw;
  return {
    ticket,
    updates: Array.isArray(updates) ? (updates as SoftLayerObject[]) : [],
    hardwareIds: idsOf(attachedHardware),
    virtualGuestIds: idsOf(attachedVirtualGuests),
  };
}

/** SoftLayer dates: ISO-8601 with the account's offset (Dallas, -06:00), e.g. `2018-03-30T14:41:47-06:00`. */
export function softLayerDate(epochMs: number): string {
  return new Date(epochMs - 6 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '-06:00');
}
