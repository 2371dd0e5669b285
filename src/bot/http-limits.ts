/**
 * What the HTTP front allows a request before its signature is checked. Slack sends small bodies
 * (an event or a click is a few kB; a click on a message of 50 full blocks stays under 300 kB) all at
 * once, from servers that answer in milliseconds, and wants an answer within 3 s: a request that is
 * slower, bigger or more numerous than this is not Slack. Why each value: SECURITY.md, "Limits".
 */

export interface FrontLimits {
  /** One request's body; over it: 413 and the connection closed, without reading on. */
  bodyBytes: number;
  /** Every body not yet verified, together; over it: 503 (Slack retries events). */
  unverifiedBytes: number;
  /** From the connection (or the end of the previous request) to the end of the headers. */
  headersTimeoutMs: number;
  /** From the start of a request to the end of its body. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection between two requests. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past their deadlines (its default is 30 s). */
  checkIntervalMs: number;
  /** Open connections at once; more are dropped on arrival. */
  maxConnections: number;
}

export const FRONT_LIMITS: Readonly<FrontLimits> = Object.freeze({
  bodyBytes: 1024 * 1024,
  unverifiedBytes: 8 * 1024 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 256,
});

/** Bytes held by bodies being read, before their signature is checked: taken and given back. */
export class ByteBudget {
  private held = 0;
  private peakHeld = 0;

  constructor(private readonly limit: number) {}

  /** Takes `bytes` if they fit under the limit; false (nothing taken) when they do not. */
  take(bytes: number): boolean {
    if (this.held + bytes > this.limit) return false;
    this.held += bytes;
    this.peakHeld = Math.max(this.peakHeld, this.held);
    return true;
  }

  give(bytes: number): void {
    this.held = Math.max(0, this.held - bytes);
  }

  get current(): number {
    return this.held;
  }

  get peak(): number {
    return this.peakHeld;
  }
}
