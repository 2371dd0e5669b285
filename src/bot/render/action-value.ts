/**
 * What a button carries back to us. `action_id` is `<action>` or `<action>:<anything>`
 * (docs/contract.md section 8): `<action>:<ip>` for one finding, `<action>:bulk:<category>` for a
 * whole category, `recheck:all` for the investigation. `value` is compact JSON naming the
 * investigation, the gap issue and the target (`{"i":12,"ip":"10.1.2.3","r":"owner/repo","n":4711}`),
 * or the category for a bulk button (`"c"`). Handlers decode both with the parsers below instead of
 * splitting strings.
 */
import { z } from 'zod';
import { InputError } from '../../errors.js';
import {
  ACTIONS,
  type ActionName,
  CATEGORIES,
  type Category,
  isActionName,
  isCategory,
} from '../../runbook/model.js';
import { SLACK_LIMITS } from './limits.js';

export interface IssueKey {
  repo: string;
  number: number;
}

/** What every button of one investigation needs to build its value. */
export interface ButtonContext {
  investigationId: number;
  issue: IssueKey;
}

const buttonValueSchema = z
  .object({
    i: z.number().int().nonnegative().optional(),
    ip: z.string().min(1).max(100).optional(),
    r: z.string().min(1).max(300),
    n: z.number().int().positive(),
    c: z.enum(CATEGORIES).optional(),
    /** 1 on the Retry of a failed action: the only button that may send it again. */
    t: z.literal(1).optional(),
  })
  .strict();

export type ButtonValue = z.infer<typeof buttonValueSchema>;

/** `recheck:all`: the action id of the summary's Re-check all button. */
export const RECHECK_ALL_ACTION_ID = 'recheck:all';

export function encodeButtonValue(value: ButtonValue): string {
  const json = JSON.stringify(value);
  if (json.length > SLACK_LIMITS.buttonValue) {
    throw new InputError(
      `button value is ${json.length} characters, over Slack's ${SLACK_LIMITS.buttonValue}`,
    );
  }
  return json;
}

/** The value of a clicked button, or an InputError saying what is wrong with it. */
export function decodeButtonValue(value: string | undefined): ButtonValue {
  if (value === undefined || value === '') throw new InputError('the button carries no value');
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch (error) {
    throw new InputError('the button value is not JSON', { cause: error });
  }
  const parsed = buttonValueSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`,
    );
    throw new InputError(`the button value is malformed (${problems.join('; ')})`);
  }
  return parsed.data;
}

export type ParsedActionId =
  | { action: ActionName; scope: 'one'; ip: string }
  | { action: ActionName; scope: 'bulk'; category: Category }
  | { action: 'recheck'; scope: 'all' };

/** `<action>:<ip>`, `<action>:bulk:<category>` or `recheck:all`; an InputError for anything else. */
export function parseActionId(actionId: string): ParsedActionId {
  const [action = '', ...rest] = actionId.split(':');
  if (!isActionName(action)) {
    throw new InputError(`unknown action "${actionId.slice(0, 60)}": expected one of ${ACTIONS.join(', ')}`);
  }
  if (actionId === RECHECK_ALL_ACTION_ID) return { action: 'recheck', scope: 'all' };
  if (rest[0] === 'bulk' && rest.length === 2) {
    const category = rest[1] ?? '';
    if (isCategory(category)) return { action, scope: 'bulk', category };
  }
  const ip = rest[0];
  if (ip === undefined || ip === '')
    throw new InputError(`action id "${actionId.slice(0, 60)}" names no target`);
  return { action, scope: 'one', ip };
}

/** `<action>:<ip>` for one finding's button. */
export function findingActionId(action: ActionName, ip: string): string {
  return `${action}:${ip}`.slice(0, SLACK_LIMITS.actionId);
}

/** `<action>:bulk:<category>` for a category's button. */
export function bulkActionId(action: ActionName, category: Category): string {
  return `${action}:bulk:${category}`;
}
