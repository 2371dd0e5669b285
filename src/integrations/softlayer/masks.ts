/**
 * Object masks and filters for the SoftLayer list calls
 * (docs/outside-apis.md sections 1.3 to 1.5, 1.8 and 1.9). Naming any local property drops the others,
 * so every field the adapter reads is listed here. Properties only SoftLayer_Hardware_Server has
 * (tickets, cancellation ticket, transaction) must go inside the `mask(SoftLayer_Hardware_Server)[...]`
 * cast: getHardware returns SoftLayer_Hardware.
 */

const VLAN = 'id,name,vlanNumber,networkSpace';
const TICKETS = 'activeTickets[id,title,status[name]]';

const COMMON_DEVICE_FIELDS = [
  'id',
  'hostname',
  'domain',
  'fullyQualifiedDomainName',
  'primaryIpAddress',
  'primaryBackendIpAddress',
  'datacenter[name]',
  `networkVlans[${VLAN}]`,
  `primaryNetworkComponent[networkVlan[${VLAN}]]`,
  `primaryBackendNetworkComponent[networkVlan[${VLAN}]]`,
  'billingItem[id,cancellationDate]',
];

export const HARDWARE_MASK =
  `[mask[${[...COMMON_DEVICE_FIELDS, 'networkManagementIpAddress', 'hardwareStatus[status]'].join(',')}],` +
  `mask(SoftLayer_Hardware_Server)[${TICKETS},openCancellationTicket[id],activeTransaction[id]]]`;

export const VIRTUAL_GUEST_MASK = `mask[${[...COMMON_DEVICE_FIELDS, 'powerState[keyName]', TICKETS].join(',')}]`;

export const SUBNET_MASK =
  'mask[id,networkIdentifier,cidr,subnetType,addressSpace,networkVlan[id,vlanNumber,name],datacenter[name]]';

/** Stable paging needs a sort on a unique field; the filter starts at the property the method returns. */
export function orderByIdFilter(root: string): string {
  return JSON.stringify({
    [root]: { id: { operation: 'orderBy', options: [{ name: 'sort', value: ['ASC'] }] } },
  });
}
