/**
 * A sandbox world (docs/contract.md section 2), read from JSON or YAML and validated with zod.
 * Missing sections are an empty system. A malformed file throws `ScenarioError`, one problem a line,
 * each naming the file and the path of the bad field (the CLI turns it into exit code 2).
 *
 * Network entries are either `{ping, tcp22}` (the same from every scanner) or carry a `from` table
 * keyed by scanner name, which wins for that scanner: `{ping: false, from: {scanner-a: {ping: true}}}`.
 * An IP absent from `network` answers nothing (ping false, tcp22 false).
 *
 * `softlayer.accounts` adds IBM Cloud classic accounts besides the top-level one
 * (scenario-softlayer.ts); `nessus.<scanner>.silent` is a scanner whose API never answers.
 * docs/scenario-format.md describes every section.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { isDottedQuad } from './network/ipv4.js';
import { softlayerSchema } from './scenario-softlayer.js';

export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
  }
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
const repoName = z.string().regex(REPO, 'expected owner/name');
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO date-time');
const login = z.object({ login: z.string().min(1) });
/** Loose records: the emulator of that system reads the vendor's own field names from them. */
const record = z.record(z.string(), z.unknown());

const commentSchema = z.object({
  body: z.string(),
  user: login.default({ login: 'sandbox-user' }),
  created_at: timestamp.optional(),
});

const issueSchema = z.object({
  repo: repoName,
  number: z.number().int().positive(),
  title: z.string(),
  state: z.enum(['open', 'closed']).default('open'),
  body: z.string().nullable().default(''),
  user: login.optional(),
  comments: z.array(commentSchema).default([]),
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).default([]),
  created_at: timestamp.optional(),
  updated_at: timestamp.optional(),
  closed_at: timestamp.nullable().optional(),
  /** Present on pull requests, which the issues API lists too. */
  pull_request: record.optional(),
});

const githubSchema = z
  .object({
    gapRepo: repoName.default('alchemy-conductors/alcatraz'),
    decomRepo: repoName.default('alchemy-conductors/team'),
    gapIssue: z.number().int().positive().optional(),
    issues: z.array(issueSchema).default([]),
  })
  .superRefine((github, context) => {
    const seen = new Set<string>();
    github.issues.forEach((issue, index) => {
      const key = `${issue.repo.toLowerCase()}#${issue.number}`;
      if (seen.has(key)) {
        context.addIssue({
          code: 'custom',
          path: ['issues', index, 'number'],
          message: `duplicate issue ${issue.repo}#${issue.number}`,
        });
      }
      seen.add(key);
    });
  });

const tenableSchema = z.object({
  zones: z.array(record).default([]),
  assets: z.array(record).default([]),
  ipSummary: z.array(record).default([]),
  scanners: z.array(record).default([]),
  /** Optional scans (`GET /rest/scan`); without them the emulator makes one scan per zone. */
  scans: z.array(record).optional(),
});

/** Scanner and environment names end up in URLs and in the bot's config file, which asks the same. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const scannerName = z.string().regex(NAME, 'expected a scanner name (letters, digits, ".", "_" and "-")');
const environmentName = z.string().regex(NAME, 'expected an environment name such as PROD-US-SOUTH');

/**
 * What a scanner's `GET /server/status` says; `silent: true` is a scanner whose API does not answer
 * at all (nessusd down, the host gone), so it needs no status.
 */
export type ScannerWorld =
  | { status: string; progress?: number | null; silent?: false }
  | { status?: string; progress?: number | null; silent: true };

const scannerStatusSchema = z
  .object({
    status: z.string().min(1).optional(),
    progress: z.number().nullable().optional(),
    silent: z.boolean().optional(),
  })
  .superRefine((scanner, context) => {
    if (scanner.silent !== true && scanner.status === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['status'],
        message:
          'expected the status the scanner reports (ready, loading, ...); only a scanner with silent: true has none',
      });
    }
  })
  .transform((scanner) => scanner as ScannerWorld);

const idSchema = z.union([z.string().min(1), z.number().int()]).transform(String);
const ipv4 = z.string().refine(isDottedQuad, 'expected a dotted IPv4 address');

const inventorySchema = z
  .object({
    servers: z
      .array(
        z.object({
          id: idSchema,
          hostname: z.string(),
          ip: ipv4,
          environment: z.string(),
          application: z.string(),
        }),
      )
      .default([]),
  })
  .superRefine((inventory, context) => {
    const seen = new Set<string>();
    inventory.servers.forEach((server, index) => {
      if (seen.has(server.id)) {
        context.addIssue({
          code: 'custom',
          path: ['servers', index, 'id'],
          message: `duplicate id ${server.id}`,
        });
      }
      seen.add(server.id);
    });
  });

const reachabilitySchema = z.object({ ping: z.boolean().default(false), tcp22: z.boolean().default(false) });
const networkEntrySchema = z.object({
  ping: z.boolean().default(false),
  tcp22: z.boolean().default(false),
  /** The checks that fail are refused at once (a reject) rather than left to their wait. */
  refused: z.boolean().optional(),
  from: z.record(scannerName, reachabilitySchema).optional(),
});

const scannerNames = z.union([scannerName, z.array(scannerName).min(1)]);

export const scenarioSchema = z.object({
  github: githubSchema.default({
    gapRepo: 'alchemy-conductors/alcatraz',
    decomRepo: 'alchemy-conductors/team',
    issues: [],
  }),
  softlayer: softlayerSchema.default({ hardware: [], virtualGuests: [], subnets: [], tickets: [] }),
  tenable: tenableSchema.default({ zones: [], assets: [], ipSummary: [], scanners: [] }),
  nessus: z.record(scannerName, scannerStatusSchema).default({}),
  inventory: inventorySchema.default({ servers: [] }),
  network: z.record(ipv4, networkEntrySchema).default({}),
  /** Absent: the bot keeps the runbook's own table. */
  environments: z.record(environmentName, scannerNames).optional(),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type GithubWorld = Scenario['github'];
export type ScenarioIssue = GithubWorld['issues'][number];
export type InventoryWorld = Scenario['inventory'];
export type NessusWorld = Scenario['nessus'];
export type SoftLayerScenario = Scenario['softlayer'];
export type NetworkWorld = Scenario['network'];

/** Reads a scenario file; JSON for `.json` (or text that starts with `{`), YAML otherwise. */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScenarioError([
      `scenario ${path}: cannot read it (${code === 'ENOENT' ? 'no such file' : code})`,
    ]);
  }
  return parseScenario(text, path);
}

/** Parses scenario text; `name` (usually the file path) prefixes every problem. */
export function parseScenario(text: string, name: string): Scenario {
  const data = decode(text, name);
  return validateScenario(data ?? {}, name);
}

/** Validates an already decoded world (a bench or test may build one in memory). */
export function validateScenario(data: unknown, name = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(data);
  if (result.success) return result.data;
  throw new ScenarioError(
    result.error.issues.map((issue) => {
      const path = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
      return `scenario ${name}: ${path}: ${describeIssue(issue)}`;
    }),
  );
}

/** Zod wraps a bad record key in an `invalid_key` issue; the inner one says what is wrong with it. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const inner = issue.code === 'invalid_key' ? issue.issues[0] : undefined;
  return (inner?.message ?? issue.message).replace(/^Invalid input: /, '');
}

function decode(text: string, name: string): unknown {
  const extension = extname(name).toLowerCase();
  const looksJson =
    extension === '.json' || (extension !== '.yaml' && extension !== '.yml' && /^\s*\{/.test(text));
  try {
    return looksJson ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ScenarioError([`scenario ${name}: not valid ${looksJson ? 'JSON' : 'YAML'}: ${reason}`]);
  }
}
