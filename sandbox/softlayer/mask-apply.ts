/**
 * Shapes a SoftLayer object the way an object mask does (docs/outside-apis.md section 1.3): selecting any
 * local property at a level keeps only the selected local properties there; relational properties (objects,
 * arrays) come back only when asked for, with their default local properties unless a sub-mask says more.
 */
import { type MaskLevel, mergeLevels, type ObjectMask } from './object-mask.js';

export type SoftLayerObject = Record<string, unknown>;

/** Relational properties whose value is a list: asked for but empty, the API sends `[]`. */
const ARRAY_RELATIONALS = new Set([
  'activeTickets',
  'attachedHardware',
  'attachedVirtualGuests',
  'backendNetworkComponents',
  'frontendNetworkComponents',
  'ipAddresses',
  'networkComponents',
  'networkVlans',
  'primarySubnets',
  'subnets',
  'tagReferences',
  'updates',
]);

/** Relational properties whose value is one object; `null` in a scenario means the relation is absent. */
const OBJECT_RELATIONALS = new Set([
  'activeTransaction',
  'billingItem',
  'datacenter',
  'guestNetworkComponent',
  'hardwareState',
  'hardwareStatus',
  'lastKnownPowerState',
  'location',
  'networkComponent',
  'networkVlan',
  'openCancellationTicket',
  'powerState',
  'primaryBackendNetworkComponent',
  'primaryNetworkComponent',
  'primaryRouter',
  'primarySubnet',
  'remoteManagementNetworkComponent',
  'status',
  'subject',
  'subnet',
  'virtualGuest',
]);

function isRelationalValue(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

function isRelational(name: string, value: unknown, children: MaskLevel | null): boolean {
  return (
    isRelationalValue(value) ||
    children !== null ||
    ARRAY_RELATIONALS.has(name) ||
    OBJECT_RELATIONALS.has(name)
  );
}

/** The local (scalar) properties of an object: what an unmasked call returns. */
export function defaultLocals(object: SoftLayerObject): SoftLayerObject {
  const result: SoftLayerObject = {};
  for (const [name, value] of Object.entries(object)) {
    if (!isRelationalValue(value)) result[name] = value;
  }
  return result;
}

/** Applies one mask level to one object (or each object of an array). */
export function applyMaskLevel(value: unknown, level: MaskLevel | null): unknown {
  if (Array.isArray(value)) return value.map((item) => applyMaskLevel(item, level));
  if (!isRelationalValue(value)) return value;
  const object = value as SoftLayerObject;
  if (level === null || level.size === 0) return defaultLocals(object);

  const selectsLocal = [...level].some(([name, children]) => !isRelational(name, object[name], children));
  const result: SoftLayerObject = selectsLocal ? {} : defaultLocals(object);
  for (const [name, children] of level) {
    const current = object[name];
    if (!isRelational(name, current, children)) {
      if (name in object) result[name] = current;
      continue;
    }
    if (current === undefined || current === null) {
      if (ARRAY_RELATIONALS.has(name)) result[name] = [];
      continue;
    }
    result[name] = applyMaskLevel(current, children);
  }
  return result;
}

/**
 * The mask level that applies to an object of type `typeName` (`isA` lists the types it is, most
 * specific first): the plain mask merged with every cast the object satisfies. Casts to other types
 * do not apply to it.
 */
export function levelFor(mask: ObjectMask | undefined, isA: readonly string[]): MaskLevel | null {
  if (!mask) return null;
  let level: MaskLevel | null = mask.plain.size > 0 ? mask.plain : null;
  for (const [type, castLevel] of mask.casts) {
    if (isA.includes(type)) level = mergeLevels(level, castLevel);
  }
  return level;
}

/** A property name at the top of the plain mask that the declared type does not have, if any. */
export function invalidPlainProperty(
  mask: ObjectMask | undefined,
  invalid: ReadonlySet<string>,
): string | undefined {
  if (!mask) return undefined;
  return [...mask.plain.keys()].find((name) => invalid.has(name));
}

/** A property name inside a cast that the cast type does not have, if any. */
export function invalidCastProperty(
  mask: ObjectMask | undefined,
  invalidByType: ReadonlyMap<string, ReadonlySet<string>>,
): { type: string; property: string } | undefined {
  if (!mask) return undefined;
  for (const [type, level] of mask.casts) {
    const invalid = invalidByType.get(type);
    const property = invalid && [...level.keys()].find((name) => invalid.has(name));
    if (property) return { type, property };
  }
  return undefined;
}
