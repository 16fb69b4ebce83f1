import type { Db, Tx } from '../../db/schema.js';
import { bookingInvoiceStandings } from '../invoices/invoice-files.service.js';
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
  hasMoneyUnderWay,
  insertRetentionRun,
  listBookingsEndedBefore,
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
  const tally = (outcome: Outcome, kind: keyof RetentionCounts) => {
    if (outcome === 'changed') counts[kind] += 1;
    else if (outcome !== 'unchanged') counts[outcome] += 1;
  };
  const anonymise = (kind: keyof RetentionCounts) => async (id: string) =>
    tally(await inTransaction(db, async (trx) => settledOutcome(await anonymiseWhenSettled(trx, clock, id))), kind);
  const choices = await listVenueRetentionChoices(db);
  for (const venueId of await listVenueIds(db)) {
    const cutoffs = retentionCutoffs(startedAt, effectiveRetention(context.limits, choices.get(venueId) ?? null));
    await eachDue((after) => listBookingsEndedBefore(db, venueId, cutoffs.cancelled.toISOString(), after), anonymise('cancelled'), tally);
    await eachDue(
      (after) => listBookingsVisitedBefore(db, venueId, 'anonymised_at', cutoffs.organiser.toISOString(), after),
      anonymise('organisers'),
      tally,
    );
    await eachDue(
      (after) => listBookingsVisitedBefore(db, venueId, 'participants_removed_at', cutoffs.participants.toISOString(), after),
      async (id) => tally(await inTransaction(db, async (trx) => changed(await removeParticipantDetails(trx, id, at()))), 'participants'),
      tally,
    );
    await eachDue(
      (after) => listVouchersDue(db, venueId, cutoffs.organiser.toISOString(), cutoffs.cancelled.toISOString(), after),
      async (id) => tally(await inTransaction(db, async (trx) => changed(await anonymiseVoucher(trx, id, at()))), 'vouchers'),
      tally,
    );
  }
  await eachDue((after) => listErasuresDue(db, startedAt.toISOString(), after), anonymise('erasures'), tally);
  const mailsBefore = daysBefore(startedAt, context.limits.mailDays);
  counts.mails += await untilNone(() => pruneDeliveredMails(db, mailsBefore.toISOString()));
  counts.mailFiles += (await context.pruneMailFiles?.(mailsBefore)) ?? 0;
  counts.activityLog += await untilNone(() =>
    scrubOldActivityLog(db, monthsBefore(startedAt, context.limits.activityLogMonths).toISOString()),
  );
  await insertRetentionRun(db, { id: newId(), startedAt: startedAt.toISOString(), finishedAt: at(), counts: JSON.stringify(counts) });
  return counts;
}

/** What handling one booking or voucher came to: changed, nothing to change, waiting for its money, or failed. */
type Outcome = 'changed' | 'unchanged' | 'postponed' | 'failed';

const changed = (done: boolean): Outcome => (done ? 'changed' : 'unchanged');
const settledOutcome = (outcome: Settlement): Outcome => (outcome === 'anonymised' ? 'changed' : outcome);

/** Whether a booking's personal data may go now, and if so its anonymisation. */
export type Settlement = 'anonymised' | 'postponed' | 'unchanged';

/**
 * Anonymises a booking inside the caller's transaction, unless its money is not settled: a payment
 * open at the provider, a refund under way, or an invoice not paid. Then the venue still needs the
 * organiser's name and address (to remind, to correct the invoice), which the GDPR allows it to keep
 * for that (article 17(3)(b)); the booking waits, and a later run anonymises it once settled.
 */
export async function anonymiseWhenSettled(trx: Tx, clock: Clock, bookingId: string): Promise<Settlement> {
  if (await hasMoneyUnderWay(trx, bookingId)) return 'postponed';
  const standings = await bookingInvoiceStandings(trx, clock, bookingId);
  if ([...standings.values()].some((standing) => standing.outstandingCents > 0)) return 'postponed';
  return (await anonymiseBooking(trx, bookingId, clock.now().toISOString())) ? 'anonymised' : 'unchanged';
}

function inTransaction(db: Db, change: (trx: Tx) => Promise<Outcome>): Promise<Outcome> {
  return db.transaction().execute(change);
}

/**
 * Handles every id the query lists after the last one handled, batch after batch, until it lists
 * none: so a booking that waits (or fails) does not hold up those after it. A failure is counted,
 * and the rest go on; the next run tries it again.
 */
async function eachDue(
  list: (after: string) => Promise<string[]>,
  handle: (id: string) => Promise<void>,
  tally: (outcome: Outcome, kind: keyof RetentionCounts) => void,
): Promise<void> {
  for (let ids = await list(''); ids.length > 0; ids = await list(ids.at(-1)!)) {
    for (const id of ids) await handle(id).catch(() => tally('failed', 'failed'));
  }
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
