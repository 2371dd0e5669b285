/**
 * Emulator of the SoftLayer (IBM Cloud Classic) REST API v3.1 for a scenario's accounts (one URL; the
 * credentials of a call pick its account, see directory.ts): account lists with object masks, filters
 * and paging; power control with the hardware 20-minute window; tickets; IP lookup; outages.
 * Unconfirmed behaviours are marked [U] where they are chosen (see docs/outside-apis.md section 1).
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
import { type AccountCredentials, AccountDirectory } from './directory.js';
import { accessDenied, invalidMethod, notFound, outage, publicError, SoftLayerFailure } from './errors.js';
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
import type { SoftLayerAccount, SoftLayerState, SoftLayerWorld } from './world.js';

export type { AccountCredentials } from './directory.js';
export { REMOTE_MANAGEMENT_WINDOW_MS } from './power.js';
export type { SoftLayerLists, SoftLayerState, SoftLayerWorld } from './world.js';

export interface SoftLayerEmulatorOptions extends EmulatorCommonOptions {
  /** Clock for the 20-minute window and dates (epoch ms); tests move it forward. */
  now?: () => number;
  /** Credentials of each account of `world.accounts`, by account name. */
  accountCredentials?: Record<string, AccountCredentials>;
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

/** The emulator, with the state of its accounts for tests to read and change. */
export interface SoftLayerEmulator extends RunningEmulator {
  /** The main account (the credentials of `options.credentials`). */
  state(): SoftLayerState;
  /** Any account by its name (any case); the main one answers to its `name` (default ALC). */
  accountState(name: string): SoftLayerState;
  /** Takes an account's API down, or brings it back, from the next call on. */
  setDown(name: string, down: boolean): void;
  /** Account names, the main one first. */
  accountNames(): string[];
  /**
   * The live objects of an account (the main one by default), for a test that changes the world
   * under a running bot: a machine powered on by someone else, a cancellation withdrawn.
   */
  live(name?: string): SoftLayerAccount;
}

export async function startSoftLayerEmulator(
  world: SoftLayerWorld,
  options: SoftLayerEmulatorOptions,
): Promise<SoftLayerEmulator> {
  const accounts = new AccountDirectory(world, options.credentials, options.accountCredentials);
  const now = options.now ?? Date.now;
  const handler = (request: EmulatorRequest): EmulatorResponse | Promise<EmulatorResponse> => {
    const account = accounts.forAuthorization(request.headers.authorization);
    if (!account) return accessDenied();
    if (account.down) return outage();
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
  return {
    ...emulator,
    state: () => accounts.main().snapshot(),
    accountState: (name) => accounts.byName(name).snapshot(),
    setDown: (name, down) => {
      accounts.byName(name).down = down;
    },
    accountNames: () => accounts.names(),
    live: (name) => (name === undefined ? accounts.main() : accounts.byName(name)),
  };
}
