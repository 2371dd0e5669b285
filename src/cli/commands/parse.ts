import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InputError } from '../../errors.js';
import { contractTarget } from '../../runbook/model.js';
import { parseGapReport } from '../../runbook/parse-gap-report.js';
import { type CommandIo, readAll, writeLine } from '../io.js';

/** `nessus-gap parse [FILE]`: the targets of a gap issue body, as `{"targets":[...]}`. */
export async function parseCommand(io: CommandIo): Promise<number> {
  const { positionals } = parseArgs({ args: io.argv, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new InputError('parse takes at most one FILE (or reads stdin).');
  const file = positionals[0];
  let body: string;
  if (file === undefined || file === '-') {
    body = await readAll(io.stdin);
  } else {
    try {
      body = await readFile(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new InputError(`cannot read ${file}: ${reason === 'ENOENT' ? 'no such file' : reason}.`);
    }
  }
  writeLine(io.stdout, JSON.stringify({ targets: parseGapReport(body).map(contractTarget) }));
  return 0;
}
