import type { AuditReport } from '../core/self-audit/self-audit.js';

const RESULT = { info: 'PASS', warning: 'WARN', error: 'FAIL' } as const;

/** The report as a table a person reads in a terminal: check, result, finding. */
export function formatReport(report: AuditReport): string {
  const rows = report.checks.map((check) => [check.id, RESULT[check.severity], check.finding]);
  const width = Math.max('check'.length, ...rows.map((row) => row[0]!.length));
  const lines = rows.map(([id, result, finding]) => `${id!.padEnd(width)}  ${result}    ${finding}`);
  const failed = report.checks.filter((check) => !check.ok).map((check) => check.id);
  const summary =
    failed.length === 0
      ? `all ${report.checks.length} checks passed`
      : `${failed.length} of ${report.checks.length} checks failed: ${failed.join(', ')}`;
  return [`Audit of ${report.url} at ${report.at}`, '', `${'check'.padEnd(width)}  result  finding`, ...lines, '', summary, ''].join('\n');
}
