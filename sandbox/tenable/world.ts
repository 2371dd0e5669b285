/**
 * The Tenable.sc instance the emulator serves: the scenario's zones, asset lists, per-IP summary rows,
 * scanners and scans (validated once at start), plus the scan results that launches create.
 */
import { z } from 'zod';
import type { ScObject } from './fields.js';

const scId = z.union([z.string().min(1), z.number().int()]);
const named = z.looseObject({ id: scId, name: z.string() });

const worldSchema = z.object({
  zones: z.array(named),
  assets: z.array(named),
  ipSummary: z.array(z.looseObject({ ip: z.string().min(1) })),
  scanners: z.array(named),
  scans: z.array(named).optional(),
});

export type TenableWorld = {
  zones: Record<string, unknown>[];
  assets: Record<string, unknown>[];
  ipSummary: Record<string, unknown>[];
  scanners: Record<string, unknown>[];
  /** Optional; without it, one scan per zone named "<zone name> scan" over the zone's ipList. */
  scans?: Record<string, unknown>[];
};

export interface Launch {
  scanId: string;
  scanResultId: string;
  at: number;
  diagnosticTarget?: string;
}

/** A scan result created by a launch; `reads` drives Queued -> Running. */
export interface ScanResultRecord {
  result: ScObject;
  reads: number;
}

export interface TenableState {
  launches: Launch[];
  /** The launched scan results as the API would show them now. */
  scanResults: ScObject[];
}

export class TenableCenter {
  readonly zones: ScObject[];
  readonly assets: ScObject[];
  readonly ipSummary: ScObject[];
  readonly scanners: ScObject[];
  readonly scans: ScObject[];
  readonly scanResults: ScanResultRecord[] = [];
  readonly launches: Launch[] = [];
  /** The server lists "All Defined Ranges" whatever the filter (an emulator option). */
  ignoreExcludeAllDefined = false;
  private nextResultId = 501;

  constructor(world: TenableWorld) {
    const parsed = worldSchema.safeParse(world);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`tenable scenario: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
    }
    const copy = structuredClone(world);
    this.zones = copy.zones;
    this.assets = copy.assets;
    this.ipSummary = copy.ipSummary;
    this.scanners = copy.scanners;
    this.scans = copy.scans ?? copy.zones.map(scanForZone);
  }

  newScanResultId(): string {
    return String(this.nextResultId++);
  }
}

/** The synthetic scan of a zone: ids from 101 so they never equal the zone's own id by accident. */
function scanForZone(zone: ScObject, index: number): ScObject {
  return {
    id: String(101 + index),
    name: `${String(zone.name)} scan`,
    description: '',
    ipList: Array.isArray(zone.ipList) ? zone.ipList.join(',') : (zone.ipList ?? ''),
    zone: { id: zone.id, name: zone.name, description: zone.description ?? '' },
  };
}

/** Finds by id, whatever the scenario's id type (SC ids are strings, scenarios may use numbers). */
export function byId<T extends ScObject>(objects: readonly T[], id: string): T | undefined {
  return objects.find((object) => String(object.id) === id);
}
