import type { Db } from '../../db/schema.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import { type Job, runJobOnce } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { AuditReport, SiteAuditor } from './self-audit.js';
import { insertSelfAudit, listSelfAudits, pruneSelfAudits } from './self-audit.repository.js';

export const SELF_AUDIT_JOB = 'self-audit';
/** How many runs are kept; older ones are deleted as new ones come in. */
export const SELF_AUDITS_KEPT = 30;

/** A member who asked for a run in the back office, and their client's network, for the activity log. */
export interface SelfAuditRequest {
  clock: Clock;
  actor: ActivityActor;
  client: string | null;
}

/**
 * Stores a run and drops the runs beyond the newest SELF_AUDITS_KEPT. A run a member asked for is
 * recorded in the same transaction.
 */
export async function recordSelfAudit(db: Db, report: AuditReport, request?: SelfAuditRequest): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertSelfAudit(trx, newId(), report);
    await pruneSelfAudits(trx, SELF_AUDITS_KEPT);
    if (request) {
      const { clock, actor, client } = request;
      await recordActivity(trx, clock, { actor, venueId: null, action: 'security.self_audit_run', client });
    }
  });
}

/**
 * The daily self-audit of the platform's public address. The checks themselves are a network
 * client outside core: the caller passes them in as `audit`.
 */
export function selfAuditJob(db: Db, audit: SiteAuditor, request?: SelfAuditRequest): Job {
  return {
    name: SELF_AUDIT_JOB,
    everySeconds: 24 * 3600,
    leaseSeconds: 600,
    run: async (now) => recordSelfAudit(db, await audit(now), request),
  };
}

/**
 * Runs the self-audit at a member's request while they wait (seconds), under the job's lease:
 * never beside a scheduled run ('busy' then). The run is stored with the member's activity log entry.
 */
export async function runSelfAuditNow(
  db: Db,
  clock: Clock,
  audit: SiteAuditor,
  by: { actor: ActivityActor; client: string | null },
): Promise<'ran' | 'busy'> {
  return runJobOnce(db, clock, newId(), selfAuditJob(db, audit, { clock, ...by }));
}

/** The newest runs first, at most `limit`. */
export async function listLatestSelfAudits(db: Db, limit: number): Promise<AuditReport[]> {
  return listSelfAudits(db, limit);
}
