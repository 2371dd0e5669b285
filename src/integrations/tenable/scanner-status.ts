import type { ScannerCondition } from '../../runbook/evidence.js';

/**
 * Tenable.sc scanner `status` is a numeric bit-flag string (docs/outside-apis.md section 2.8). "1" alone is
 * healthy; otherwise the highest set bit is the primary reason, the other set bits follow it.
 */

const FLAGS: ReadonlyArray<readonly [number, string]> = [
  [524288, 'Resource Unavailable'],
  [131072, 'License Invalid'],
  [65536, 'LCE version too low'],
  [32768, 'Scanner requires an upgrade'],
  [16384, 'Scanner disabled by user'],
  [8192, 'Updating Status'],
  [4096, 'LCE query daemon down'],
  [2048, 'LCE main daemon down'],
  [1024, 'Updating Plugins'],
  [512, 'PVS results ready'],
  [256, 'Plugins out of sync'],
  [128, 'Reloading Scanner'],
  [64, 'Invalid Configuration'],
  [32, 'Authentication Error'],
  [16, 'Protocol Error'],
  [8, 'Certificate mismatch'],
  [4, 'Connection Timeout'],
  [2, 'Connection Error'],
  [1, 'Working'],
];

export function isHealthyScannerStatus(status: string): boolean {
  return status.trim() === '1';
}

/** `Authentication Error, Working` for 33; the raw value when it is not a number. */
export function describeScannerStatus(status: string): string {
  const text = status.trim();
  if (!/^\d+$/.test(text)) return text === '' ? 'unknown status' : text;
  let remaining = Number(text);
  if (remaining === 0) return 'unknown status 0';
  const labels: string[] = [];
  for (const [bit, label] of FLAGS) {
    if (remaining >= bit && Math.floor(remaining / bit) % 2 === 1) {
      labels.push(label);
      remaining -= bit;
    }
  }
  if (remaining > 0) labels.unshift(`unknown status bits ${remaining}`);
  return labels.join(', ');
}

/**
 * What a status means for scanning: `error` when Tenable.sc cannot use the scanner (connection,
 * certificate, protocol, authentication, configuration, licence, resources, an upgrade needed),
 * `disabled` when a person turned it off, `busy` while it reloads or updates (it comes back by
 * itself), `working` otherwise. Bits about PVS and LCE concern other products and change nothing.
 */

const ERROR_BITS = 2 | 4 | 8 | 16 | 32 | 64 | 32768 | 131072 | 524288;
const BUSY_BITS = 128 | 256 | 1024 | 8192;
const DISABLED_BIT = 16384;

export function scannerCondition(status: string): ScannerCondition {
  const text = status.trim();
  if (!/^\d+$/.test(text)) return 'error';
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value === 0) return 'error';
  const has = (bits: number) => Number(BigInt(value) & BigInt(bits)) !== 0;
  if (has(ERROR_BITS)) return 'error';
  if (has(DISABLED_BIT)) return 'disabled';
  if (has(BUSY_BITS)) return 'busy';
  return has(1) ? 'working' : 'error';
}
