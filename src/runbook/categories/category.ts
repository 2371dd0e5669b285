/**
 * A diagnosis category as one descriptor: its rule, its words, where it sits in the thread, the
 * runbook section it comes from, the fix it explains and the actions it may offer. The registry
 * (index.ts) orders them as the rules are tried; everything else is derived from it.
 */
import type { ActionVerb } from '../actions/index.js';
import type { DiagnosisContext } from '../context.js';
import type { Evidence } from '../evidence.js';
import type { Link } from '../finding.js';
import type { RunbookSection } from '../links.js';
import type { RuleResult } from '../rules/rule.js';
import type { Facts } from './facts.js';

/** What a category tells a person about one finding. */
export interface Guide {
  summary: string;
  /** The facts that decided the category. */
  evidence: string[];
  /** The runbook's steps, in order, with the real IP, host and scanner. */
  fixes: string[];
  links?: Link[];
}

export interface CategoryDescriptor<N extends string = string> {
  /** The JSON name (stable: scripts and the issue comments' readers rely on it). */
  name: N;
  /** First match wins, in the registry's order; null for `check_failed`, which no rule makes. */
  rule: ((evidence: Evidence, context: DiagnosisContext) => RuleResult) | null;
  /** Short name, our own words: no quotes, angle brackets, ampersands or line breaks. */
  label: string;
  /** A standard Slack emoji shortcode. */
  emoji: string;
  /** One line: what to do (the runbook's fix, shortened). */
  hint: string;
  /** What was true of a target in this category, after its IP in a sentence ("10.1.2.3 was ..."). */
  fact: string;
  section: RunbookSection;
  /** Where its findings go in Slack: lower first (what a person can settle now comes first). */
  threadRank: number;
  /** No cause a button or a runbook step settles: counted as "needs a person". */
  needsPerson: boolean;
  /** The actions it may offer, each only where its preconditions hold. */
  offers: readonly ActionVerb[];
  guide(facts: Facts): Guide;
}

/** Keeps the literal name, so the registry can derive the `Category` union. */
export function defineCategory<const N extends string>(
  descriptor: CategoryDescriptor<N>,
): CategoryDescriptor<N> {
  return Object.freeze(descriptor);
}
