/**
 * An action as one descriptor: its words, whether it changes anything, when it may be offered (its
 * preconditions, checked when the finding is made and again on fresh evidence when it is clicked),
 * and what a crash in the middle of it means. The change itself is made outside the runbook, by the
 * effect of the same verb (src/app/actions/effects.ts).
 */
import type { DiagnosisContext } from '../context.js';
import type { Evidence } from '../evidence.js';

export type Precondition = { ok: true } | { ok: false; reason: string };

export const HOLDS: Precondition = Object.freeze({ ok: true });

export function fails(reason: string): Precondition {
  return { ok: false, reason };
}

export interface ActionDescriptor<V extends string = string, N extends string = string> {
  /** What the bot does; `reboot` and `power_on` are two verbs of the one action `power_on`. */
  verb: V;
  /** The action's stable name: JSON output, button action ids, the audit log. */
  name: N;
  /** Button text. */
  label: string;
  /** Bulk button text: "Mark all 37 NOTALCHEMY". */
  bulkLabel(count: number): string;
  /** What it will do to `target` (an IP, or "these 37 IPs"), as the start of a question. */
  question(target: string): string;
  /** Starts the line that replaces the button: "Marked NOTALCHEMY". */
  outcome: string;
  /** Follows the IP in the issue comment: "10.1.2.3 was marked NOTALCHEMY in Inventory". */
  done: string;
  /** False only for a re-check, which changes nothing outside and needs no confirmation. */
  changes: boolean;
  /** Slack's red style on the button: it changes inventory or a machine's power. */
  danger: boolean;
  /**
   * After a crash between the change and its outcome: `redo` when doing it again is harmless (the
   * effect reads the current value first); `ask` when only a person may decide, through Retry,
   * after the bot has read what it can of the current state.
   */
  interrupted: 'redo' | 'ask';
  /** When it may be offered, on this evidence; the reason says why not, for the person who clicked. */
  precondition(evidence: Evidence, context: DiagnosisContext): Precondition;
}

export function defineAction<const V extends string, const N extends string>(
  descriptor: ActionDescriptor<V, N>,
): ActionDescriptor<V, N> {
  return Object.freeze(descriptor);
}
