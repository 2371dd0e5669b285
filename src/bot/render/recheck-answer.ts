/** What the person who asked for a re-check is told at once (the result itself goes to the thread). */
import { noLongerHad } from '../../app/actions/act.js';
import type { RecheckAnswer } from '../../app/investigations/request-recheck.js';
import { escapeInline } from './escape-mrkdwn.js';

/** The private answer, or null when there is nothing to say before the thread hears the result. */
export function recheckAnswerText(answer: RecheckAnswer, askedBy: string): string | null {
  switch (answer.kind) {
    case 'unknown':
      return `:warning: ${escapeInline(noLongerHad(answer), 500)}`;
    case 'still_running':
      return `${answer.record.repo}#${answer.record.issueNumber} is still being investigated: its findings are being posted. Press Re-check once they are.`;
    case 'limited':
      return answer.message;
    case 'joined': {
      const who = answer.startedBy === askedBy ? 'you' : `<@${answer.startedBy}>`;
      return `A re-check of ${answer.record.repo}#${answer.record.issueNumber} asked by ${who} is running and covers yours: its result will be in the thread.`;
    }
    case 'started':
      return null;
  }
}
