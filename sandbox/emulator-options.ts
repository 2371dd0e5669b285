/** Options every sandbox emulator accepts; shared so all emulators behave alike under faults and latency. */
export interface EmulatorCommonOptions {
  latencyMs?: number;
  faultRate?: number;
  seed?: number;
  credentials?: { username: string; apiKey: string };
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  tls?: { key: string; cert: string };
}

/** One of `items`, chosen by an emulator's seeded generator (fault kinds, mostly). */
export function pickOne<T>(items: readonly [T, ...T[]], random: () => number): T {
  const index = Math.min(items.length - 1, Math.floor(random() * items.length));
  return items[index] ?? items[0];
}
