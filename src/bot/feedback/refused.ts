/** Targets a click changed nothing for, because their precondition no longer holds, told privately. */
import type { Refused } from '../../app/actions/clear-for-action.js';
import { escapeInline } from '../render/escape-mrkdwn.js';

const LISTED = 20;

export function refusedText(refused: readonly Refused[]): string {
  const lines = refused
    .slice(0, LISTED)
    .map((item) => `• ${escapeInline(item.ip)}: ${escapeInline(item.reason, 300)}`)
    .join('\n');
  const more = refused.length > LISTED ? `\n…and ${refused.length - LISTED} more` : '';
  return `:no_entry_sign: Nothing was changed for ${refused.length === 1 ? 'this IP' : `${refused.length} IPs`}: checked again just now, the action no longer applies.\n${lines}${more}\nPress Re-check to bring the thread up to date.`;
}
