import type { Executor } from '../../db/schema.js';
import { type AuditReport, parseChecks } from './self-audit.js';

export async function insertSelfAudit(db: Executor, id: string, report: AuditReport): Promise<void> {
  await db
    .insertInto('self_audits')
    .values({ id, at: report.at, url: report.url, ok: report.ok ? 1 : 0, checks: JSON.stringify(report.checks) })
    .execute();
}

/** The newest runs first. */
export async function listSelfAudits(db: Executor, limit: number): Promise<AuditReport[]> {
  const rows = await db.selectFrom('self_audits').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({ url: row.url, at: row.at, ok: row.ok === 1, checks: parseChecks(row.checks) }));
}

/** Deletes every run older than the newest `keep`. */
export async function pruneSelfAudits(db: Executor, keep: number): Promise<void> {
  const kept = await db.selectFrom('self_audits').select('id').orderBy('at', 'desc').orderBy('id', 'desc').limit(keep).execute();
  const ids = kept.map((row) => row.id);
  if (ids.length < keep) return;
  await db.deleteFrom('self_audits').where('id', 'not in', ids).execute();
}
