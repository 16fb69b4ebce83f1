import type { Insertable, Selectable } from 'kysely';
import type { Executor, SlotTable, Tx } from '../../db/schema.js';
import { prepared } from '../../db/prepared-query.js';
import type { Activity } from '../catalog/activity.js';
import { selectActivities, toActivity, vatRatesColumn } from '../catalog/catalog.repository.js';
import { rowsOfJsonArray } from '../../db/json-array.js';
import { hasAnyExtras } from '../catalog/extras.repository.js';
import type { VatRateRow } from '../catalog/pricing.js';
import { roomAt } from '../resources/resource.js';
import { slotResourcesOf, usesResources } from '../resources/resource.repository.js';
import { currentTermsVersionOf } from '../venues/venue-terms.repository.js';
import type { Slot } from './slot.js';

/** The columns a Slot is read from; a query that joins other tables selects at least these. */
export type SlotRow = Omit<Selectable<SlotTable>, 'created_at' | 'schedule_id'>;

export function toSlot(row: SlotRow): Slot {
  return {
    id: row.id,
    activityId: row.activity_id,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    capacity: row.capacity,
    exclusive: row.exclusive === 1,
    bookedPersons: row.booked_persons,
    bookedGroups: row.booked_groups,
  };
}

/** The row of a new slot; `scheduleId` for a slot a weekly schedule generates. */
export function toSlotInsert(slot: Slot, createdAt: string, scheduleId: string | null = null): Insertable<SlotTable> {
  return {
    id: slot.id,
    activity_id: slot.activityId,
    starts_at: slot.startsAt.toISOString(),
    ends_at: slot.endsAt.toISOString(),
    capacity: slot.capacity,
    exclusive: slot.exclusive ? 1 : 0,
    booked_persons: slot.bookedPersons,
    booked_groups: slot.bookedGroups,
    created_at: createdAt,
    schedule_id: scheduleId,
  };
}

export async function insertSlot(db: Executor, slot: Slot, createdAt: string): Promise<void> {
  await db.insertInto('slots').values(toSlotInsert(slot, createdAt)).execute();
}

export async function findSlot(db: Executor, id: string): Promise<Slot | undefined> {
  const row = await db.selectFrom('slots').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSlot(row);
}

/** Slots with their activities (and the activities' venues): the columns findSlotWithActivity maps. */
function selectSlotsWithActivity(db: Executor) {
  return selectActivities(db)
    .innerJoin('slots', 'slots.activity_id', 'activities.id')
    .select([
      'slots.id as slot_id',
      'slots.starts_at',
      'slots.ends_at',
      'slots.capacity',
      'slots.exclusive',
      'slots.booked_persons',
      'slots.booked_groups',
    ])
    .select((eb) => usesResources(eb).as('uses_resources'));
}

/** A slot with its activity (and the activity's venue): the columns findSlotWithActivity maps. */
function selectSlotWithActivity(db: Executor, slotId: string) {
  return selectSlotsWithActivity(db).where('slots.id', '=', slotId);
}

type SlotWithActivityRow = Awaited<ReturnType<ReturnType<typeof selectSlotsWithActivity>['executeTakeFirstOrThrow']>>;

/** The slot and activity of a row of selectSlotWithActivity, with what its resources admit (when it uses any). */
async function toSlotWithActivity(db: Executor, row: SlotWithActivityRow): Promise<{ slot: Slot; activity: Activity }> {
  const found = slotWithActivityOf(row);
  if (row.uses_resources) await withResourceRoom(db, [found.slot]);
  return found;
}

/** The slot and activity of a row of selectSlotsWithActivity, without what its resources admit. */
function slotWithActivityOf(row: SlotWithActivityRow): { slot: Slot; activity: Activity } {
  return { slot: toSlot({ ...row, id: row.slot_id, activity_id: row.id }), activity: toActivity(row) };
}

const slotWithActivity = prepared((db, p: { slotId: string }) => selectSlotWithActivity(db, p.slotId));

/**
 * A slot with its activity (and the activity's venue) in one query: what every booking of the slot
 * is shown, priced and checked with. Undefined when the id names no slot.
 */
export async function findSlotWithActivity(db: Executor, slotId: string): Promise<{ slot: Slot; activity: Activity } | undefined> {
  const row = await slotWithActivity.first(db, { slotId });
  return row && toSlotWithActivity(db, row);
}

/**
 * Slots with their activities as findSlotWithActivity reads them, by slot id: one query however
 * many slots, one more for what the resources of those that use any admit. Ids of no slot are absent.
 */
export async function findSlotsWithActivity(
  db: Executor,
  slotIds: readonly string[],
): Promise<Map<string, { slot: Slot; activity: Activity }>> {
  if (slotIds.length === 0) return new Map();
  const rows = await selectSlotsWithActivity(db)
    .where('slots.id', 'in', [...slotIds])
    .execute();
  const found = rows.map(slotWithActivityOf);
  await withResourceRoom(
    db,
    found.flatMap(({ slot }, i) => (rows[i]!.uses_resources ? [slot] : [])),
  );
  return new Map(found.map((each) => [each.slot.id, each]));
}

/** What a booking's quote reads with its slot: whether its activity has any extras, the VAT rate rows and the venue's terms. */
export interface SlotToQuote {
  slot: Slot;
  activity: Activity;
  /** False when the activity has no extras at all: nothing to read of them. */
  anyExtras: boolean;
  /** Every VAT rate row, as listVatRates reads them. */
  vatRates: VatRateRow[];
  /** The number of the venue's current terms, as findCurrentTerms reads them (null: none published). */
  termsVersion: number | null;
}

const slotToQuote = prepared((db, p: { slotId: string }) =>
  selectSlotWithActivity(db, p.slotId)
    .select((eb) => hasAnyExtras(eb).as('any_extras'))
    .select(vatRatesColumn(db).as('vat_rates'))
    .select((eb) => currentTermsVersionOf(db, eb.ref('activities.venue_id')).as('terms_version')),
);

/**
 * The slot with its activity as findSlotWithActivity reads them, and in the same statement what a
 * booking's quote reads next (see SlotToQuote): one round trip instead of four for an activity
 * without extras. Undefined when the id names no slot.
 */
export async function findSlotToQuote(db: Executor, slotId: string): Promise<SlotToQuote | undefined> {
  const row = await slotToQuote.first(db, { slotId });
  if (!row) return undefined;
  return {
    ...(await toSlotWithActivity(db, row)),
    anyExtras: Boolean(row.any_extras),
    vatRates: rowsOfJsonArray(row.vat_rates),
    termsVersion: row.terms_version ?? null,
  };
}

/** The slots, each with what the resources its activity uses still admit at its time (when it uses any). */
export async function withResourceRoom(db: Executor, slots: Slot[]): Promise<Slot[]> {
  if (slots.length === 0) return slots;
  const resources = await slotResourcesOf(db, slots);
  for (const slot of slots) {
    const used = resources.get(slot.id);
    if (used) slot.resourceRoom = roomAt(used);
  }
  return slots;
}

/** Slots of an activity starting in [from, to), earliest first, with what their resources admit. */
export async function listSlots(db: Executor, activityId: string, from: Date, to: Date): Promise<Slot[]> {
  const rows = await db
    .selectFrom('slots')
    .selectAll()
    .select((eb) => usesResources(eb).as('uses_resources'))
    .where('activity_id', '=', activityId)
    .where('starts_at', '>=', from.toISOString())
    .where('starts_at', '<', to.toISOString())
    .orderBy('starts_at')
    .execute();
  const slots = rows.map(toSlot);
  return rows[0]?.uses_resources ? withResourceRoom(db, slots) : slots;
}

/**
 * Takes `persons` places in one conditional UPDATE, inside the caller's transaction. The row lock
 * (PostgreSQL) or the write lock (SQLite) makes check and increment one step, so two requests can
 * never both take the last places. Returns false when the slot cannot hold the group.
 */
export async function takeCapacity(trx: Tx, slotId: string, persons: number): Promise<boolean> {
  return (await capacityTaken.changes(trx, { slotId, persons })) === 1;
}

const capacityTaken = prepared(capacityUpdate);

/** takeCapacity's UPDATE, built: alone, or as part of a larger statement (takeSlotPlaces). */
export function capacityUpdate(db: Executor, p: { slotId: string; persons: number }) {
  return db
    .updateTable('slots')
    .set((eb) => ({ booked_persons: eb('booked_persons', '+', p.persons), booked_groups: eb('booked_groups', '+', 1) }))
    .where('id', '=', p.slotId)
    .where((eb) => eb(eb('booked_persons', '+', p.persons), '<=', eb.ref('capacity')))
    .where((eb) => eb.or([eb('exclusive', '=', 0), eb('booked_groups', '=', 0)]));
}

/** Gives a group's places back to its slot, inside the caller's transaction; false if the slot does not hold them. */
export async function releaseCapacity(trx: Tx, slotId: string, persons: number): Promise<boolean> {
  const result = await trx
    .updateTable('slots')
    .set((eb) => ({ booked_persons: eb('booked_persons', '-', persons), booked_groups: eb('booked_groups', '-', 1) }))
    .where('id', '=', slotId)
    .where('booked_persons', '>=', persons)
    .where('booked_groups', '>=', 1)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
