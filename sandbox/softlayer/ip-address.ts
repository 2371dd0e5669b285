/**
 * `SoftLayer_Network_Subnet_IpAddress::getByIpAddress` (docs/outside-apis.md section 1.10): the address
 * record of an IP in one of the account's subnets, linked to the device that uses it. An IP in no account
 * subnet answers `null` with HTTP 200 (the real answer is [U]: null, `{}` or an empty body).
 */
import type { EmulatorResponse } from '../http-kit.js';
import { argument, isNonEmptyString, maskedObject, type SoftLayerCall } from './call.js';
import { invalidMethod, jsonScalar } from './errors.js';
import { offsetInSubnet } from './ipv4.js';
import type { SoftLayerObject } from './mask-apply.js';
import { hardwareView, IP_ADDRESS, virtualGuestView } from './views.js';
import type { SoftLayerAccount } from './world.js';

function subnetOf(
  account: SoftLayerAccount,
  ip: string,
): { subnet: SoftLayerObject; offset: number } | undefined {
  for (const subnet of account.subnets) {
    if (typeof subnet.networkIdentifier !== 'string') continue;
    const offset = offsetInSubnet(ip, subnet.networkIdentifier, Number(subnet.cidr));
    if (offset !== null) return { subnet, offset };
  }
  return undefined;
}

function ipAddressRecord(account: SoftLayerAccount, ip: string): SoftLayerObject | null {
  const found = subnetOf(account, ip);
  if (!found) return null;
  const { subnet, offset } = found;
  const size = 2 ** (32 - Number(subnet.cidr));
  const listed = Array.isArray(subnet.ipAddresses)
    ? (subnet.ipAddresses as SoftLayerObject[]).find((entry) => entry.ipAddress === ip)
    : undefined;
  const subnetId = subnet.id as number;
  const record: SoftLayerObject = {
    id: subnetId * 1000 + offset,
    ipAddress: ip,
    subnetId,
    isBroadcast: size > 2 && offset === size - 1,
    // SoftLayer subnets use their first usable address as the gateway.
    isGateway: size > 2 && offset === 1,
    isNetwork: size > 2 && offset === 0,
    isReserved: size > 2 && (offset <= 1 || offset === size - 1),
    ...listed,
  };
  const { ipAddresses: _addresses, hardware: _hardware, virtualGuests: _guests, ...subnetOnly } = subnet;
  record.subnet = subnetOnly;

  const usesIp = (device: SoftLayerObject) =>
    device.primaryIpAddress === ip || device.primaryBackendIpAddress === ip;
  const hardware = account.hardware.find(usesIp);
  const guest = account.virtualGuests.find(usesIp);
  const managed = account.hardware.find((device) => device.networkManagementIpAddress === ip);
  if (hardware) record.hardware = hardwareView(account, hardware);
  if (guest) record.virtualGuest = virtualGuestView(account, guest);
  if (managed) {
    // The IPMI address: linked through the management component, not `hardware` [U].
    record.remoteManagementNetworkComponent = {
      hardwareId: managed.id,
      ipmiIpAddress: ip,
      hardware: hardwareView(account, managed),
    };
  }
  return record;
}

export function ipAddressService(account: SoftLayerAccount, call: SoftLayerCall): EmulatorResponse {
  if (call.method !== 'getByIpAddress') return invalidMethod(call.method);
  const ip = argument(call, 0, 'ipAddress', isNonEmptyString).trim();
  const record = ipAddressRecord(account, ip);
  return record === null ? jsonScalar(null) : maskedObject(call, IP_ADDRESS, record);
}
