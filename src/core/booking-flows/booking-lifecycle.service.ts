import type { Db } from '../../db/schema.js';
import type { Job } from '../jobs/scheduler.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import {
  listEndedVisits,
  listOptionsPastDeadline,
  listOptionsToRemind,
  listVisitsToRemind,
  markOptionReminded,
  markVisitReminded,
} from '../bookings/booking-lifecycle.repository.js';
import type { BookingRow } from '../bookings/booking.repository.js';
import { bookingToChange, changeStatus } from './status-change.service.js';
import { expireUnpaid } from './payment-window.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { remindOverdueInvoices } from '../invoices/invoice-reminder.service.js';

/**
 * What happens to bookings by itself, as time passes: options expire at their deadline, bookings
 * awaiting payment at the end of their window (once Mollie confirms they were not paid), reminders
 * go out before an option's deadline and before the visit, visits that are over are completed, an
 * invoice unpaid after its due date reminds its organiser once (invoice-reminder.service.ts).
 *
 * Each step asks the database what is due at this moment (not what happened since the last run),
 * so after any downtime one run catches up; and each change is a conditional UPDATE naming the
 * state it expects, so running a step twice, or on two instances at once, changes and mails
 * everything once.
 */

/** Bookings one step handles per run; the next run, a minute later, goes on with the rest. */
export const LIFECYCLE_BATCH = 500;
/** How long before an option's deadline its reminder goes out. */
export const OPTION_REMINDER_HOURS = 24;
/** How long before the visit its reminder goes out. */
export const VISIT_REMINDER_HOURS = 48;

const HOUR = 3_600_000;

export interface LifecycleRun {
  expired: number;
  paymentsExpired: number;
  optionReminders: number;
  visitReminders: number;
  completed: number;
  invoiceReminders: number;
}

/**
 * Applies `change` to each row; counts the rows it changed. One booking's failure (a slot that
 * does not hold its places, say) does not stop the others; the failures are thrown together at the end.
 */
async function eachDue(rows: BookingRow[], change: (row: BookingRow) => Promise<boolean>): Promise<number> {
  let changed = 0;
  const errors: unknown[] = [];
  for (const row of rows) {
    try {
      if (await change(row)) changed += 1;
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} of ${rows.length} bookings failed`);
  return changed;
}

/**
 * Expires every option whose deadline has come: status `expired` and its places back on the slot
 * in one transaction, the history entry (by the system), the organiser's `option_expired` mail and
 * the staff's notice.
 */
export async function expireOptions(db: Db, clock: Clock): Promise<number> {
  const due = await listOptionsPastDeadline(db, clock.now().toISOString(), LIFECYCLE_BATCH);
  return eachDue(due, (row) =>
    db.transaction().execute((trx) =>
      changeStatus(trx, clock, bookingToChange(row), {
        to: 'expired',
        actor: { by: 'system' },
        action: 'booking.expired',
        option: 'passed',
      }),
    ),
  );
}

/** Sends the `option_expiring` mail once per deadline, for options whose deadline is within 24 hours. */
export async function remindExpiringOptions(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await listOptionsToRemind(
    db,
    now.toISOString(),
    new Date(now.getTime() + OPTION_REMINDER_HOURS * HOUR).toISOString(),
    LIFECYCLE_BATCH,
  );
  return eachDue(due, (row) =>
    db.transaction().execute(async (trx) => {
      const deadline = row.option_expires_at ?? '';
      if (!(await markOptionReminded(trx, row.id, deadline, clock.now().toISOString()))) return false;
      const { email, language } = bookingToChange(row);
      await enqueueBookingMail(trx, clock, {
        kind: 'option_expiring',
        bookingId: row.id,
        recipient: email,
        language,
        // Per deadline: an option that staff extend gets a reminder for its new deadline too.
        dedupeKey: `option_expiring:${row.id}:${deadline}`,
      });
      await recordBookingEvent(trx, clock, {
        by: 'system',
        venueId: row.venue_id,
        reference: row.reference,
        action: 'booking.option_reminder_sent',
        detail: { option_expires_at: deadline },
      });
      return true;
    }),
  );
}

/** Sends the `visit_reminder` mail once, for confirmed bookings whose visit starts within 48 hours. */
export async function remindVisits(db: Db, clock: Clock): Promise<number> {
  const now = clock.now();
  const due = await listVisitsToRemind(
    db,
    now.toISOString(),
    new Date(now.getTime() + VISIT_REMINDER_HOURS * HOUR).toISOString(),
    LIFECYCLE_BATCH,
  );
  return eachDue(due, (row) =>
    db.transaction().execute(async (trx) => {
      if (!(await markVisitReminded(trx, row.id, clock.now().toISOString()))) return false;
      const { email, language } = bookingToChange(row);
      await enqueueBookingMail(trx, clock, {
        kind: 'visit_reminder',
        bookingId: row.id,
        recipient: email,
        language,
        dedupeKey: `visit_reminder:${row.id}`,
      });
      await recordBookingEvent(trx, clock, {
        by: 'system',
        venueId: row.venue_id,
        reference: row.reference,
        action: 'booking.visit_reminder_sent',
      });
      return true;
    }),
  );
}

/** Completes confirmed bookings whose visit has ended; a completed booking keeps its places counted. */
export async function completeVisits(db: Db, clock: Clock): Promise<number> {
  const due = await listEndedVisits(db, clock.now().toISOString(), LIFECYCLE_BATCH);
  return eachDue(due, (row) =>
    db
      .transaction()
      .execute((trx) =>
        changeStatus(trx, clock, bookingToChange(row), { to: 'completed', actor: { by: 'system' }, action: 'booking.completed' }),
      ),
  );
}

/**
 * One run of every step, expiry first (an expired option gets no reminder). A failing step does
 * not keep the later ones from running; its error is thrown after them.
 */
export async function runBookingLifecycle(db: Db, clock: Clock, payments: PaymentContext): Promise<LifecycleRun> {
  const steps: [keyof LifecycleRun, (db: Db, clock: Clock) => Promise<number>][] = [
    ['expired', expireOptions],
    ['paymentsExpired', (db, clock) => expireUnpaid(db, clock, payments, LIFECYCLE_BATCH)],
    ['optionReminders', remindExpiringOptions],
    ['visitReminders', remindVisits],
    ['completed', completeVisits],
    ['invoiceReminders', remindOverdueInvoices],
  ];
  const run: LifecycleRun = { expired: 0, paymentsExpired: 0, optionReminders: 0, visitReminders: 0, completed: 0, invoiceReminders: 0 };
  const errors: unknown[] = [];
  for (const [name, step] of steps) {
    try {
      run[name] = await step(db, clock);
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'booking lifecycle: some steps failed');
  return run;
}

/**
 * How long one run may hold the job's lease. The payment-window step asks Mollie one call at a
 * time, at most PAYMENT_WINDOW_CALLS_PER_RUN calls of at most 15 seconds each (the client's
 * timeout): 50 × 15 s = 750 s in the worst case, plus the database steps. 15 minutes covers it, so
 * a second instance does not take over a run that is merely waiting on Mollie.
 */
export const LIFECYCLE_LEASE_SECONDS = 900;

/** The background job that runs the lifecycle every minute, on one instance at a time (its lease). */
export function bookingLifecycleJob(db: Db, clock: Clock, payments: PaymentContext): Job {
  return {
    name: 'booking-lifecycle',
    everySeconds: 60,
    leaseSeconds: LIFECYCLE_LEASE_SECONDS,
    run: () => runBookingLifecycle(db, clock, payments),
  };
}
