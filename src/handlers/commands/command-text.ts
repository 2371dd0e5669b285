/** What `/nessus-gap <text>` asks for; anything else is a usage error answered privately. */
import { parseIssueRef } from '../issue-ref.js';

export type CommandRequest =
  | { kind: 'help' }
  | { kind: 'status' }
  | { kind: 'scanners' }
  | { kind: 'doctor' }
  | { kind: 'investigate'; issue: number }
  | { kind: 'recheck'; issue: number }
  | { kind: 'invalid'; reason: string };

const MAX_TEXT = 500;

export function parseCommandText(text: string, repo: string): CommandRequest {
  if (text.length > MAX_TEXT) return { kind: 'invalid', reason: 'that is too long for a command' };
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first = '', ...rest] = words;
  switch (first.toLowerCase()) {
    case '':
    case 'help':
      return rest.length ? invalid(text) : { kind: 'help' };
    case 'status':
      return rest.length ? invalid(text) : { kind: 'status' };
    case 'scanners':
      return rest.length ? invalid(text) : { kind: 'scanners' };
    case 'doctor':
      return rest.length ? invalid(text) : { kind: 'doctor' };
    case 'recheck': {
      const issue = rest.length === 1 ? parseIssueRef(rest[0] ?? '', repo) : null;
      return issue === null
        ? { kind: 'invalid', reason: `recheck needs one issue of ${repo}: a number, #N or its URL` }
        : { kind: 'recheck', issue };
    }
    default: {
      const issue = rest.length === 0 ? parseIssueRef(first, repo) : null;
      return issue === null ? invalid(text) : { kind: 'investigate', issue };
    }
  }
}

function invalid(text: string): CommandRequest {
  return { kind: 'invalid', reason: `"${text.trim().slice(0, 80)}" is not something I understand` };
}

export function usage(repo: string): string {
  return [
    '*/nessus-gap* investigates a Nessus scan gap issue the way the runbook does.',
    `• \`/nessus-gap 4711\`, \`/nessus-gap #4711\` or \`/nessus-gap <issue URL>\`: investigate an issue of ${repo} in a thread here`,
    '• `/nessus-gap status`: open investigations and their threads',
    '• `/nessus-gap scanners`: health of every configured Nessus scanner',
    '• `/nessus-gap recheck 4711`: run the checks of an issue again',
    '• `/nessus-gap doctor`: check every configured system (only you see the answer)',
    '• `/nessus-gap help`: this text',
  ].join('\n');
}
