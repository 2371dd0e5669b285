/**
 * Every action the bot can offer, one descriptor each. The action names (JSON, button ids, audit)
 * and the verbs are derived from this list.
 */
import { launchScan } from './launch-scan.js';
import { markNotalchemy } from './mark-notalchemy.js';
import { markPendingDeletion } from './mark-pending-deletion.js';
import { openIpmiTicket } from './open-ipmi-ticket.js';
import { powerOn } from './power-on.js';
import { reboot } from './reboot.js';
import { recheck } from './recheck.js';
import { requestReclaim } from './request-reclaim.js';

export const ACTION_DESCRIPTORS = Object.freeze([
  markNotalchemy,
  markPendingDeletion,
  requestReclaim,
  openIpmiTicket,
  powerOn,
  reboot,
  launchScan,
  recheck,
] as const);

type Descriptor = (typeof ACTION_DESCRIPTORS)[number];
export type ActionVerb = Descriptor['verb'];
export type ActionName = Descriptor['name'];

/** The stable action names, in the order buttons are shown. */
export const ACTIONS: readonly ActionName[] = Object.freeze([
  ...new Set(ACTION_DESCRIPTORS.map((d) => d.name)),
]);

const BY_VERB: ReadonlyMap<string, Descriptor> = new Map(ACTION_DESCRIPTORS.map((d) => [d.verb, d]));

export function actionDescriptor(verb: ActionVerb): Descriptor {
  return BY_VERB.get(verb) as Descriptor;
}

/** The button label of a stored action name (its first verb's), or the name itself when unknown. */
export function actionLabel(name: string): string {
  return ACTION_DESCRIPTORS.find((d) => d.name === name)?.label ?? name;
}

export function isActionName(value: string): value is ActionName {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isActionVerb(value: string): value is ActionVerb {
  return BY_VERB.has(value);
}

export type { ActionDescriptor, Precondition } from './action.js';
