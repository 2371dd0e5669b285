/**
 * `nessus-gap audit [--issue N] [--format json|text]`: the compliance evidence of who did what, when,
 * read from the bot's store (DATABASE_URL). Every button press is there, refusals included, oldest
 * first. JSON is an array of `{"at","user","action","ip","issue","result"}` (docs/contract.md section 10):
 * `at` ISO-8601 UTC (when it was asked), `user` the Slack name (the id when no name is known),
 * `issue` the gap issue's number, `result` the outcome, then `: ` and its detail when there is one
 * (`done: inventory server 1001 set to environment NOTALCHEMY`, `refused: not authorised`,
 * `in progress` while the bot is still on it). `--issue` takes N or #N (that number in any repository)
 * or the issue's URL (that repository only).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import type { ActionRecord } from '../../store/store.js';
import { type CommandIo, writeLine } from '../io.js';
import { openExistingStore } from '../read-store.js';

const FORMATS = ['json', 'text'] as const;
type Format = (typeof FORMATS)[number];

export interface AuditEntry {
  at: string;
  user: string;
  action: string;
  ip: string;
  issue: number;
  result: string;
}

export async function auditCommand(io: CommandIo): Promise<number> {
  const args = readArguments(io.argv);
  const config = loadConfig(io.env, { mode: 'cli' });
  const filter = args.issue === undefined ? {} : parseIssueFilter(args.issue);
  const store = await openExistingStore('audit', config.database);
  let actions: ActionRecord[];
  try {
    actions = await store.listActions(filter);
  } finally {
    await store.close();
  }
  const entries = actions.map(toEntry);
  if (args.format === 'json') writeLine(io.stdout, JSON.stringify(entries));
  else writeLine(io.stdout, renderTable(entries));
  return 0;
}

function readArguments(argv: string[]): { issue: string | undefined; format: Format } {
  let values: { issue?: string; format?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { issue: { type: 'string' }, format: { type: 'string', default: 'text' } },
    }));
  } catch (error) {
    throw new InputError(`audit: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
  if (positionals.length > 0) throw new InputError(`audit: unexpected argument '${positionals[0]}'.`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new InputError(`audit: --format must be one of ${FORMATS.join(', ')} (got '${values.format}').`);
  }
  return { issue: values.issue, format };
}

/** `N`, `#N` (any repository), or an issue URL `https://host/OWNER/NAME/issues/N` (that repository). */
function parseIssueFilter(text: string): { repo?: string; issueNumber: number } {
  const value = text.trim();
  const bare = /^#?(\d{1,8})$/.exec(value);
  if (bare && Number(bare[1]) > 0) return { issueNumber: Number(bare[1]) };
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {}
  const path =
    url && /^https?:$/.test(url.protocol)
      ? /\/([^/]+)\/([^/]+)\/issues\/(\d{1,8})\/?$/.exec(url.pathname)
      : null;
  if (path && Number(path[3]) > 0) return { repo: `${path[1]}/${path[2]}`, issueNumber: Number(path[3]) };
  throw new InputError(`audit: --issue must be an issue number, #N or an issue URL (got '${text}').`);
}

const OUTCOMES: Record<ActionRecord['status'], string> = {
  intent: 'in progress',
  done: 'done',
  failed: 'failed',
  refused: 'refused',
};

export function toEntry(action: ActionRecord): AuditEntry {
  const detail = action.result?.trim() ?? '';
  return {
    at: action.createdAt.toISOString(),
    user: action.userName ?? action.userId,
    action: action.action,
    ip: action.ip,
    issue: action.issueNumber,
    result: detail === '' ? OUTCOMES[action.status] : `${OUTCOMES[action.status]}: ${detail}`,
  };
}

const COLUMNS: [header: string, cell: (e: AuditEntry) => string][] = [
  ['AT (UTC)', (e) => e.at.slice(0, 16).replace('T', ' ')],
  ['USER', (e) => e.user],
  ['ACTION', (e) => e.action],
  ['IP', (e) => e.ip],
  ['ISSUE', (e) => `#${e.issue}`],
  ['RESULT', (e) => e.result],
];

/** An aligned table; untrusted text (names, details) loses control characters so it cannot move the cursor. */
export function renderTable(entries: AuditEntry[]): string {
  if (entries.length === 0) return 'No actions recorded.';
  const rows = [
    COLUMNS.map(([header]) => header),
    ...entries.map((e) => COLUMNS.map(([, cell]) => printable(cell(e)))),
  ];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
}
