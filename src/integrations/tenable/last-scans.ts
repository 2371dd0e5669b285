/**
 * The sumip analysis (docs/outside-apis.md section 2.7) read into last scan runs per IP: epoch-second strings
 * to ISO (`""`, `"0"` and missing all mean never), one IP's rows across repositories merged to the latest run
 * of each kind, and only the IPs that were asked about kept (a filter the server ignored must not leak other
 * hosts into the evidence).
 */
import { z } from 'zod';
import type { LastScan } from '../../runbook/evidence.js';
import { idString } from '../http/lenient.js';

const epochField = z.union([z.string(), z.number()]).nullish();

export const sumipRowSchema = z.object({
  ip: z.string(),
  dnsName: z.string().nullish(),
  lastAuthRun: epochField,
  lastUnauthRun: epochField,
  repository: z.object({ id: idString.nullish() }).nullish(),
});

export type SumipRow = z.output<typeof sumipRowSchema>;

export function epochToIso(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) return null;
  const seconds = Number(text);
  if (seconds <= 0) return null;
  return new Date(seconds * 1000).toISOString();
}

export function mergeLastScans(
  rows: readonly SumipRow[],
  wanted: ReadonlySet<string>,
): Map<string, LastScan> {
  const byIp = new Map<string, LastScan>();
  for (const row of rows) {
    const ip = row.ip.trim();
    if (!wanted.has(ip)) continue;
    const scan: LastScan = {
      lastAuthRun: epochToIso(row.lastAuthRun),
      lastUnauthRun: epochToIso(row.lastUnauthRun),
    };
    const seen = byIp.get(ip);
    byIp.set(
      ip,
      seen
        ? {
            lastAuthRun: latest(seen.lastAuthRun, scan.lastAuthRun),
            lastUnauthRun: latest(seen.lastUnauthRun, scan.lastUnauthRun),
          }
        : scan,
    );
  }
  return byIp;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Comma lists of IPs no longer than `maxChars` each (a filter value has practical size limits). */
export function chunkIpList(ips: readonly string[], maxChars: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const ip of ips) {
    if (current !== '' && current.length + 1 + ip.length > maxChars) {
      chunks.push(current);
      current = '';
    }
    current = current === '' ? ip : `${current},${ip}`;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}
