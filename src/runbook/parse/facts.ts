/**
 * What one place in the report says about an IP. Several places may speak about the same IP; they
 * are merged into one target at the end (mergeObservations).
 */
import type { InterfaceKind, Target } from '../model.js';
import { cleanField } from './text.js';

export interface Facts {
  interface?: InterfaceKind | undefined;
  hostname?: string | undefined;
  environment?: string | undefined;
  neverScanned?: boolean | undefined;
  lastScan?: string | undefined;
}

export type FactName = keyof Facts;

/** One IP as one place in the report lists it; `facts` may still be filled by later lines. */
export interface Observation {
  ip: string;
  facts: Facts;
}

/**
 * A Facts object with every field present: objects of one shape keep property access fast when a
 * giant report creates millions of them.
 */
export function newFacts(fields: Facts = {}): Facts {
  return {
    interface: fields.interface,
    hostname: fields.hostname,
    environment: fields.environment,
    neverScanned: fields.neverScanned,
    lastScan: fields.lastScan,
  };
}

/** Fills what `into` lacks from `from`: values already there win, "never scanned" is kept if either says so. */
export function fillFacts(into: Facts, from: Facts): void {
  if (into.interface === undefined && from.interface !== undefined) into.interface = from.interface;
  if (into.hostname === undefined && from.hostname !== undefined) into.hostname = from.hostname;
  if (into.environment === undefined && from.environment !== undefined) into.environment = from.environment;
  if (from.neverScanned) into.neverScanned = true;
  if (into.lastScan === undefined && from.lastScan !== undefined) into.lastScan = from.lastScan;
}

export function factNames(facts: Facts): FactName[] {
  return (Object.keys(facts) as FactName[]).filter(
    (name) => facts[name] !== undefined && facts[name] !== false,
  );
}

export function hasFacts(facts: Facts): boolean {
  return factNames(facts).length > 0;
}

/**
 * One target per distinct IP, in the order first seen. Later observations fill what is missing,
 * "never scanned" holds if any observation says so, and the newest last-scan date wins.
 */
export function mergeObservations(observations: readonly Observation[]): Target[] {
  const byIp = new Map<string, Target>();
  for (const { ip, facts } of observations) {
    let target = byIp.get(ip);
    if (!target) {
      target = {
        ip,
        interface: 'unknown',
        hostname: null,
        environment: null,
        neverScanned: false,
        lastScan: null,
      };
      byIp.set(ip, target);
    }
    if (target.interface === 'unknown' && facts.interface) target.interface = facts.interface;
    if (target.hostname === null && facts.hostname) target.hostname = cleanField(facts.hostname) || null;
    if (facts.environment) noteEnvironment(target, cleanField(facts.environment));
    if (facts.neverScanned) target.neverScanned = true;
    if (facts.lastScan && (target.lastScan === null || facts.lastScan > target.lastScan))
      target.lastScan = facts.lastScan;
  }
  return [...byIp.values()];
}

/** The first environment a row names is the target's; rows that name another are kept aside. */
function noteEnvironment(target: Target, environment: string): void {
  if (environment === '') return;
  if (target.environment === null) {
    target.environment = environment;
    return;
  }
  const same = (other: string) => other.toUpperCase() === environment.toUpperCase();
  if (same(target.environment) || target.otherEnvironments?.some(same)) return;
  target.otherEnvironments = [...(target.otherEnvironments ?? []), environment];
}
