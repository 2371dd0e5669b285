/**
 * The layering rules of docs/architecture.md, enforced on the real sources by a test, not by
 * agreement:
 * - src/runbook is pure: no I/O modules, no outer layers (not even `import type` from them);
 * - sandbox/ shares no code with src/ and uses only node builtins, zod, yaml and its own files;
 * - src/integrations does not reach up into src/app, src/handlers, src/bot or src/server;
 * - the use cases (src/app) never import the Slack side (src/bot, src/handlers), the composition
 *   root (src/server), the command line or Slack's SDKs, and take adapters only as types;
 * - the Slack side never imports src/integrations (adapters reach it through the use cases), and the
 *   handlers never import the store either: they call use cases;
 * - Slack's SDKs are imported only by the Slack side (and the doctor's check of Slack itself);
 * - src/workers runs pure work (the runbook, the renderers) and is reached only by the composition
 *   roots (src/server, src/cli): the layers below are given it through an interface;
 * - no cycle of run-time imports anywhere in src/;
 * - no console output in src/ outside src/cli, nor in sandbox/ (logs go through pino).
 * Imports are read from the TypeScript syntax tree, so comments and strings never count.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

interface ProjectFile {
  /** Path from the project root, with forward slashes (`src/runbook/ip.ts`). */
  path: string;
  text: string;
}

interface ImportRef {
  specifier: string;
  line: number;
  /** `import type` / `export type`: erased at compile time. */
  typeOnly: boolean;
}

function importsOf(source: ts.SourceFile): ImportRef[] {
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      refs.push({ specifier: specifier.text, line: lineOf(source, node), typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    } else if (ts.isExportDeclaration(node)) {
      add(node, node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isImportTypeNode(node)) {
      const argument = node.argument;
      if (ts.isLiteralTypeNode(argument)) add(node, argument.literal, true);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isDynamicImport || isRequire) add(node, node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** Lines where `console.<anything>` is used. */
function consoleUses(source: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'console'
    ) {
      lines.push(lineOf(source, node));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

/** Where an import points: a project path for relative imports, else the package or builtin name. */
function target(file: ProjectFile, specifier: string): { project: string } | { module: string } {
  if (specifier.startsWith('.'))
    return { project: posix.normalize(posix.join(posix.dirname(file.path), specifier)) };
  return { module: specifier };
}

const within = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

const BUILTINS = new Set(builtinModules.map((name) => name.replace(/^node:/, '')));

function isBuiltin(module: string): boolean {
  return module.startsWith('node:') || BUILTINS.has(module) || BUILTINS.has(module.split('/')[0] ?? '');
}

/** The builtin or package a specifier names: `node:fs/promises` -> `fs`, `@slack/bolt` -> `@slack/bolt`. */
function moduleName(module: string): string {
  const bare = module.replace(/^node:/, '');
  const parts = bare.split('/');
  return bare.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? bare);
}

const RUNBOOK_FORBIDDEN_DIRS = [
  'src/integrations',
  'src/handlers',
  'src/bot',
  'src/investigation',
  'src/store',
  'src/cli',
  'sandbox',
];
/** src/config reads files: the runbook may share its types, not run it. */
const RUNBOOK_TYPE_ONLY_DIRS = ['src/config'];
const RUNBOOK_FORBIDDEN_MODULES = new Set([
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dgram',
  'dns',
  'child_process',
  'fs',
  'ssh2',
  'pg',
  'better-sqlite3',
  'undici',
]);
const RUNBOOK_FORBIDDEN_SCOPES = ['@slack/', '@octokit/'];
// ws: the server side of Socket Mode. The bot's side is undici's WebSocket client (through
// @slack/socket-mode), so the two ends still share no code.
const SANDBOX_ALLOWED_PACKAGES = new Set(['zod', 'yaml', 'ws']);
const SLACK_SDK = ['@slack/'];
// The doctor checks Slack itself (auth.test and the token's scopes), as it checks every other system.
const SLACK_SIDE = ['src/bot', 'src/handlers', 'src/doctor/checks/slack.ts', 'src/doctor/run-doctor.ts'];

/** What a worker thread's code may not reach: I/O adapters, the use cases, Slack's app (its renderers are pure). */
const WORKERS_FORBIDDEN_DIRS = [
  'src/integrations',
  'src/app',
  'src/handlers',
  'src/server',
  'src/cli',
  'src/bot',
];

/** Every broken rule, as `path:line: what is wrong`. */
function layeringViolations(files: readonly ProjectFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const report = (line: number, message: string) => violations.push(`${file.path}:${line}: ${message}`);
    for (const ref of importsOf(source)) {
      const to = target(file, ref.specifier);
      const what = `imports '${ref.specifier}'`;
      if (within(file.path, 'src/runbook')) {
        if ('project' in to) {
          const dir = RUNBOOK_FORBIDDEN_DIRS.find((d) => within(to.project, d));
          if (dir) report(ref.line, `${what} from ${dir}: src/runbook must stay self-contained`);
          const typeOnlyDir = RUNBOOK_TYPE_ONLY_DIRS.find((d) => within(to.project, d));
          if (typeOnlyDir && !ref.typeOnly) {
            report(
              ref.line,
              `${what} at run time from ${typeOnlyDir}: src/runbook may only \`import type\` from it`,
            );
          }
        } else if (
          RUNBOOK_FORBIDDEN_SCOPES.some((scope) => to.module.startsWith(scope)) ||
          RUNBOOK_FORBIDDEN_MODULES.has(moduleName(to.module))
        ) {
          report(ref.line, `${what}: src/runbook is pure (no I/O, no Slack or GitHub clients)`);
        }
      }
      if (within(file.path, 'sandbox')) {
        if ('project' in to) {
          if (!within(to.project, 'sandbox')) {
            report(
              ref.line,
              `${what}: sandbox/ shares no code with src/ (a shared misreading would pass its own test)`,
            );
          }
        } else if (!isBuiltin(to.module) && !SANDBOX_ALLOWED_PACKAGES.has(moduleName(to.module))) {
          report(ref.line, `${what}: sandbox/ may use only node builtins, zod, yaml and ws`);
        }
      }
      if (within(file.path, 'src/integrations') && 'project' in to) {
        const dir = ['src/handlers', 'src/bot', 'src/app', 'src/server'].find((d) => within(to.project, d));
        const layer = dir === 'src/handlers' || dir === 'src/bot' ? 'the Slack layer' : 'the layers above it';
        if (dir) report(ref.line, `${what} from ${dir}: src/integrations must not depend on ${layer}`);
      }
      if (within(file.path, 'src/app')) {
        if ('project' in to) {
          const dir = ['src/bot', 'src/handlers', 'src/server', 'src/cli'].find((d) => within(to.project, d));
          if (dir)
            report(ref.line, `${what} from ${dir}: a use case knows nothing of Slack or of who calls it`);
          if (within(to.project, 'src/integrations') && !ref.typeOnly) {
            report(
              ref.line,
              `${what} at run time from src/integrations: use cases are given adapters, they \`import type\` them`,
            );
          }
        }
      }
      if (['src/bot', 'src/handlers'].some((d) => within(file.path, d)) && 'project' in to) {
        if (within(to.project, 'src/integrations')) {
          report(
            ref.line,
            `${what} from src/integrations: the Slack side reaches adapters only through use cases`,
          );
        }
        if (within(file.path, 'src/handlers')) {
          const dir = ['src/store', 'src/server'].find((d) => within(to.project, d));
          if (dir)
            report(ref.line, `${what} from ${dir}: a handler validates, calls one use case and renders`);
        }
      }
      if ('project' in to && within(to.project, 'src/workers') && !within(file.path, 'src/workers')) {
        if (!['src/server', 'src/cli'].some((d) => within(file.path, d)))
          report(ref.line, `${what} from src/workers: only the composition roots start the worker pool`);
      }
      if (within(file.path, 'src/workers') && 'project' in to) {
        const dir = WORKERS_FORBIDDEN_DIRS.find((d) => within(to.project, d));
        if (dir && !(dir === 'src/bot' && within(to.project, 'src/bot/render')))
          report(ref.line, `${what} from ${dir}: a worker runs pure work only (the runbook, the renderers)`);
      }
      if (
        'module' in to &&
        SLACK_SDK.some((scope) => to.module.startsWith(scope)) &&
        !SLACK_SIDE.some((d) => within(file.path, d)) &&
        // src/runbook has its own, stricter rule above.
        !within(file.path, 'src/runbook')
      ) {
        report(ref.line, `${what}: only the Slack side (src/bot, src/handlers) uses Slack's SDKs`);
      }
    }
    const checksConsole =
      (within(file.path, 'src') && !within(file.path, 'src/cli')) || within(file.path, 'sandbox');
    if (checksConsole) {
      for (const line of consoleUses(source)) {
        report(
          line,
          'uses console: log with pino (src/logger.ts); command output goes through io.stdout in src/cli',
        );
      }
    }
  }
  return violations;
}

/**
 * Cycles of run-time imports among `files`, each as its files in import order. Type-only imports are
 * erased at compile time and left out (the rule and category registries name each other's types).
 */
function importCycles(files: readonly ProjectFile[]): string[][] {
  const paths = new Set(files.map((f) => f.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const targets = importsOf(source)
      .filter((ref) => !ref.typeOnly && ref.specifier.startsWith('.'))
      .map((ref) =>
        posix.normalize(posix.join(posix.dirname(file.path), ref.specifier)).replace(/\.js$/, '.ts'),
      )
      .filter((path) => paths.has(path));
    graph.set(file.path, targets);
  }
  // Tarjan's strongly connected components: every component of more than one file is a cycle.
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (path: string) => {
    order.set(path, order.size);
    low.set(path, order.get(path) ?? 0);
    stack.push(path);
    onStack.add(path);
    for (const next of graph.get(path) ?? []) {
      if (!order.has(next)) {
        visit(next);
        low.set(path, Math.min(low.get(path) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(path, Math.min(low.get(path) ?? 0, order.get(next) ?? 0));
      }
    }
    if (low.get(path) !== order.get(path)) return;
    const component: string[] = [];
    let top: string | undefined;
    do {
      top = stack.pop();
      if (top !== undefined) {
        onStack.delete(top);
        component.push(top);
      }
    } while (top !== undefined && top !== path);
    if (component.length > 1 || (graph.get(path) ?? []).includes(path)) cycles.push(component.reverse());
  };
  for (const path of graph.keys()) if (!order.has(path)) visit(path);
  return cycles;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function projectFiles(dir: string): ProjectFile[] {
  const files: ProjectFile[] = [];
  const walk = (absolute: string) => {
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const full = join(absolute, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) {
        files.push({ path: relative(ROOT, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(join(ROOT, dir));
  return files;
}

describe('layering checker', () => {
  const sample = (path: string, ...lines: string[]): ProjectFile => ({ path, text: lines.join('\n') });

  it('names file and line of every forbidden import in src/runbook', () => {
    const violations = layeringViolations([
      sample(
        'src/runbook/sample.ts',
        "import { isIPv4 } from './ip.js';",
        '// import { readFileSync } from "node:fs" is only a comment',
        "import { Octokit } from '@octokit/rest';",
        "import type { Ports } from '../investigation/ports.js';",
        'import {',
        '  App,',
        "} from '@slack/bolt';",
        'const text = "import x from \'node:net\'";',
        "export async function run() { return import('node:child_process'); }",
        "import { readFile } from 'fs/promises';",
        "export { thing } from '../integrations/github/client.js';",
        "import type { Config } from '../config/types.js';",
        "import { loadConfig } from '../config/index.js';",
        "const pg = require('pg');",
      ),
    ]);
    expect(violations).toEqual([
      "src/runbook/sample.ts:3: imports '@octokit/rest': src/runbook is pure (no I/O, no Slack or GitHub clients)",
      "src/runbook/sample.ts:4: imports '../investigation/ports.js' from src/investigation: src/runbook must stay self-contained",
      "src/runbook/sample.ts:5: imports '@slack/bolt': src/runbook is pure (no I/O, no Slack or GitHub clients)",
      "src/runbook/sample.ts:9: imports 'node:child_process': src/runbook is pure (no I/O, no Slack or GitHub clients)",
      "src/runbook/sample.ts:10: imports 'fs/promises': src/runbook is pure (no I/O, no Slack or GitHub clients)",
      "src/runbook/sample.ts:11: imports '../integrations/github/client.js' from src/integrations: src/runbook must stay self-contained",
      "src/runbook/sample.ts:13: imports '../config/index.js' at run time from src/config: src/runbook may only `import type` from it",
      "src/runbook/sample.ts:14: imports 'pg': src/runbook is pure (no I/O, no Slack or GitHub clients)",
    ]);
  });

  it('keeps sandbox/ apart from src/ and integrations apart from the Slack layer', () => {
    const violations = layeringViolations([
      sample(
        'sandbox/github.ts',
        "import { createServer } from 'node:http';",
        "import { z } from 'zod';",
        "import { startKit } from './http-kit.js';",
        "import type { Finding } from '../src/runbook/finding.js';",
        "import { fetch } from 'undici';",
      ),
      sample('src/integrations/github/client.ts', "import { render } from '../../handlers/render.js';"),
    ]);
    expect(violations).toEqual([
      "sandbox/github.ts:4: imports '../src/runbook/finding.js': sandbox/ shares no code with src/ (a shared misreading would pass its own test)",
      "sandbox/github.ts:5: imports 'undici': sandbox/ may use only node builtins, zod, yaml and ws",
      "src/integrations/github/client.ts:1: imports '../../handlers/render.js' from src/handlers: src/integrations must not depend on the Slack layer",
    ]);
  });

  it('flags console outside src/cli', () => {
    const violations = layeringViolations([
      sample('src/bot/app.ts', 'const a = 1;', 'console.log(a);', '// console.log(a) in a comment'),
      sample('src/cli/commands/parse.ts', 'console.log(1);'),
      sample('sandbox/main.ts', "console['error']('x');"),
    ]);
    expect(violations).toEqual([
      'src/bot/app.ts:2: uses console: log with pino (src/logger.ts); command output goes through io.stdout in src/cli',
      'sandbox/main.ts:1: uses console: log with pino (src/logger.ts); command output goes through io.stdout in src/cli',
    ]);
  });

  it('passes clean code', () => {
    expect(
      layeringViolations([
        sample('src/runbook/ok.ts', "import type { Target } from './model.js';", "import { z } from 'zod';"),
        sample(
          'src/integrations/x.ts',
          "import { Octokit } from '@octokit/rest';",
          "import type { Ports } from '../investigation/ports.js';",
        ),
      ]),
    ).toEqual([]);
  });
});

describe('the checker of the upper floors', () => {
  const sample = (path: string, ...lines: string[]): ProjectFile => ({ path, text: lines.join('\n') });

  it('keeps the use cases apart from Slack, the composition root and run-time adapters', () => {
    const violations = layeringViolations([
      sample(
        'src/app/investigations/run.ts',
        "import { postMessage } from '../../bot/slack-post.js';",
        "import type { CommandDeps } from '../../handlers/commands/nessus-gap.js';",
        "import { WebClient } from '@slack/web-api';",
        "import { createBot } from '../../server/create-bot.js';",
        "import { createIntegrations } from '../../integrations/create-integrations.js';",
        "import type { Integrations } from '../../integrations/create-integrations.js';",
        "import type { Store } from '../../store/store.js';",
      ),
    ]);
    expect(violations).toEqual([
      "src/app/investigations/run.ts:1: imports '../../bot/slack-post.js' from src/bot: a use case knows nothing of Slack or of who calls it",
      "src/app/investigations/run.ts:2: imports '../../handlers/commands/nessus-gap.js' from src/handlers: a use case knows nothing of Slack or of who calls it",
      "src/app/investigations/run.ts:3: imports '@slack/web-api': only the Slack side (src/bot, src/handlers) uses Slack's SDKs",
      "src/app/investigations/run.ts:4: imports '../../server/create-bot.js' from src/server: a use case knows nothing of Slack or of who calls it",
      "src/app/investigations/run.ts:5: imports '../../integrations/create-integrations.js' at run time from src/integrations: use cases are given adapters, they `import type` them",
    ]);
  });

  it('keeps handlers off the store and adapters, and the Slack side off adapters', () => {
    const violations = layeringViolations([
      sample(
        'src/handlers/actions/button-click.ts',
        "import type { InvestigationRecord } from '../../store/store.js';",
        "import { act } from '../../app/actions/act.js';",
        "import type { Integrations } from '../../integrations/create-integrations.js';",
        "import type { App } from '@slack/bolt';",
      ),
      sample(
        'src/bot/notify/index.ts',
        "import { GitHubIssueTracker } from '../../integrations/github/github-issue-tracker.js';",
      ),
      sample('src/investigation/investigate.ts', "import type { App } from '@slack/bolt';"),
    ]);
    expect(violations).toEqual([
      "src/handlers/actions/button-click.ts:1: imports '../../store/store.js' from src/store: a handler validates, calls one use case and renders",
      "src/handlers/actions/button-click.ts:3: imports '../../integrations/create-integrations.js' from src/integrations: the Slack side reaches adapters only through use cases",
      "src/bot/notify/index.ts:1: imports '../../integrations/github/github-issue-tracker.js' from src/integrations: the Slack side reaches adapters only through use cases",
      "src/investigation/investigate.ts:1: imports '@slack/bolt': only the Slack side (src/bot, src/handlers) uses Slack's SDKs",
    ]);
  });

  it('keeps the worker pool to the composition roots, and its tasks pure', () => {
    const violations = layeringViolations([
      sample(
        'src/app/investigations/publish.ts',
        "import { createWorkerPool } from '../../workers/pool.js';",
      ),
      sample('src/server/create-bot.ts', "import { createWorkerPool } from '../workers/pool.js';"),
      sample(
        'src/workers/tasks.ts',
        "import { planThread } from '../bot/render/thread-plan.js';",
        "import { postMessage } from '../bot/slack-post.js';",
        "import { createIntegrations } from '../integrations/create-integrations.js';",
      ),
    ]);
    expect(violations).toEqual([
      "src/app/investigations/publish.ts:1: imports '../../workers/pool.js' from src/workers: only the composition roots start the worker pool",
      "src/workers/tasks.ts:2: imports '../bot/slack-post.js' from src/bot: a worker runs pure work only (the runbook, the renderers)",
      "src/workers/tasks.ts:3: imports '../integrations/create-integrations.js' from src/integrations: a worker runs pure work only (the runbook, the renderers)",
    ]);
  });

  it('finds cycles of run-time imports, not of types', () => {
    const cycles = importCycles([
      sample('src/a.ts', "import { b } from './b.js';"),
      sample('src/b.ts', "import { c } from './c.js';"),
      sample('src/c.ts', "import { a } from './a.js';"),
      sample('src/d.ts', "import type { E } from './e.js';"),
      sample('src/e.ts', "import { d } from './d.js';"),
    ]);
    expect(cycles).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
  });
});

describe('the project keeps its layers', () => {
  it('has no cycle of run-time imports in src/', () => {
    const files = projectFiles('src');
    expect(files.map((f) => f.path)).toContain('src/server/create-bot.ts');
    expect(importCycles(files)).toEqual([]);
  });

  it('has no layering violation in src/ and sandbox/', () => {
    const files = [...projectFiles('src'), ...projectFiles('sandbox')];
    // Guard against a vacuous pass: the scan must see the pure core.
    expect(files.map((f) => f.path)).toContain('src/runbook/ip.ts');
    expect(layeringViolations(files)).toEqual([]);
  });
});
