/**
 * Which actions a finding offers: the category's, each only where its preconditions hold on the
 * evidence. The same preconditions are checked again on fresh evidence when a button is clicked.
 */
import { type ActionName, type ActionVerb, actionDescriptor } from './actions/index.js';
import { type Category, categoryDescriptor } from './categories/index.js';
import type { DiagnosisContext } from './context.js';
import type { Evidence } from './evidence.js';

export function offeredVerbs(
  category: Category,
  evidence: Evidence,
  context: DiagnosisContext,
): ActionVerb[] {
  return categoryDescriptor(category).offers.filter(
    (verb) => actionDescriptor(verb).precondition(evidence, context).ok,
  );
}

/**
 * The verb behind an action on a finding of `category`: `power_on` on an unreachable machine is a
 * reboot. Without a category (or one that does not offer it), the action's own verb.
 */
export function verbOf(action: ActionName, category?: Category): ActionVerb {
  const offered = category
    ? categoryDescriptor(category).offers.find((verb) => actionDescriptor(verb).name === action)
    : undefined;
  // Every action's name is also the verb of its plain form.
  return offered ?? action;
}
