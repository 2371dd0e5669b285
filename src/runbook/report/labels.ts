/**
 * The words people read for each category and action, as renderers look them up: projections of the
 * registries (src/runbook/categories/, src/runbook/actions/), where each word is written once. They
 * are our own constants, never untrusted text, so renderers may put them where escaping is
 * impossible (a mermaid label, an HTML `<summary>`); a test keeps them free of quotes, angle
 * brackets, ampersands and line breaks.
 */
import { type ActionName, type ActionVerb, actionDescriptor } from '../actions/index.js';
import { CATEGORY_DESCRIPTORS, type Category, type CategoryDescriptor } from '../categories/index.js';
import { verbOf } from '../offers.js';

function byCategory(word: (descriptor: CategoryDescriptor) => string): Readonly<Record<Category, string>> {
  return Object.freeze(Object.fromEntries(CATEGORY_DESCRIPTORS.map((d) => [d.name, word(d)]))) as Record<
    Category,
    string
  >;
}

/** Short human name of each category. */
export const CATEGORY_LABELS = byCategory((d) => d.label);
/** One line: what to do about the category (the runbook's fix, shortened). */
export const CATEGORY_HINTS = byCategory((d) => d.hint);
/** A Slack emoji shortcode per category (standard emoji only, no custom ones). */
export const CATEGORY_EMOJI = byCategory((d) => d.emoji);
/** What was true of a target in the category, to follow its IP in a sentence ("10.1.2.3 was ..."). */
export const CATEGORY_FACTS = byCategory((d) => d.fact);

/**
 * Categories in which the investigation found no cause a button or a runbook step settles: a check
 * could not be made, the host does not answer for a reason only its owner can find, or nothing is
 * wrong at all. Headlines count these as "need a person"; every other category is a "cause found".
 */
export const NEEDS_A_PERSON: ReadonlySet<Category> = new Set(
  CATEGORY_DESCRIPTORS.filter((d) => d.needsPerson).map((d) => d.name),
);

/** The button text of an action on a finding of `category` (a reboot, for `power_on` on an unreachable machine). */
export function actionLabel(action: ActionName, category?: Category): string {
  return actionDescriptor(verbOf(action, category)).label;
}

export { type ActionVerb, verbOf };
