/**
 * The doctor's table: one line per check with a mark (✓ passed, ✗ failed, – not checked), the fix
 * under each failure, and a closing count. The same text goes to the terminal and, in a code
 * block, to Slack.
 */
import type { DoctorCheck, DoctorReport } from './types.js';

const MARK = { ok: '✓', failed: '✗', skipped: '–' };

export function renderDoctorTable(report: DoctorReport): string {
  const systemWidth = Math.max(...report.checks.map((c) => c.system.length), 6);
  const checkWidth = Math.max(...report.checks.map((c) => c.check.length), 5);
  const lines: string[] = [];
  let previous = '';
  for (const check of report.checks) {
    const system = check.system === previous ? '' : check.system;
    previous = check.system;
    lines.push(
      `  ${system.padEnd(systemWidth)}  ${mark(check)} ${check.check.padEnd(checkWidth)}  ${check.detail}`,
    );
    if (!check.ok && check.fix)
      lines.push(`  ${''.padEnd(systemWidth)}    ${''.padEnd(checkWidth)}  fix: ${check.fix}`);
  }
  lines.push(summary(report));
  return `${lines.join('\n')}\n`;
}

export function summary(report: DoctorReport): string {
  const failed = report.checks.filter((c) => !c.ok).length;
  const run = report.checks.filter((c) => !c.skipped).length;
  const skipped = report.checks.length - run;
  const notRun = skipped > 0 ? ` (${skipped} not checked)` : '';
  return failed === 0 ? `all ${run} checks passed${notRun}` : `${failed} of ${run} checks failed${notRun}`;
}

function mark(check: DoctorCheck): string {
  if (check.skipped) return MARK.skipped;
  return check.ok ? MARK.ok : MARK.failed;
}

/** The contract's JSON: `{ok, checks:[{system, check, ok, detail, fix?}]}` (skipped ones say so too). */
export function doctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report)}\n`;
}
