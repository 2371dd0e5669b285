/**
 * Emulator of the SoftLayer (IBM Cloud Classic) REST API v3.1 for one scenario account: account lists with
 * object masks, filters and paging; power control with the hardware 20-minute window; tickets; IP lookup.
 * Unconfirmed behaviours are marked [U] where they are chosen (see api-notes.md section 1).
 */
import type { EmulatorCommonOptions } from '../emulator-options.js';
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type RunningEmulator,
  startEmulator,
} from '../http-kit.js';
import { accountService } from './account.js';
import { maskedObject, readCall, type SoftLayerCall } from './call.js';
import { accessDenied, invalidMethod, notFound, publicError, SoftLayerFailure } from './errors.js';
import { softLayerFault } from './faults.js';
import { ipAddressService } from './ip-address.js';
import {
  guestPowerCommand,
  guestPowerState,
  hardwarePowerCommand,
  isGuestPowerMethod,
  isHardwarePowerMethod,
  serverPowerState,
} from './power.js';
import { ticketService, ticketSubjectService } from './tickets.js';
import { HARDWARE_SERVER, hardwareView, VIRTUAL_GUEST, virtualGuestView } from './views.js';
import { SoftLayerAccount, type SoftLayerState, type SoftLayerWorld } from './world.js';

export { REMOTE_MANAGEMENT_WINDOW_MS } from './power.js';
export type { SoftLayerState, SoftLayerWorld } from './world.js';

export interface SoftLayerEmulatorOptions extends EmulatorCommonOptions {
  /** Clock for the 20-minute window and dates (epoch ms); tests move it forward. */
  now?: () => number;
}

/** Basic auth `username:apiKey`; any non-empty pair when no credentials are configured. */
function authorized(request: EmulatorRequest, credentials: EmulatorCommonOptions['credentials']): boolean {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Basic\s+(\S+)$/i.exec(header) : null;
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return false;
  const username = decoded.slice(0, colon);
  const apiKey = decoded.slice(colon + 1);
  return !credentials || (username === credentials.username && apiKey === credentials.apiKey);
}

function hardwareService(account: SoftLayerAccount, call: SoftLayerCall, now: number): EmulatorResponse {
  if (call.initId === undefined) return invalidMethod(call.method);
  const hardware = account.findHardware(call.initId);
  if (!hardware) return notFound(call.initId);
  if (call.method === 'getServerPowerState') return serverPowerState(hardware);
  if (call.method === 'getObject')
    return maskedObject(call, HARDWARE_SERVER, hardwareView(account, hardware));
  if (isHardwarePowerMethod(call.method)) return hardwarePowerCommand(account, hardware, call.method, now);
  return invalidMethod(call.method);
}

/**
 * A server whose scenario says `serverPowerState: unanswered`: its management card (IPMI) does not
 * answer, so SoftLayer's getServerPowerState hangs, as on a server whose IPMI is unreachable.
 */
function managementCardSilent(account: SoftLayerAccount, call: SoftLayerCall): boolean {
  if (call.method !== 'getServerPowerState' || call.initId === undefined) return false;
  return account.findHardware(call.initId)?.serverPowerState === 'unanswered';
}

function virtualGuestService(account: SoftLayerAccount, call: SoftLayerCall, now: number): EmulatorResponse {
  if (call.initId === undefined) return invalidMethod(call.method);
  const guest = account.findVirtualGuest(call.initId);
  if (!guest) return notFound(call.initId);
  if (call.method === 'getPowerState') return guestPowerState(guest);
  if (call.method === 'getObject') return maskedObject(call, VIRTUAL_GUEST, virtualGuestView(account, guest));
  if (isGuestPowerMethod(call.method)) return guestPowerCommand(account, guest, call.method, now);
  return invalidMethod(call.method);
}

function route(account: SoftLayerAccount, call: SoftLayerCall, now: number): EmulatorResponse {
  switch (call.service) {
    case 'SoftLayer_Account':
      return accountService(account, call);
    case 'SoftLayer_Hardware_Server':
    case 'SoftLayer_Hardware':
      return hardwareService(account, call, now);
    case 'SoftLayer_Virtual_Guest':
      return virtualGuestService(account, call, now);
    case 'SoftLayer_Network_Subnet_IpAddress':
      return ipAddressService(account, call);
    case 'SoftLayer_Ticket':
      return ticketService(account, call, now);
    case 'SoftLayer_Ticket_Subject':
      return ticketSubjectService(call);
    default:
      // Wording [U]: the real API names the unknown service.
      return publicError(`Service ${call.service} does not exist`, 404);
  }
}

export async function startSoftLayerEmulator(
  world: SoftLayerWorld,
  options: SoftLayerEmulatorOptions,
): Promise<RunningEmulator & { state(): SoftLayerState }> {
  const account = new SoftLayerAccount(world);
  const now = options.now ?? Date.now;
  const handler = (request: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse> => {
    if (!authorized(request, options.credentials)) return accessDenied();
    try {
      const call = readCall(request);
      if (!call) return publicError('Not found', 404);
      if (managementCardSilent(account, call)) return new Promise<EmulatorResponse>(() => {});
      return route(account, call, now());
    } catch (error) {
      if (error instanceof SoftLayerFailure) return error.response;
      throw error;
    }
  };
  const emulator = await startEmulator({
    name: 'softlayer',
    handler,
    fault: softLayerFault,
    ...(options.latencyMs !== undefined ? { latencyMs: options.latencyMs } : {}),
    ...(options.faultRate !== undefined ? { faultRate: options.faultRate } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  return { ...emulator, state: () => account.snapshot() };
}
