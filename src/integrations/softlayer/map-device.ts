/**
 * SoftLayer hardware and virtual guests as the runbook's `AccountDevice`, and subnets as
 * `AccountSubnet`. Pure: the power state of hardware (a separate call) comes in as an argument.
 */
import type { AccountDevice } from '../../investigation/ports.js';
import type { AccountSubnet, DeviceTicket, VlanRef } from '../../runbook/evidence.js';
import type { SoftLayerHardware, SoftLayerSubnet, SoftLayerVirtualGuest, SoftLayerVlan } from './schemas.js';

type AnyDevice = SoftLayerHardware | SoftLayerVirtualGuest;
export type PowerState = AccountDevice['powerState'];

/** A power state, with why it is unknown when it is (`power state unknown: IPMI did not answer in 5 s`). */
export interface PowerReading {
  state: PowerState;
  reason?: string;
}

export interface MappingContext {
  /** The account's name, as the configuration gives it. */
  account: string;
  /**
   * Whether this API user can see billing items at all (some device of the listing carries one).
   * A missing billingItem means "cancelled or no billing" only then: a user without billing
   * permission sees none on any device, and that must not make every device look cancelled.
   */
  billingVisible: boolean;
}

export function mapHardware(
  hardware: SoftLayerHardware,
  power: PowerReading,
  context: MappingContext,
): AccountDevice {
  const reclaim = hardware.hardwareStatus?.status?.toUpperCase() === 'RECLAIM';
  return {
    ...commonFields(hardware),
    account: context.account,
    kind: 'hardware',
    managementIp: hardware.networkManagementIpAddress,
    powerState: power.state,
    ...(power.reason ? { powerStateReason: power.reason } : {}),
    cancellation: cancellationOf(
      hardware,
      hardware.openCancellationTicket?.id ?? cancellationTicketId(hardware),
      reclaim,
      context,
    ),
  };
}

export function mapVirtualGuest(guest: SoftLayerVirtualGuest, context: MappingContext): AccountDevice {
  return {
    ...commonFields(guest),
    account: context.account,
    kind: 'virtual',
    managementIp: null,
    powerState: guestPowerState(guest.powerState?.keyName ?? null),
    cancellation: cancellationOf(guest, cancellationTicketId(guest), false, context),
  };
}

/** RUNNING and HALTED are confirmed keyNames; anything else (PAUSED, a transition) is not guessed. */
export function guestPowerState(keyName: string | null): PowerState {
  switch (keyName?.toUpperCase()) {
    case 'RUNNING':
      return 'on';
    case 'HALTED':
      return 'off';
    default:
      return 'unknown';
  }
}

/** `getServerPowerState` answers `"on"` or `"off"`. */
export function serverPowerState(answer: string): PowerState {
  const word = answer.trim().toLowerCase();
  return word === 'on' || word === 'off' ? word : 'unknown';
}

export function mapSubnet(subnet: SoftLayerSubnet, account: string): AccountSubnet {
  return {
    account,
    id: subnet.id,
    cidr: `${subnet.networkIdentifier}/${subnet.cidr}`,
    subnetType: subnet.subnetType,
    vlan: subnet.networkVlan ? vlanRef(subnet.networkVlan) : null,
    datacenter: subnet.datacenter?.name ?? null,
  };
}

/** The IPs by which a device can be matched: public, private and management. */
export function deviceIps(device: SoftLayerHardware): string[] {
  return [device.primaryIpAddress, device.primaryBackendIpAddress, device.networkManagementIpAddress].filter(
    (ip): ip is string => ip !== null,
  );
}

function commonFields(device: AnyDevice) {
  return {
    id: device.id,
    hostname: device.hostname ?? device.fullyQualifiedDomainName?.split('.')[0] ?? '',
    fqdn:
      device.fullyQualifiedDomainName ??
      (device.hostname && device.domain ? `${device.hostname}.${device.domain}` : null),
    datacenter: device.datacenter?.name ?? null,
    publicIp: device.primaryIpAddress,
    privateIp: device.primaryBackendIpAddress,
    publicVlan: vlanOf(device, 'PUBLIC'),
    privateVlan: vlanOf(device, 'PRIVATE'),
    activeTickets: (device.activeTickets ?? []).map(
      (ticket): DeviceTicket => ({
        id: ticket.id,
        title: ticket.title ?? '',
        status: ticket.status?.name ?? null,
      }),
    ),
  };
}

/** The VLAN of the primary interface when known, else the device's VLAN in that network space. */
function vlanOf(device: AnyDevice, space: 'PUBLIC' | 'PRIVATE'): VlanRef | null {
  const component =
    space === 'PUBLIC' ? device.primaryNetworkComponent : device.primaryBackendNetworkComponent;
  if (
    component?.networkVlan &&
    (component.networkVlan.id != null || component.networkVlan.vlanNumber != null)
  ) {
    return vlanRef(component.networkVlan);
  }
  const vlan = (device.networkVlans ?? []).find(
    (candidate) => candidate.networkSpace?.toUpperCase() === space,
  );
  return vlan ? vlanRef(vlan) : null;
}

function vlanRef(vlan: SoftLayerVlan): VlanRef {
  return { id: vlan.id ?? null, number: vlan.vlanNumber ?? null, name: vlan.name };
}

/**
 * The titles SoftLayer gives the ticket it opens when a device is cancelled: "Server Cancellation -
 * 04/04/2018" (hardware), "Virtual Server Cancellation - 03/30/18" (virtual servers). Only those:
 * a ticket that merely mentions a cancellation is not the one a reclaim request can update.
 */
const CANCELLATION_TITLE = /^\s*(?:virtual\s+)?server\s+cancellation\b/i;

/**
 * The device's cancellation ticket among its active tickets, for devices whose API object has no
 * `openCancellationTicket` (virtual servers never have it; hardware may lack it). The newest (highest
 * id) when several match; a ticket whose status says Closed is not active, whatever the list says.
 */
export function cancellationTicketId(device: AnyDevice): number | null {
  let found: number | null = null;
  for (const ticket of device.activeTickets ?? []) {
    if (!CANCELLATION_TITLE.test(ticket.title ?? '')) continue;
    if (ticket.status?.name?.trim().toLowerCase() === 'closed') continue;
    if (found === null || ticket.id > found) found = ticket.id;
  }
  return found;
}

/**
 * A cancellation is pending when the billing item has a cancellation date (future: runs until then;
 * past while the device is still listed: awaiting reclaim), an open cancellation ticket exists (the
 * hardware's `openCancellationTicket`, else an active ticket titled as SoftLayer titles
 * cancellations), the hardware is in RECLAIM, or the billing item is gone while billing is visible
 * to this user.
 */
function cancellationOf(
  device: AnyDevice,
  ticketId: number | null,
  reclaim: boolean,
  context: MappingContext,
): AccountDevice['cancellation'] {
  const date = device.billingItem?.cancellationDate ?? null;
  const billingGone = context.billingVisible && !device.billingItem;
  if (date === null && ticketId === null && !reclaim && !billingGone) return null;
  return { date, ticketId };
}
