import { sql } from 'kysely';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database, Executor, Tx } from '../../db/schema.js';
import { REFUNDS_UNSETTLED } from '../payments/payments.repository.js';
import type { VenueRetentionChoice } from './retention.js';

/** Rows one query hands the retention job; it goes on until none are left. */
export const RETENTION_BATCH = 200;

/** What stands instead of a removed name, address or text: empty, so nothing of it remains. */
const REMOVED = '';

export async function listVenueRetentionChoices(db: Executor): Promise<Map<string, VenueRetentionChoice>> {
  const rows = await db.selectFrom('venue_retention').selectAll().execute();
  return new Map(
    rows.map((row) => [
      row.venue_id,
      { participantsDays: row.participants_days, organiserMonths: row.organiser_months, cancelledDays: row.cancelled_days },
    ]),
  );
}

export async function findVenueRetentionChoice(db: Executor, venueId: string): Promise<VenueRetentionChoice | null> {
  const row = await db.selectFrom('venue_retention').selectAll().where('venue_id', '=', venueId).executeTakeFirst();
  return row ? { participantsDays: row.participants_days, organiserMonths: row.organiser_months, cancelledDays: row.cancelled_days } : null;
}

export async function saveVenueRetentionChoice(trx: Tx, venueId: string, choice: VenueRetentionChoice, at: string): Promise<void> {
  const values = {
    participants_days: choice.participantsDays,
    organiser_months: choice.organiserMonths,
    cancelled_days: choice.cancelledDays,
  };
  await trx
    .insertInto('venue_retention')
    .values({ venue_id: venueId, ...values, updated_at: at })
    .onConflict((oc) => oc.column('venue_id').doUpdateSet({ ...values, updated_at: at }))
    .execute();
}

export async function listVenueIds(db: Executor): Promise<string[]> {
  return (await db.selectFrom('venues').select('id').orderBy('id').execute()).map((row) => row.id);
}

/**
 * A venue's bookings whose visit ended before `before` and whose `kept` data is still there: the
 * participants' details (`participants_removed_at` unset) or the organiser's (`anonymised_at` unset).
 */
export async function listBookingsVisitedBefore(
  db: Executor,
  venueId: string,
  kept: 'participants_removed_at' | 'anonymised_at',
  before: string,
  after: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select('bookings.id')
    .where('bookings.venue_id', '=', venueId)
    .where(`bookings.${kept}`, 'is', null)
    .where('slots.ends_at', '<', before)
    .where('bookings.id', '>', after)
    .orderBy('bookings.id')
    .limit(RETENTION_BATCH)
    .execute();
  return rows.map((row) => row.id);
}

/** A venue's cancelled or expired bookings not anonymised yet that gave up their places before `before`. */
export async function listBookingsEndedBefore(db: Executor, venueId: string, before: string, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bookings')
    .select('id')
    .where('venue_id', '=', venueId)
    .where('anonymised_at', 'is', null)
    .where('status', 'in', ['cancelled', 'expired'])
    .where(sql<string>`coalesce(cancelled_at, updated_at)`, '<', before)
    .where('id', '>', after)
    .orderBy('id')
    .limit(RETENTION_BATCH)
    .execute();
  return rows.map((row) => row.id);
}

/** Bookings whose organiser asked for erasure and whose visit is over (or that hold no places any more). */
export async function listErasuresDue(db: Executor, now: string, after: string): Promise<string[]> {
  const rows = await db
    .selectFrom('bookings')
    .innerJoin('slots', 'slots.id', 'bookings.slot_id')
    .select('bookings.id')
    .where('bookings.erasure_requested_at', 'is not', null)
    .where('bookings.anonymised_at', 'is', null)
    .where((eb) => eb.or([eb('slots.ends_at', '<', now), eb('bookings.status', 'in', ['cancelled', 'expired'])]))
    .where('bookings.id', '>', after)
    .orderBy('bookings.id')
    .limit(RETENTION_BATCH)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Removes the participants' details (names, answers such as allergies) and the organiser's remarks
 * of one booking; false when they were removed already. Counts stay: the participants' rows remain.
 */
export async function removeParticipantDetails(trx: Tx, bookingId: string, at: string): Promise<boolean> {
  const marked = await trx
    .updateTable('bookings')
    .set({ participants_removed_at: at, notes: REMOVED })
    .where('id', '=', bookingId)
    .where('participants_removed_at', 'is', null)
    .executeTakeFirst();
  if (marked.numUpdatedRows === 0n) return false;
  await emptyParticipants(trx, bookingId);
  return true;
}

async function emptyParticipants(trx: Tx, bookingId: string): Promise<void> {
  await trx.updateTable('participants').set({ name: REMOVED, answers: '{}' }).where('booking_id', '=', bookingId).execute();
}

/** Whether money of the booking is under way: a payment open at the provider, or a refund not settled. */
export async function hasMoneyUnderWay(db: Executor, bookingId: string): Promise<boolean> {
  const payment = await db
    .selectFrom('payments')
    .select('id')
    .where('booking_id', '=', bookingId)
    .where('status', 'in', ['creating', 'open', 'pending', 'authorized'])
    .executeTakeFirst();
  if (payment) return true;
  const refund = await db
    .selectFrom('refunds')
    .select('id')
    .where('booking_id', '=', bookingId)
    .where('status', 'in', REFUNDS_UNSETTLED)
    .executeTakeFirst();
  return refund !== undefined;
}

/** Detail keys of the activity log that may hold a person's address, name or words. */
const PERSONAL_LOG_KEYS = ['to_email', 'email', 'reason', 'by'] as const;

/**
 * Replaces everything personal of one booking: the organiser's contact and billing details, the
 * participants' details, staff notes, payment notes and refund reasons, its mails' recipients and
 * contents, personal details of its activity log entries; its private links stop working. What
 * statistics need stays: status, group size, party, amounts, dates. Issued invoices are not touched:
 * the law keeps them seven years. False when it was anonymised already.
 */
export async function anonymiseBooking(trx: Tx, bookingId: string, at: string): Promise<boolean> {
  const marked = await trx
    .updateTable('bookings')
    .set({
      anonymised_at: at,
      participants_removed_at: sql<string>`coalesce(participants_removed_at, ${at})`,
      organiser_name: REMOVED,
      organiser_email: REMOVED,
      organiser_phone: REMOVED,
      organisation: REMOVED,
      notes: REMOVED,
      billing_organisation: null,
      billing_address: null,
      billing_reference: null,
      billing_vat_id: null,
      manage_token_hash: `anonymised:${bookingId}`,
      participant_token_hash: null,
      submission_hash: null,
    })
    .where('id', '=', bookingId)
    .where('anonymised_at', 'is', null)
    .returning(['reference', 'venue_id'])
    .executeTakeFirst();
  if (!marked) return false;
  await emptyParticipants(trx, bookingId);
  await trx.updateTable('booking_notes').set({ body: REMOVED }).where('booking_id', '=', bookingId).execute();
  await trx.updateTable('payments').set({ note: REMOVED, checkout_url: null }).where('booking_id', '=', bookingId).execute();
  await trx.updateTable('refunds').set({ reason: REMOVED }).where('booking_id', '=', bookingId).execute();
  await trx
    .updateTable('mail_outbox')
    .set({ status: 'skipped', locked_until: null })
    .where('booking_id', '=', bookingId)
    .where('status', '=', 'pending')
    .execute();
  await emptyMails(trx, (eb) => eb('booking_id', '=', bookingId));
  const entries = await trx
    .selectFrom('activity_log')
    .select(['id', 'detail'])
    .where('venue_id', '=', marked.venue_id)
    .where('target', '=', marked.reference)
    .execute();
  for (const entry of entries) await scrubLogDetail(trx, entry);
  return true;
}

async function scrubLogDetail(trx: Tx, entry: { id: string; detail: string }): Promise<void> {
  const detail = withoutPersonalKeys(entry.detail);
  if (detail === entry.detail) return;
  await trx.updateTable('activity_log').set({ detail }).where('id', '=', entry.id).execute();
}

/** An activity log entry's detail (JSON) without the keys that may name a person; the same text when it has none. */
function withoutPersonalKeys(json: string): string {
  const detail = JSON.parse(json) as Record<string, unknown>;
  if (!PERSONAL_LOG_KEYS.some((key) => key in detail)) return json;
  for (const key of PERSONAL_LOG_KEYS) delete detail[key];
  return JSON.stringify(detail);
}

/**
 * Empties the recipient and contents of the mails `where` selects; a deduplication key that holds an
 * address (staff notices, alerts name their recipient) becomes the row's id, which stays unique.
 */
async function emptyMails(db: Executor, where: (eb: ExpressionBuilder<Database, 'mail_outbox'>) => Expression<SqlBool>): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      recipient: REMOVED,
      detail: '{}',
      last_error: null,
      dedupe_key: eb.case().when('dedupe_key', 'like', '%@%').then(eb.ref('id')).else(eb.ref('dedupe_key')).end(),
    }))
    .where(where)
    .execute();
}

/** Vouchers of a venue whose buyer is still named: valid until before `before`, or cancelled (never paid) before `cancelledBefore`. */
export async function listVouchersDue(
  db: Executor,
  venueId: string,
  before: string,
  cancelledBefore: string,
  after: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('vouchers')
    .select('id')
    .where('venue_id', '=', venueId)
    .where('anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('valid_until', '<', before),
        eb.and([eb('status', 'in', ['cancelled', 'pending']), eb('created_at', '<', cancelledBefore)]),
      ]),
    )
    .where('id', '>', after)
    .orderBy('id')
    .limit(RETENTION_BATCH)
    .execute();
  return rows.map((row) => row.id);
}

/** Replaces a voucher's buyer, recipient, message and note, and its mails' recipients and contents. */
export async function anonymiseVoucher(trx: Tx, voucherId: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('vouchers')
    .set({
      anonymised_at: at,
      buyer_name: REMOVED,
      buyer_email: REMOVED,
      recipient_name: REMOVED,
      message: REMOVED,
      note: REMOVED,
      checkout_url: null,
    })
    .where('id', '=', voucherId)
    .where('anonymised_at', 'is', null)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  await emptyMails(trx, (eb) =>
    eb.and([eb('kind', '=', 'voucher_issued'), eb('dedupe_key', 'like', `voucher_issued:${voucherId}%`), eb('status', '!=', 'pending')]),
  );
  return true;
}

/** Empties the recipient and contents of up to a batch of mails sent (or given up) before `before`; how many. */
export async function pruneDeliveredMails(db: Executor, before: string): Promise<number> {
  const ids = await db
    .selectFrom('mail_outbox')
    .select('id')
    .where('status', '!=', 'pending')
    .where(sql<string>`coalesce(sent_at, next_attempt_at, created_at)`, '<', before)
    .where((eb) => eb.or([eb('recipient', '!=', REMOVED), eb('detail', '!=', '{}'), eb('dedupe_key', 'like', '%@%')]))
    .limit(RETENTION_BATCH)
    .execute();
  if (ids.length === 0) return 0;
  await emptyMails(db, (eb) =>
    eb(
      'id',
      'in',
      ids.map((row) => row.id),
    ),
  );
  return ids.length;
}

/** Removes staff addresses, client networks, e-mail targets and personal details from up to a batch of entries older than `before`; how many. */
export async function scrubOldActivityLog(db: Executor, before: string): Promise<number> {
  const rows = await db
    .selectFrom('activity_log')
    .select(['id', 'detail'])
    .where('at', '<', before)
    .where((eb) =>
      eb.or([
        eb('actor_email', 'is not', null),
        eb('client', 'is not', null),
        eb('target', 'like', '%@%'),
        ...PERSONAL_LOG_KEYS.map((key) => eb('detail', 'like', `%"${key}":%`)),
      ]),
    )
    .limit(RETENTION_BATCH)
    .execute();
  for (const row of rows) {
    await db
      .updateTable('activity_log')
      .set({
        actor_email: null,
        client: null,
        target: sql<string | null>`case when target like '%@%' then null else target end`,
        detail: withoutPersonalKeys(row.detail),
      })
      .where('id', '=', row.id)
      .execute();
  }
  return rows.length;
}

export async function insertRetentionRun(
  db: Executor,
  run: { id: string; startedAt: string; finishedAt: string; counts: string },
): Promise<void> {
  await db
    .insertInto('retention_runs')
    .values({ id: run.id, started_at: run.startedAt, finished_at: run.finishedAt, counts: run.counts })
    .execute();
}

export async function listRetentionRuns(db: Executor, limit: number): Promise<{ startedAt: string; finishedAt: string; counts: string }[]> {
  const rows = await db.selectFrom('retention_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ startedAt: row.started_at, finishedAt: row.finished_at, counts: row.counts }));
}
