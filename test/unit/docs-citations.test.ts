/**
 * The repository stands alone: the code, the tests and the documents cite only documents that are in
 * it. Nothing may point at the working notes the project started from (a contract, design, UX or
 * style document, API notes) that a new engineer of this repository does not have; a citation of
 * `docs/<name>.md` must name a file that exists and, with "section N", a heading numbered N in it.
 * Comments and strings both count (a test's title is documentation too).
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

interface TextFile {
  /** Path from the project root, with forward slashes. */
  path: string;
  text: string;
}

/** Documents outside the repository, by the names and forms comments used for them. */
const OUTSIDE_DOCUMENTS: readonly RegExp[] = [
  /\b(?:CONTRACT|DESIGN|UX)\b/,
  /\bstyle\.md\b/i,
  /\bapi-notes\b/i,
  /\bslack-notes\b/i,
  /\/work\/shared\b/,
];

/** `docs/name.md`, then optionally `section 2.8` or `sections 1.3 to 1.5, 1.8 and 1.9`. */
const CITATION =
  /(?<![\w./-])docs\/([\w.-]+\.md)\b(?: sections? (\d+(?:\.\d+)*(?:(?:, | and | to |-)\d+(?:\.\d+)*)*))?/g;

/** Comment continuation (` * `, `// `, `# `) and line breaks read as one space, so a citation may wrap. */
function flatten(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*(?:\*(?!\/)|\/\/|#)?[ \t]*/g, ' ');
}

/** The section numbers a markdown document's headings carry (`## 4. ...`, `### 2.8 ...`). */
function sectionNumbers(markdown: string): Set<string> {
  const numbers = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6}[ \t]+(\d+(?:\.\d+)*)\.?[ \t]/gm)) {
    if (match[1]) numbers.add(match[1]);
  }
  return numbers;
}

function lineOf(text: string, pattern: RegExp): number {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  return index + 1;
}

/**
 * Every problem as `path:line: what`: a mention of an outside document, a cited `docs/` file that
 * does not exist, a cited section its document does not have. `docs` maps `name.md` to its text.
 */
function citationProblems(files: readonly TextFile[], docs: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const file of files) {
    for (const pattern of OUTSIDE_DOCUMENTS) {
      const match = pattern.exec(file.text);
      if (match) {
        problems.push(
          `${file.path}:${lineOf(file.text, pattern)}: names "${match[0]}", a document outside the repository`,
        );
      }
    }
    for (const match of flatten(file.text).matchAll(CITATION)) {
      const [, name = '', sections] = match;
      const doc = docs.get(name);
      if (doc === undefined) {
        problems.push(`${file.path}: cites docs/${name}, which does not exist`);
        continue;
      }
      const known = sectionNumbers(doc);
      for (const section of sections?.match(/\d+(?:\.\d+)*/g) ?? []) {
        if (!known.has(section))
          problems.push(`${file.path}: cites docs/${name} section ${section}, which it has not`);
      }
    }
  }
  return problems;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SELF = 'test/unit/docs-citations.test.ts';

function filesUnder(dir: string, extensions: readonly string[]): TextFile[] {
  const files: TextFile[] = [];
  const walk = (absolute: string) => {
    if (!existsSync(absolute)) return;
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      const full = join(absolute, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (extensions.some((extension) => entry.name.endsWith(extension))) {
        const path = relative(ROOT, full).split(sep).join('/');
        if (path !== SELF) files.push({ path, text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(join(ROOT, dir));
  return files;
}

function repositoryDocs(): Map<string, string> {
  const docs = new Map<string, string>();
  for (const entry of readdirSync(join(ROOT, 'docs'))) {
    if (entry.endsWith('.md')) docs.set(entry, readFileSync(join(ROOT, 'docs', entry), 'utf8'));
  }
  return docs;
}

describe('citation checker', () => {
  const docs = new Map([
    ['contract.md', '# Title\n\n## 1. Command line\n\n### 1.2 Exit codes\n\n## 4. JSON\n'],
  ]);
  const file = (...lines: string[]): TextFile => ({ path: 'src/sample.ts', text: lines.join('\n') });

  it('accepts citations of existing documents and sections, wrapped or not', () => {
    expect(
      citationProblems(
        [
          file('/** The command line (docs/contract.md section 1). */'),
          file(
            '/**',
            ' * The exit codes of docs/contract.md',
            ' * section 1.2, and docs/contract.md.',
            ' */',
          ),
          file('// docs/contract.md sections 1 and 4'),
        ],
        docs,
      ),
    ).toEqual([]);
  });

  it('names each outside document, with file and line', () => {
    const outside = ['CONTRACT', 'md section 4'].join('.');
    const notes = ['api', 'notes 2.8'].join('-');
    expect(citationProblems([file('const a = 1;', `/** See ${outside} and ${notes}. */`)], docs)).toEqual([
      'src/sample.ts:2: names "CONTRACT", a document outside the repository',
      'src/sample.ts:2: names "api-notes", a document outside the repository',
    ]);
  });

  it('names a cited document that does not exist and a section its document has not', () => {
    expect(
      citationProblems([file('/** (docs/tls.md) and (docs/contract.md sections 1.2 to 3) */')], docs),
    ).toEqual([
      'src/sample.ts: cites docs/tls.md, which does not exist',
      'src/sample.ts: cites docs/contract.md section 3, which it has not',
    ]);
  });

  it('does not mistake identifiers or URLs for citations', () => {
    expect(
      citationProblems(
        [file('const DESIGN_CONCURRENCY = 1; // https://example.com/docs/runbooks/x.md')],
        docs,
      ),
    ).toEqual([]);
  });
});

describe('the repository cites only itself', () => {
  it('in src/, sandbox/, test/, examples/, deploy/ and its documents', () => {
    const files = [
      ...filesUnder('src', ['.ts', '.mjs', '.js']),
      ...filesUnder('sandbox', ['.ts']),
      ...filesUnder('test', ['.ts', '.mjs']),
      ...filesUnder('examples', ['.yaml', '.yml']),
      ...filesUnder('deploy', ['.yaml', '.yml', '.example', '.env']),
      ...filesUnder('docs', ['.md']),
      ...['README.md', 'SECURITY.md', 'manifest.yml', 'Dockerfile']
        .filter((name) => existsSync(join(ROOT, name)))
        .map((name) => ({ path: name, text: readFileSync(join(ROOT, name), 'utf8') })),
    ];
    expect(files.length).toBeGreaterThan(400);
    expect(citationProblems(files, repositoryDocs())).toEqual([]);
  });

  it('with the documents the code cites', () => {
    for (const name of ['contract.md', 'outside-apis.md', 'scenario-format.md', 'tls-and-real-servers.md']) {
      expect(existsSync(join(ROOT, 'docs', name))).toBe(true);
    }
  });
});
