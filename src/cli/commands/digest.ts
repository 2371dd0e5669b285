/**
 * `nessus-gap digest [--weeks N] [--format text|json|png] [--out PATH] [--at TIME]`: the weekly
 * digest the schedule posts, from the store of DATABASE_URL, without Slack. `text` is GitHub
 * markdown with the chart as mermaid (paste it into an issue or a wiki page); `json` the figures
 * (docs/contract.md section 11); `png` writes the chart to `--out` (default
 * `nessus-gap-digest-DATE.png` in the current folder) and prints the path. `--weeks` is how many weeks
 * the chart shows (default 8); `--at` ends the week at another moment than now.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gatherDigest } from '../../app/digest/gather-digest.js';
import { digestChartPng } from '../../chart/digest-chart.js';
import { loadConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import { DEFAULT_DIGEST_WEEKS, MAX_DIGEST_WEEKS } from '../../runbook/digest/digest.js';
import { digestJson } from '../../runbook/digest/digest-json.js';
import { digestMarkdown } from '../../runbook/digest/digest-markdown.js';
import { type CommandIo, writeLine } from '../io.js';
import { openExistingStore } from '../read-store.js';

const FORMATS = ['text', 'json', 'png'] as const;
type Format = (typeof FORMATS)[number];

interface DigestArguments {
  weeks: number;
  format: Format;
  out: string | undefined;
  at: Date;
}

export async function digestCommand(io: CommandIo): Promise<number> {
  const args = readArguments(io.argv);
  const config = loadConfig(io.env, { mode: 'cli' });
  const store = await openExistingStore('digest', config.database);
  let digest: Awaited<ReturnType<typeof gatherDigest>>;
  try {
    digest = await gatherDigest({ store }, args.at, args.weeks);
  } finally {
    await store.close();
  }
  if (args.format === 'json') {
    writeLine(io.stdout, JSON.stringify(digestJson(digest)));
  } else if (args.format === 'text') {
    writeLine(io.stdout, digestMarkdown(digest));
  } else {
    const path = resolve(args.out ?? `nessus-gap-digest-${args.at.toISOString().slice(0, 10)}.png`);
    writeFileSync(path, digestChartPng(digest.chart, `Unscanned targets by cause, last ${args.weeks} weeks`));
    writeLine(io.stdout, path);
  }
  return 0;
}

function readArguments(argv: string[]): DigestArguments {
  let values: { weeks?: string; format?: string; out?: string; at?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        weeks: { type: 'string', default: String(DEFAULT_DIGEST_WEEKS) },
        format: { type: 'string', default: 'text' },
        out: { type: 'string' },
        at: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new InputError(`digest: ${(error as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
  if (positionals.length > 0) throw new InputError(`digest: unexpected argument '${positionals[0]}'.`);
  const format = values.format as Format;
  if (!FORMATS.includes(format)) {
    throw new InputError(`digest: --format must be one of ${FORMATS.join(', ')} (got '${values.format}').`);
  }
  const weeks = Number(values.weeks);
  if (!/^\d+$/.test(values.weeks ?? '') || weeks < 1 || weeks > MAX_DIGEST_WEEKS) {
    throw new InputError(
      `digest: --weeks must be a whole number from 1 to ${MAX_DIGEST_WEEKS} (got '${values.weeks}').`,
    );
  }
  if (values.out !== undefined && format !== 'png') {
    throw new InputError('digest: --out is for --format png (text and json are printed).');
  }
  const at = values.at === undefined ? new Date() : new Date(values.at);
  if (Number.isNaN(at.getTime())) {
    throw new InputError(`digest: --at must be a time such as 2026-11-30T08:00:00Z (got '${values.at}').`);
  }
  return { weeks, format, out: values.out, at };
}
