import type { Db } from '../../db/schema.js';
import type { Job } from '../jobs/scheduler.js';
import { newId } from '../shared/ids.js';
import type { AuditReport, SiteAuditor } from './self-audit.js';
import { insertSelfAudit, pruneSelfAudits } from './self-audit.repository.js';

export const SELF_AUDIT_JOB = 'self-audit';
/** How many runs are kept; older ones are deleted as new ones come in. */
export const SELF_AUDITS_KEPT = 30;

/** Stores a run and drops the runs beyond the newest SELF_AUDITS_KEPT. */
export async function recordSelfAudit(db: Db, report: AuditReport): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertSelfAudit(trx, newId(), report);
    await pruneSelfAudits(trx, SELF_AUDITS_KEPT);
  });
}

/**
 * The daily self-audit of the platform's public address. The checks themselves are a network
 * client outside core: the caller passes them in as `audit`.
 */
export function selfAuditJob(db: Db, audit: SiteAuditor): Job {
  return {
    name: SELF_AUDIT_JOB,
    everySeconds: 24 * 3600,
    leaseSeconds: 600,
    run: async (now) => recordSelfAudit(db, await audit(now)),
  };
}
