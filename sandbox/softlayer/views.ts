/**
 * The objects as the API sees them, before a mask shapes them: scenario-only fields removed, relations
 * the API builds from other tables (tickets attached to a device, a ticket's updates) filled in.
 */
import type { SoftLayerObject } from './mask-apply.js';
import type { SoftLayerAccount, TicketRecord } from './world.js';

/** A datatype as far as masks care: which types an object is, and which properties it lacks. */
export interface Datatype {
  name: string;
  isA: readonly string[];
  invalid: ReadonlySet<string>;
}

/** Scenario fields no SoftLayer datatype has (power state of hardware lives behind a method). */
const NOT_PROPERTIES = ['serverPowerState'];
/**
 * On SoftLayer_Hardware_Server but not SoftLayer_Hardware: need the cast on getHardware
 * (docs/outside-apis.md section 1.3).
 */
const SERVER_ONLY = ['activeTickets', 'activeTransaction', 'activeTransactions', 'openCancellationTicket'];
const GUEST_ONLY = ['powerState', 'lastKnownPowerState'];

export const HARDWARE: Datatype = {
  name: 'SoftLayer_Hardware',
  isA: ['SoftLayer_Hardware_Server', 'SoftLayer_Hardware'],
  invalid: new Set([...NOT_PROPERTIES, ...SERVER_ONLY, ...GUEST_ONLY]),
};

export const HARDWARE_SERVER: Datatype = {
  name: 'SoftLayer_Hardware_Server',
  isA: ['SoftLayer_Hardware_Server', 'SoftLayer_Hardware'],
  invalid: new Set([...NOT_PROPERTIES, ...GUEST_ONLY]),
};

export const VIRTUAL_GUEST: Datatype = {
  name: 'SoftLayer_Virtual_Guest',
  isA: ['SoftLayer_Virtual_Guest'],
  invalid: new Set([...NOT_PROPERTIES, 'networkManagementIpAddress', 'hardwareStatus', 'hardwareStatusId']),
};

export const SUBNET: Datatype = {
  name: 'SoftLayer_Network_Subnet',
  isA: ['SoftLayer_Network_Subnet'],
  invalid: new Set(),
};
export const TICKET: Datatype = { name: 'SoftLayer_Ticket', isA: ['SoftLayer_Ticket'], invalid: new Set() };
export const IP_ADDRESS: Datatype = {
  name: 'SoftLayer_Network_Subnet_IpAddress',
  isA: ['SoftLayer_Network_Subnet_IpAddress'],
  invalid: new Set(),
};

/** Which properties each type lacks when named inside `mask(Type)[...]`. */
export const INVALID_IN_CAST: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [HARDWARE, HARDWARE_SERVER, VIRTUAL_GUEST, SUBNET, TICKET, IP_ADDRESS].map((type) => [
    type.name,
    type.invalid,
  ]),
);

export function isOpenTicket(ticket: SoftLayerObject): boolean {
  const status = ticket.status as { name?: unknown } | undefined;
  return ticket.statusId !== 1002 && status?.name !== 'Closed';
}

function withoutScenarioFields(object: SoftLayerObject): SoftLayerObject {
  const copy = { ...object };
  for (const name of NOT_PROPERTIES) delete copy[name];
  return copy;
}

/** A ticket with its updates; `withAttachments` adds the attached devices (not when nested in a device). */
export function ticketView(
  account: SoftLayerAccount,
  record: TicketRecord,
  withAttachments: boolean,
): SoftLayerObject {
  const view: SoftLayerObject = { ...record.ticket, updates: record.updates };
  if (withAttachments) {
    view.attachedHardware = record.hardwareIds
      .map((id) => account.findHardware(id))
      .filter((hardware) => hardware !== undefined)
      .map(withoutScenarioFields);
    view.attachedVirtualGuests = record.virtualGuestIds
      .map((id) => account.findVirtualGuest(id))
      .filter((guest) => guest !== undefined);
  }
  return view;
}

/** The device's open tickets: the scenario's `activeTickets` plus open tickets attached to it here. */
function activeTickets(
  account: SoftLayerAccount,
  own: unknown,
  attached: (record: TicketRecord) => boolean,
): SoftLayerObject[] {
  const tickets = Array.isArray(own) ? [...(own as SoftLayerObject[])] : [];
  for (const record of account.tickets) {
    if (!attached(record) || !isOpenTicket(record.ticket)) continue;
    if (tickets.some((ticket) => ticket.id === record.ticket.id)) continue;
    tickets.push(ticketView(account, record, false));
  }
  return tickets;
}

export function hardwareView(account: SoftLayerAccount, hardware: SoftLayerObject): SoftLayerObject {
  const id = hardware.id as number;
  return {
    ...withoutScenarioFields(hardware),
    activeTickets: activeTickets(account, hardware.activeTickets, (record) =>
      record.hardwareIds.includes(id),
    ),
  };
}

export function virtualGuestView(account: SoftLayerAccount, guest: SoftLayerObject): SoftLayerObject {
  const id = guest.id as number;
  return {
    ...guest,
    activeTickets: activeTickets(account, guest.activeTickets, (record) =>
      record.virtualGuestIds.includes(id),
    ),
  };
}
