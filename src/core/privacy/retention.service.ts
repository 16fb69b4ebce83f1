import type { Db, Tx } from '../../db/schema.js';
import type { Job } from '../jobs/scheduler.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import {
  type MailFilePruner,
  NO_REMOVALS,
  type RetentionCounts,
  type RetentionLimits,
  daysBefore,
  effectiveRetention,
  monthsBefore,
  retentionCutoffs,
} from './retention.js';
import {
  anonymiseBooking,
  anonymiseVoucher,
  insertRetentionRun,
  listBookingsEndedBefore,
  listBookingsForParticipantRemoval,
  listBookingsVisitedBefore,
  listErasuresDue,
  listVenueIds,
  listVenueRetentionChoices,
  listVouchersDue,
  pruneDeliveredMails,
  removeParticipantDetails,
  scrubOldActivityLog,
} from './retention.repository.js';

/** What the retention job needs beyond the database: the periods, and the mail drop's files when there is one. */
export interface RetentionContext {
  limits: RetentionLimits;
  pruneMailFiles?: MailFilePruner | undefined;
}

/**
 * Applies every retention rule to what is due at this moment, until nothing is left: so one run
 * catches up after any downtime, and a second run finds nothing to do. Each booking and voucher
 * changes in a transaction of its own, so a crash leaves each one either wholly anonymised or
 * untouched; the run then records how many of each kind it removed (no names, no ids).
 */
export async function applyRetention(db: Db, clock: Clock, context: RetentionContext): Promise<RetentionCounts> {
  const startedAt = clock.now();
  const counts: RetentionCounts = { ...NO_REMOVALS };
  const at = () => clock.now().toISOString();
  const choices = await listVenueRetentionChoices(db);
  for (const venueId of await listVenueIds(db)) {
    const cutoffs = retentionCutoffs(startedAt, effectiveRetention(context.limits, choices.get(venueId) ?? null));
    counts.cancelled += await eachDue(
      () => listBookingsEndedBefore(db, venueId, cutoffs.cancelled.toISOString()),
      (id) => inTransaction(db, (trx) => anonymiseBooking(trx, id, at())),
    );
    counts.organisers += await eachDue(
      () => listBookingsVisitedBefore(db, venueId, cutoffs.organiser.toISOString()),
      (id) => inTransaction(db, (trx) => anonymiseBooking(trx, id, at())),
    );
    counts.participants += await eachDue(
      () => listBookingsForParticipantRemoval(db, venueId, cutoffs.participants.toISOString()),
      (id) => inTransaction(db, (trx) => removeParticipantDetails(trx, id, at())),
    );
    counts.vouchers += await eachDue(
      () => listVouchersDue(db, venueId, cutoffs.organiser.toISOString(), cutoffs.cancelled.toISOString()),
      (id) => inTransaction(db, (trx) => anonymiseVoucher(trx, id, at())),
    );
  }
  counts.erasures += await eachDue(
    () => listErasuresDue(db, startedAt.toISOString()),
    (id) => inTransaction(db, (trx) => anonymiseBooking(trx, id, at())),
  );
  const mailsBefore = daysBefore(startedAt, context.limits.mailDays);
  counts.mails += await untilNone(() => pruneDeliveredMails(db, mailsBefore.toISOString()));
  counts.mailFiles += (await context.pruneMailFiles?.(mailsBefore)) ?? 0;
  counts.activityLog += await untilNone(() =>
    scrubOldActivityLog(db, monthsBefore(startedAt, context.limits.activityLogMonths).toISOString()),
  );
  await insertRetentionRun(db, { id: newId(), startedAt: startedAt.toISOString(), finishedAt: at(), counts: JSON.stringify(counts) });
  return counts;
}

function inTransaction(db: Db, change: (trx: Tx) => Promise<boolean>): Promise<boolean> {
  return db.transaction().execute(change);
}

/** Handles every id the query lists, batch after batch, until it lists none; how many changed. */
async function eachDue(list: () => Promise<string[]>, handle: (id: string) => Promise<boolean>): Promise<number> {
  let changed = 0;
  for (let ids = await list(); ids.length > 0; ids = await list()) {
    for (const id of ids) if (await handle(id)) changed += 1;
  }
  return changed;
}

async function untilNone(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let done = await step(); done > 0; done = await step()) total += done;
  return total;
}

/** The retention job: every hour, under its lease, on one instance at a time. */
export function retentionJob(db: Db, clock: Clock, context: RetentionContext): Job {
  return { name: 'retention', everySeconds: 3600, leaseSeconds: 1800, run: () => applyRetention(db, clock, context) };
}
