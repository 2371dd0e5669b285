/**
 * The short comment each action taken from Slack adds to the gap issue, e.g.
 * "10.10.1.11 (prod-dal10-carrier4-worker-01) was not in our IBM Cloud accounts and was marked
 * NOTALCHEMY in Inventory by @alice via Slack, 2026-11-26 09:05 UTC."
 *
 * The user is a Slack display name: it is escaped like all untrusted text, so `@alice` is shown with a
 * zero-width space after the `@` and can never mention the GitHub user `alice`.
 */

import { actionDescriptor } from '../actions/index.js';
import type { ActionName, Category } from '../model.js';
import { escapeMarkdown } from './escape-markdown.js';
import { actionLabel, CATEGORY_FACTS, verbOf } from './labels.js';
import { toSingleLine, truncate } from './sanitize.js';
import { formatUtc } from './summary.js';

export type ActionOutcome =
  /** The bot made the change. `detail`: one more sentence, e.g. "SoftLayer ticket 88004 updated." */
  | { status: 'done'; detail?: string }
  /** Guided manual mode: a person made the change in the dashboard and confirmed it in Slack. */
  | { status: 'done_by_hand'; detail?: string }
  | { status: 'failed'; reason: string };

export interface ActionCommentInput {
  action: ActionName;
  ip: string;
  hostname: string | null;
  /** Slack display name of the person who clicked. */
  user: string;
  at: Date;
  /** The gap issue the comment goes on; named in the hidden marker that lets the bot find it again. */
  issue: { repo: string; number: number };
  outcome: ActionOutcome;
  /** The finding's category, to say why the action was taken. */
  category?: Category;
  /** The investigation's random marker, so the comment is found again by the bot alone. */
  ref?: string | null;
}

export function renderActionComment(input: ActionCommentInput): string {
  const when = formatUtc(input.at);
  if (when === null) throw new RangeError('the time of the action is not a valid date');
  const target = describeTarget(input.ip, input.hostname);
  const user = mentionSafeUser(input.user);
  const outcome = input.outcome;

  let sentence: string;
  if (outcome.status === 'failed') {
    const reason = escapeMarkdown(truncate(toSingleLine(outcome.reason), 500)) || 'no reason given';
    sentence = `${actionLabel(input.action, input.category)} failed for ${target}, asked by ${user} via Slack, ${when}: ${reason}.`;
  } else {
    const why = input.category === undefined ? '' : `${CATEGORY_FACTS[input.category]} and `;
    const how = outcome.status === 'done' ? 'via Slack' : '(done by hand, confirmed via Slack)';
    sentence = `${target} ${why}${actionDescriptor(verbOf(input.action, input.category)).done} by ${user} ${how}, ${when}.`;
    const detail =
      outcome.detail === undefined ? '' : escapeMarkdown(truncate(toSingleLine(outcome.detail), 500));
    if (detail !== '') sentence += ` ${detail}`;
  }
  return `${sentence}\n\n${marker(input)}`;
}

/** `@` and the escaped name: reads like a Slack handle, notifies nobody on GitHub. */
export function mentionSafeUser(user: string): string {
  const name = truncate(toSingleLine(user).replace(/^@+/, ''), 80);
  return name === '' ? 'someone' : escapeMarkdown(`@${name}`);
}

function describeTarget(ip: string, hostname: string | null): string {
  const address = escapeMarkdown(truncate(toSingleLine(ip), 45));
  const host = hostname === null ? '' : escapeMarkdown(truncate(toSingleLine(hostname), 100));
  return host === '' ? address : `${address} (${host})`;
}

/** Hidden `<!-- nessus-gap:action ... -->` line: machine-readable, unable to close the comment early. */
function marker(input: ActionCommentInput): string {
  const token = (text: string) => text.replace(/[^A-Za-z0-9._/:-]/g, '').replace(/-{2,}/g, '-');
  const ref = input.ref ? ` ref=${token(input.ref)}` : '';
  return `<!-- nessus-gap:action action=${input.action} ip=${token(input.ip)} issue=${token(input.issue.repo)}#${Math.trunc(input.issue.number)} status=${input.outcome.status}${ref} -->`;
}
