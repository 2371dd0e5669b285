/**
 * Which Tenable.sc scan zones cover an IP, and which static asset lists hold it. Zones and lists are
 * indexed once per investigation; each IP is then a binary search, however long the lists are.
 */
import type { AssetListRef, ScanZoneRef } from './evidence.js';
import { type IpRange, ipToNumber, isIPv4, parseIpList } from './ip.js';

export interface ScanZoneSource {
  id: string;
  name: string;
  /** IPs, CIDRs and ranges, comma or whitespace separated. */
  ipList: string;
}

export interface AssetListSource {
  id: string;
  name: string;
  definedIPs: string;
}

export interface CoverageIndex {
  zonesCovering(ip: string): ScanZoneRef[];
  assetListsHolding(ip: string): AssetListRef[];
}

export function indexCoverage(
  zones: readonly ScanZoneSource[],
  assetLists: readonly AssetListSource[],
): CoverageIndex {
  const zoneIndex = new RangeIndex(
    zones.map((zone) => ({ owner: { id: zone.id, name: zone.name }, list: zone.ipList })),
  );
  const listIndex = new RangeIndex(
    assetLists.map((list) => ({ owner: { id: list.id, name: list.name }, list: list.definedIPs })),
  );
  return {
    zonesCovering: (ip) => zoneIndex.ownersOf(ip),
    assetListsHolding: (ip) => listIndex.ownersOf(ip),
  };
}

/**
 * Owners of possibly overlapping IP ranges, cut into disjoint segments: `starts[i]` opens segment i,
 * which runs to `starts[i + 1] - 1` and is covered by `owners[i]` (in input order).
 */
class RangeIndex<T> {
  private readonly starts: number[] = [];
  private readonly owners: T[][] = [];

  constructor(sources: readonly { owner: T; list: string }[]) {
    const events: { at: number; source: number; delta: 1 | -1 }[] = [];
    sources.forEach((source, index) => {
      for (const range of parseIpList(source.list)) addEvents(events, range, index);
    });
    events.sort((a, b) => a.at - b.at);

    const active = new Map<number, number>();
    let i = 0;
    while (i < events.length) {
      const at = events[i].at;
      for (; i < events.length && events[i].at === at; i++) {
        const { source, delta } = events[i];
        const count = (active.get(source) ?? 0) + delta;
        if (count === 0) active.delete(source);
        else active.set(source, count);
      }
      const covering = [...active.keys()].sort((a, b) => a - b);
      this.starts.push(at);
      this.owners.push(covering.map((index) => sources[index].owner));
    }
  }

  ownersOf(ip: string): T[] {
    if (!isIPv4(ip)) return [];
    const n = ipToNumber(ip);
    let low = 0;
    let high = this.starts.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      if (this.starts[mid] <= n) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found < 0 ? [] : [...this.owners[found]];
  }
}

function addEvents(
  events: { at: number; source: number; delta: 1 | -1 }[],
  range: IpRange,
  source: number,
): void {
  events.push({ at: range.first, source, delta: 1 });
  // `last + 1` may be 2^32: still a safe number, and no address reaches it.
  events.push({ at: range.last + 1, source, delta: -1 });
}
