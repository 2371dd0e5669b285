/**
 * The JSON the store keeps in text columns (a finding, a report, an open guide's blocks), decoded
 * here once so every caller gets the domain's types and none parses stored JSON itself.
 *
 * What is checked, and why not more: the fields the callers branch on or act with are checked in
 * full: the IP, the category and the offered actions against their registries (a click acts on them),
 * the hostname, the evidence, fixes, links and summary the messages show, and the device the buttons
 * act on (account, kind, id). The names inside a failed check (its check and system) and the
 * scanners of a report are only shown to people, so their shape is checked and their words are not.
 * A report written before reports had a scanners section decodes with none.
 *
 * A report is stored without its findings (they are the investigation's findings rows, stored once):
 * `report_json` keeps the rest and the findings' IPs in report order. A report written before keeps
 * its findings inside and still decodes as it was.
 */
import { z } from 'zod';
import { ErrorCode, NessusGapError } from '../errors.js';
import type { FailedCheck } from '../runbook/evidence.js';
import type { Finding, InvestigationReport, ScannerReport } from '../runbook/finding.js';
import type { ReportHistory } from '../runbook/history/types.js';
import { type ActionName, type Category, isActionName, isCategory } from '../runbook/model.js';

/** A stored row that does not decode: names the table, the row and what is wrong with it. */
export class StoredRowError extends NessusGapError {
  constructor(
    readonly table: string,
    readonly row: string,
    readonly problem: string,
  ) {
    super(ErrorCode.StoreRowInvalid, `the store's ${table} row ${row} does not decode: ${problem}`);
  }
}

const category = z.custom<Category>((v) => typeof v === 'string' && isCategory(v), {
  error: (issue) => `not a known category: ${JSON.stringify(issue.input)}`,
});

const actionName = z.custom<ActionName>((v) => typeof v === 'string' && isActionName(v), {
  error: (issue) => `not a known action: ${JSON.stringify(issue.input)}`,
});

const failedCheck = z
  .object({ check: z.string(), system: z.string(), reason: z.string() })
  .transform((v) => v as FailedCheck);

export const findingSchema = z.object({
  ip: z.string().min(1),
  hostname: z.string().nullable(),
  interface: z.enum(['public', 'private', 'management', 'unknown']),
  environment: z.string().nullable(),
  category,
  summary: z.string(),
  evidence: z.array(z.string()),
  fixes: z.array(z.string()),
  actions: z.array(actionName),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
  scanner: z.string().nullable(),
  device: z
    .object({
      account: z.string(),
      kind: z.enum(['hardware', 'virtual']),
      id: z.number().int(),
      hostname: z.string(),
      cancellationTicketId: z.number().int().nullable(),
    })
    .nullable(),
  failedChecks: z.array(failedCheck),
}) satisfies z.ZodType<Finding>;

const scannerReport = z
  .object({
    name: z.string(),
    nessus: z.string(),
    nessusReason: z.string().nullable(),
    tenable: z.string(),
    tenableStatus: z.string().nullable(),
    verdict: z.string(),
    targets: z.number().int(),
  })
  .transform((v) => v as ScannerReport);

const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { error: 'not a time' });

const historySchema = z.object({
  asOf: iso,
  targets: z.array(
    z.object({
      ip: z.string(),
      earlier: z.array(
        z.object({
          repo: z.string(),
          issueNumber: z.number().int(),
          at: iso,
          category,
          resolvedAt: iso.nullable(),
          actions: z.array(z.object({ action: actionName, by: z.string().nullable(), at: iso })),
        }),
      ),
      earlierCount: z.number().int(),
      recurring: z
        .object({
          investigations: z.number().int(),
          firstSeen: iso,
          lastSeen: iso,
          causes: z.array(category),
        })
        .nullable(),
    }),
  ),
  scanners: z.array(
    z.object({
      name: z.string(),
      downs: z.number().int(),
      downMinutes: z.number().int(),
      downNow: z.boolean(),
    }),
  ),
}) satisfies z.ZodType<ReportHistory>;

export const reportSchema = z.object({
  issue: z.object({
    repo: z.string(),
    number: z.number().int(),
    title: z.string(),
    url: z.string().optional(),
  }),
  findings: z.array(findingSchema),
  counts: z.partialRecord(category, z.number().int()),
  systemsDown: z.array(z.string()),
  scanners: z.array(scannerReport).default([]),
  checkedAt: z.string(),
  history: historySchema.optional(),
}) satisfies z.ZodType<InvestigationReport>;

/** A report as `report_json` keeps it now: its findings are the rows of these IPs, in this order. */
export const reportHeadSchema = reportSchema
  .omit({ findings: true })
  .extend({ findingIps: z.array(z.string()) });

export type StoredReportHead = z.infer<typeof reportHeadSchema>;

/** What `report_json` holds: a whole report (written before findings were kept once) or a head. */
export function decodeStoredReport(
  json: string,
  row: string,
): { kind: 'whole'; report: InvestigationReport } | { kind: 'head'; head: StoredReportHead } {
  const value = parseJson(json, 'investigations', row);
  if (typeof value === 'object' && value !== null && !('findings' in value) && 'findingIps' in value)
    return { kind: 'head', head: check(reportHeadSchema, value, 'investigations', row) };
  return { kind: 'whole', report: check(reportSchema, value, 'investigations', row) };
}

/** The head `report_json` keeps of a report. */
export function reportHead({ findings, ...rest }: InvestigationReport): StoredReportHead {
  return { ...rest, findingIps: findings.map((finding) => finding.ip) };
}

/** Slack blocks, kept as Slack sent them: the store only knows they are a list of objects. */
export const blocksSchema = z.array(z.record(z.string(), z.unknown()));

/** Parses and checks one stored JSON value; throws a StoredRowError naming the table and row. */
export function decodeJson<T>(schema: z.ZodType<T>, json: string, table: string, row: string): T {
  return check(schema, parseJson(json, table, row), table, row);
}

function parseJson(json: string, table: string, row: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new StoredRowError(table, row, `not JSON (${error instanceof Error ? error.message : error})`);
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, table: string, row: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new StoredRowError(table, row, describeIssues(result.error));
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(value)'}: ${issue.message}`);
  if (error.issues.length > 5) lines.push(`and ${error.issues.length - 5} more`);
  return lines.join('; ');
}
