/**
 * Power control (docs/outside-apis.md section 1.11). Hardware goes through its remote management card, which
 * refuses a second command within 20 minutes of the last one; guests have no such window.
 */
import type { EmulatorResponse } from '../http-kit.js';
import { jsonScalar, softLayerError } from './errors.js';
import type { SoftLayerObject } from './mask-apply.js';
import type { SoftLayerAccount } from './world.js';

export const REMOTE_MANAGEMENT_WINDOW_MS = 20 * 60_000;

const HARDWARE_COMMANDS: Record<string, 'on' | 'off' | undefined> = {
  powerOn: 'on',
  powerOff: 'off',
  powerCycle: 'on',
  rebootSoft: undefined,
  rebootHard: undefined,
  rebootDefault: undefined,
};

const GUEST_COMMANDS: Record<string, 'RUNNING' | 'HALTED' | undefined> = {
  powerOn: 'RUNNING',
  powerOff: 'HALTED',
  powerOffSoft: 'HALTED',
  rebootSoft: undefined,
  rebootHard: undefined,
  rebootDefault: undefined,
};

const GUEST_STATE_NAMES = { RUNNING: 'Running', HALTED: 'Halted' } as const;

export const isHardwarePowerMethod = (method: string): boolean => Object.hasOwn(HARDWARE_COMMANDS, method);
export const isGuestPowerMethod = (method: string): boolean => Object.hasOwn(GUEST_COMMANDS, method);

/** `"on"`/`"off"` from the scenario's serverPowerState (default `"on"`), as a bare JSON string. */
export function serverPowerState(hardware: SoftLayerObject): EmulatorResponse {
  return jsonScalar(hardware.serverPowerState === 'off' ? 'off' : 'on');
}

export function hardwarePowerCommand(
  account: SoftLayerAccount,
  hardware: SoftLayerObject,
  method: string,
  now: number,
): EmulatorResponse {
  const id = hardware.id as number;
  const last = account.lastRemoteCommandAt.get(id);
  const refused = last !== undefined && now - last < REMOTE_MANAGEMENT_WINDOW_MS;
  account.powerCommands.push({
    service: 'SoftLayer_Hardware_Server',
    id,
    method,
    at: now,
    accepted: !refused,
  });
  if (refused) {
    // The documented rule is [C]; this message and code are [U] (docs/outside-apis.md section 1.11).
    return softLayerError(
      500,
      'Cannot issue another remote management command within 20 minutes of the last one.',
      'SoftLayer_Exception_Hardware_Server_RemoteManagement',
    );
  }
  account.lastRemoteCommandAt.set(id, now);
  const next = HARDWARE_COMMANDS[method];
  if (next) hardware.serverPowerState = next;
  return jsonScalar(true);
}

export function guestPowerCommand(
  account: SoftLayerAccount,
  guest: SoftLayerObject,
  method: string,
  now: number,
): EmulatorResponse {
  account.powerCommands.push({
    service: 'SoftLayer_Virtual_Guest',
    id: guest.id as number,
    method,
    at: now,
    accepted: true,
  });
  const next = GUEST_COMMANDS[method];
  if (next) guest.powerState = { keyName: next, name: GUEST_STATE_NAMES[next] };
  return jsonScalar(true);
}

export function guestPowerState(guest: SoftLayerObject): EmulatorResponse {
  const state = guest.powerState;
  return {
    status: 200,
    body: typeof state === 'object' && state !== null ? state : { keyName: 'RUNNING', name: 'Running' },
  };
}
