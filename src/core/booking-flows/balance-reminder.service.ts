import type { Db } from '../../db/schema.js';
import { recordBookingEvent } from '../bookings/booking-history.js';
import type { Job } from '../jobs/scheduler.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { Clock } from '../shared/clock.js';
import { addLocalDays, localDateOf } from '../shared/time.js';
import { listBalancesToRemind, markBalanceReminded } from '../payments/balances.repository.js';

/** How many days before a balance is due its reminder goes out. */
export const BALANCE_REMINDER_DAYS = 3;
/** Bookings one run reminds; the next run goes on with the rest. */
const BATCH = 500;

/**
 * Mails the organiser of each confirmed booking paying online whose balance is due within
 * BALANCE_REMINDER_DAYS (Amsterdam dates; a balance already overdue too) and still owed: once per
 * booking and due date (more to pay moves the date and asks for a reminder again, balances.service.ts
 * applyPriceChange), with the link that pays it. As the lifecycle's steps do, it asks what is due now (one
 * run catches up after downtime) and records each reminder with a conditional UPDATE, so two runs
 * or two instances remind once.
 */
export async function remindBalances(db: Db, clock: Clock): Promise<number> {
  const dueBy = addLocalDays(localDateOf(clock.now()), BALANCE_REMINDER_DAYS);
  const due = await listBalancesToRemind(db, dueBy, BATCH);
  let reminded = 0;
  for (const row of due) {
    const sent = await db.transaction().execute(async (trx) => {
      if (!(await markBalanceReminded(trx, row.id, clock.now().toISOString()))) return false;
      await enqueueBookingMail(trx, clock, {
        kind: 'balance_reminder',
        bookingId: row.id,
        recipient: row.organiser_email,
        language: row.language === 'en' ? 'en' : 'nl',
        dedupeKey: `balance_reminder:${row.id}:${row.balance_due_on}`,
      });
      await recordBookingEvent(trx, clock, {
        by: 'system',
        venueId: row.venue_id,
        reference: row.reference,
        action: 'booking.balance_reminder_sent',
        detail: { balance_due_on: row.balance_due_on },
      });
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** The background job that sends balance reminders, every 15 minutes, on one instance at a time. */
export function balanceReminderJob(db: Db, clock: Clock): Job {
  return { name: 'balance-reminders', everySeconds: 900, run: () => remindBalances(db, clock) };
}
