import type { Insertable, Selectable } from 'kysely';
import type { DiscountCodeTable, Executor, Tx } from '../../db/schema.js';
import type { BookingDiscountTerms, DiscountCode, DiscountTerms } from './discount-code.js';

type DiscountCodeRow = Selectable<DiscountCodeTable>;

function termsOf(row: DiscountCodeRow): DiscountTerms {
  return row.kind === 'percent'
    ? { code: row.code, kind: 'percent', percent: row.percent ?? 0 }
    : { code: row.code, kind: 'amount', amountCents: row.amount_cents ?? 0, per: row.per === 'person' ? 'person' : 'booking' };
}

function toDiscountCode(row: DiscountCodeRow, activityIds: string[]): DiscountCode {
  return {
    id: row.id,
    venueId: row.venue_id,
    terms: termsOf(row),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    minGroupSize: row.min_group_size,
    maxUses: row.max_uses,
    uses: row.uses,
    active: row.active === 1,
    activityIds,
    createdAt: new Date(row.created_at),
  };
}

/** The codes of these rows, each with the activities it is limited to. */
async function withActivities(db: Executor, rows: DiscountCodeRow[]): Promise<DiscountCode[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('discount_code_activities')
    .select(['discount_code_id', 'activity_id'])
    .where(
      'discount_code_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('activity_id')
    .execute();
  return rows.map((row) =>
    toDiscountCode(
      row,
      links.filter((l) => l.discount_code_id === row.id).map((l) => l.activity_id),
    ),
  );
}

/** The venue's code (normalised, see normaliseCode), active or not. */
export async function findDiscountCode(db: Executor, venueId: string, code: string): Promise<DiscountCode | undefined> {
  const row = await db.selectFrom('discount_codes').selectAll().where('venue_id', '=', venueId).where('code', '=', code).executeTakeFirst();
  return row && (await withActivities(db, [row]))[0];
}

export async function findDiscountCodeById(db: Executor, id: string): Promise<DiscountCode | undefined> {
  const row = await db.selectFrom('discount_codes').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await withActivities(db, [row]))[0];
}

/** The codes of these venues, newest first. */
export async function listDiscountCodes(db: Executor, venueIds: readonly string[]): Promise<DiscountCode[]> {
  if (venueIds.length === 0) return [];
  const rows = await db
    .selectFrom('discount_codes')
    .selectAll()
    .where('venue_id', 'in', venueIds)
    .orderBy('created_at', 'desc')
    .orderBy('code')
    .execute();
  return withActivities(db, rows);
}

/**
 * Takes one use of a code, inside the booking's transaction: a conditional update, so concurrent
 * bookings never take more than its maximum (false, having changed nothing, when it is used up).
 */
export async function takeDiscountUse(trx: Tx, id: string): Promise<boolean> {
  const result = await trx
    .updateTable('discount_codes')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('max_uses', 'is', null), eb('uses', '<', eb.ref('max_uses'))]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The code a booking used, if any (a booking's use is taken and given back by its code's id). */
export async function findBookingDiscountCodeId(db: Executor, bookingId: string): Promise<string | null> {
  const row = await db.selectFrom('bookings').select('discount_code_id').where('id', '=', bookingId).executeTakeFirst();
  return row?.discount_code_id ?? null;
}

/**
 * Takes a use again for a booking that gave its use back (paid after it expired), like
 * takeDiscountUse: true when taken, or when the booking used no code.
 */
export async function takeBookingDiscountUse(trx: Tx, bookingId: string): Promise<boolean> {
  const id = await findBookingDiscountCodeId(trx, bookingId);
  return id === null || takeDiscountUse(trx, id);
}

/** Gives a booking's use back to its code (none used: nothing), inside the caller's transaction. */
export async function releaseBookingDiscountUse(trx: Tx, bookingId: string): Promise<void> {
  await trx
    .updateTable('discount_codes')
    .set((eb) => ({ uses: eb('uses', '-', 1) }))
    .where('id', '=', (eb) => eb.selectFrom('bookings').select('discount_code_id').where('id', '=', bookingId))
    .where('uses', '>', 0)
    .execute();
}

/** The discount terms a booking was given, as it keeps them; null when it used no code. */
export async function findBookingDiscountTerms(db: Executor, bookingId: string): Promise<BookingDiscountTerms | null> {
  const row = await db.selectFrom('bookings').select('discount_terms').where('id', '=', bookingId).executeTakeFirst();
  return row?.discount_terms ? (JSON.parse(row.discount_terms) as BookingDiscountTerms) : null;
}

export async function insertDiscountCode(trx: Tx, row: Insertable<DiscountCodeTable>, activityIds: readonly string[]): Promise<void> {
  await trx.insertInto('discount_codes').values(row).execute();
  await setCodeActivities(trx, row.id, activityIds);
}

/** The rules of a code as staff edit them (its code, venue and uses stay). */
export type DiscountCodeChange = Pick<
  DiscountCodeTable,
  'kind' | 'percent' | 'amount_cents' | 'per' | 'valid_from' | 'valid_until' | 'min_group_size' | 'max_uses'
> & { active: number };

/**
 * Changes a code's rules; false, having changed nothing, when its new maximum is below the uses
 * taken (checked in the update itself, so a use taken meanwhile counts).
 */
export async function updateDiscountCode(
  trx: Tx,
  id: string,
  change: DiscountCodeChange,
  activityIds: readonly string[],
): Promise<boolean> {
  let query = trx.updateTable('discount_codes').set(change).where('id', '=', id);
  if (change.max_uses !== null) query = query.where('uses', '<=', change.max_uses);
  if (Number((await query.executeTakeFirst()).numUpdatedRows) !== 1) return false;
  await trx.deleteFrom('discount_code_activities').where('discount_code_id', '=', id).execute();
  await setCodeActivities(trx, id, activityIds);
  return true;
}

/** The ids of a venue's activities (those a code of the venue may be limited to). */
export async function listVenueActivityIds(db: Executor, venueId: string): Promise<string[]> {
  const rows = await db.selectFrom('activities').select('id').where('venue_id', '=', venueId).execute();
  return rows.map((r) => r.id);
}

async function setCodeActivities(trx: Tx, id: string, activityIds: readonly string[]): Promise<void> {
  if (activityIds.length === 0) return;
  await trx
    .insertInto('discount_code_activities')
    .values(activityIds.map((activityId) => ({ discount_code_id: id, activity_id: activityId })))
    .execute();
}
