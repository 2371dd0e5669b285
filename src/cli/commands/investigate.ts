/**
 * `nessus-gap investigate --scenario FILE | --issue N [--format json|markdown|text] [--post]`: one
 * full investigation through the real HTTP adapters, against a sandbox world started in this process
 * or against the endpoints configured in the environment. Without `--post` it only reads; with it,
 * the bot's own use case runs (src/app/investigations/start.ts): the investigation is claimed in the
 * store (so the bot and the command line never run one issue twice) and the report is commented on
 * the issue, with no Slack involved.
 */
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario, type Sandbox, ScenarioError, startSandbox } from '../../../sandbox/index.js';
import { type InvestigateConfig, loadConfig } from '../../config/index.js';
import { InputError } from '../../errors.js';
import { parseIssueRef } from '../../handlers/issue-ref.js';
import { createIntegrations } from '../../integrations/create-integrations.js';
import { investigationDeps } from '../../investigation/deps-from-config.js';
import { investigateIssue, type Progress } from '../../investigation/investigate.js';
import { createLogger } from '../../logger.js';
import type { InvestigationReport } from '../../runbook/finding.js';
import { toContractJson } from '../../runbook/report/json.js';
import { renderIssueComments } from '../../runbook/report/markdown.js';
import { renderText } from '../../runbook/report/text.js';
import { type CommandIo, writeLine } from '../io.js';
import { parseNumberOption, parseRateOption } from '../options.js';
import { investigateAndPost } from '../post-investigation.js';

const FORMATS = ['json', 'markdown', 'text'] as const;
type Format = (typeof FORMATS)[number];

export async function investigateCommand(io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: io.argv,
    allowPositionals: false,
    options: {
      scenario: { type: 'string' },
      issue: { type: 'string' },
      format: { type: 'string', default: 'text' },
      latency: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      post: { type: 'boolean', default: false },
    },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format))
    throw new InputError(`--format must be one of ${FORMATS.join(', ')} (got '${values.format}').`);
  if ((values.scenario === undefined) === (values.issue === undefined)) {
    throw new InputError(
      'give either --scenario FILE (a sandbox world) or --issue N (the configured endpoints).',
    );
  }

  let sandbox: Sandbox | null = null;
  let env = io.env;
  let issueArg = values.issue ?? '';
  if (values.scenario !== undefined) {
    let scenario: ReturnType<typeof loadScenario>;
    try {
      scenario = loadScenario(values.scenario);
    } catch (error) {
      if (error instanceof ScenarioError) throw new InputError(error.message);
      throw error;
    }
    sandbox = await startSandbox(scenario, {
      latencyMs: parseNumberOption('--latency', values.latency, 0),
      faultRate: parseRateOption('--faults', values.faults),
      seed: parseNumberOption('--seed', values.seed, 42),
    });
    // The sandbox's endpoints replace any configured ones: a scenario never reaches a real system.
    env = { LOG_LEVEL: io.env.LOG_LEVEL ?? 'warn', ...sandbox.env };
    issueArg = String(scenario.github.gapIssue);
  }

  try {
    const config = loadConfig(env, { mode: 'investigate' }) as InvestigateConfig;
    const issueNumber = parseIssueRef(issueArg, config.github.gapIssuesRepo);
    if (issueNumber === null) {
      throw new InputError(
        `--issue must be an issue number, #N or a URL of ${config.github.gapIssuesRepo} (got '${issueArg}').`,
      );
    }
    const logger = createLogger({ level: env.LOG_LEVEL ?? config.logLevel, secrets: config.secrets() });
    const integrations = createIntegrations(config, logger, { fast: sandbox !== null });
    try {
      const deps = investigationDeps(config, integrations, logger);
      if (values.post) {
        // A sandbox world gets a store of its own: its issues are not the configured ones.
        const databaseUrl = sandbox
          ? `sqlite:${join(dirname(sandbox.configPath), 'nessus-gap.db')}`
          : config.database.url;
        const report = await investigateAndPost(
          io,
          { config, integrations, deps, logger, databaseUrl },
          issueNumber,
        );
        io.stdout.write(render(report, format));
        return 0;
      }
      const { report } = await investigateIssue(issueNumber, deps, {
        onProgress: io.interactive ? (p) => showProgress(io, p) : undefined,
      });
      if (io.interactive) io.stderr.write('\r\x1b[K');
      io.stdout.write(render(report, format));
      return 0;
    } finally {
      integrations.close();
    }
  } finally {
    await sandbox?.close();
  }
}

function render(report: InvestigationReport, format: Format): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(toContractJson(report))}\n`;
    case 'markdown':
      return `${renderIssueComments(report).join('\n\n')}\n`;
    case 'text':
      return renderText(report);
  }
}

function showProgress(io: CommandIo, progress: Progress): void {
  const line =
    progress.phase === 'probes' || progress.phase === 'diagnosis'
      ? `checked ${progress.done} of ${progress.total}`
      : progress.phase === 'issue'
        ? 'reading the gap issue'
        : progress.phase === 'lookups'
          ? `looking up ${progress.total} targets`
          : 'done';
  io.stderr.write(`\r\x1b[K${line}`);
  if (progress.phase === 'done') writeLine(io.stderr, '');
}
