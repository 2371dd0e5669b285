/**
 * The SoftLayer objects the adapter reads, as zod schemas: only the fields its object masks ask for,
 * relational properties optional (the API omits absent ones), numbers accepted as strings.
 */
import { z } from 'zod';
import { intLike, optionalText } from '../http/lenient.js';

export const vlanSchema = z.object({
  id: intLike.nullish(),
  vlanNumber: intLike.nullish(),
  name: optionalText,
  networkSpace: optionalText,
});

const componentSchema = z.object({ networkVlan: vlanSchema.nullish() });

const ticketSchema = z.object({
  id: intLike,
  title: optionalText,
  status: z.object({ name: optionalText }).nullish(),
});

const commonDeviceFields = {
  id: intLike,
  hostname: optionalText,
  domain: optionalText,
  fullyQualifiedDomainName: optionalText,
  primaryIpAddress: optionalText,
  primaryBackendIpAddress: optionalText,
  datacenter: z.object({ name: optionalText }).nullish(),
  networkVlans: z.array(vlanSchema).nullish(),
  primaryNetworkComponent: componentSchema.nullish(),
  primaryBackendNetworkComponent: componentSchema.nullish(),
  billingItem: z.object({ id: intLike.nullish(), cancellationDate: optionalText }).nullish(),
  activeTickets: z.array(ticketSchema).nullish(),
};

export const hardwareSchema = z.object({
  ...commonDeviceFields,
  networkManagementIpAddress: optionalText,
  hardwareStatus: z.object({ status: optionalText }).nullish(),
  openCancellationTicket: z.object({ id: intLike }).nullish(),
});

export const virtualGuestSchema = z.object({
  ...commonDeviceFields,
  powerState: z.object({ keyName: optionalText }).nullish(),
});

export const subnetSchema = z.object({
  id: intLike,
  networkIdentifier: z.string().min(1),
  cidr: intLike,
  subnetType: optionalText,
  addressSpace: optionalText,
  networkVlan: vlanSchema.nullish(),
  datacenter: z.object({ name: optionalText }).nullish(),
});

export const ticketSubjectSchema = z.object({ id: intLike, name: z.string() });

export const createdTicketSchema = z.object({ id: intLike });

/** `getServerPowerState` answers a bare JSON string. */
export const serverPowerStateSchema = z.string();

/** Power commands answer a bare `true` (sometimes as a string). */
export const commandResultSchema = z.union([
  z.boolean(),
  z.enum(['true', 'false']).transform((v) => v === 'true'),
]);

export type SoftLayerHardware = z.output<typeof hardwareSchema>;
export type SoftLayerVirtualGuest = z.output<typeof virtualGuestSchema>;
export type SoftLayerVlan = z.output<typeof vlanSchema>;
export type SoftLayerSubnet = z.output<typeof subnetSchema>;
