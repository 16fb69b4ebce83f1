import type { Executor, Tx } from '../../db/schema.js';
import { prepared, type PreparedQuery } from '../../db/prepared-query.js';

/**
 * An extra's stock is per slot: the units are in use during it. Each slot and extra has a row of
 * the units taken, made on first use, and taken from in one conditional UPDATE inside the caller's
 * transaction (after the slot's row, the lock order of every change of places), so that two
 * bookings never both take the last units. The stock is read in the same statement, so a stock
 * staff lowered counts at once. Returns false when the extra has fewer than `units` left.
 */
export async function takeExtraUnits(trx: Tx, slotId: string, extraId: string, units: number): Promise<boolean> {
  await trx
    .insertInto('extra_stock')
    .values({ slot_id: slotId, extra_id: extraId, taken: 0 })
    .onConflict((oc) => oc.columns(['slot_id', 'extra_id']).doNothing())
    .execute();
  const result = await trx
    .updateTable('extra_stock')
    .set((eb) => ({ taken: eb('taken', '+', units) }))
    .where('slot_id', '=', slotId)
    .where('extra_id', '=', extraId)
    .where((eb) => {
      const stock = eb.selectFrom('activity_extras').select('stock').where('activity_extras.id', '=', extraId);
      return eb.or([eb(stock, 'is', null), eb(eb('taken', '+', units), '<=', stock)]);
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives units of an extra back to the slot, inside the caller's transaction; false if the slot does not hold them. */
export async function releaseExtraUnits(trx: Tx, slotId: string, extraId: string, units: number): Promise<boolean> {
  const result = await trx
    .updateTable('extra_stock')
    .set((eb) => ({ taken: eb('taken', '-', units) }))
    .where('slot_id', '=', slotId)
    .where('extra_id', '=', extraId)
    .where('taken', '>=', units)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The query of listExtraUnitsTakenInSlots, by how many ids it lists (a power of two). */
const unitsTaken = new Map<number, PreparedQuery<Record<string, string>, { slot_id: string; extra_id: string; taken: number }>>();

function unitsTakenIn(count: number) {
  let query = unitsTaken.get(count);
  if (!query) {
    query = prepared((db, p: Record<string, string>) =>
      db
        .selectFrom('extra_stock')
        .select(['slot_id', 'extra_id', 'taken'])
        .where(
          'slot_id',
          'in',
          Array.from({ length: count }, (_, i) => p[`s${i}`]!),
        ),
    );
    unitsTaken.set(count, query);
  }
  return query;
}

/** The units taken per slot and extra, for these slots: by slot id, then extra id. */
export async function listExtraUnitsTakenInSlots(db: Executor, slotIds: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const bySlot = new Map<string, Map<string, number>>();
  if (slotIds.length === 0) return bySlot;
  // The ids listed up to a power of two (the last repeated): a few queries serve every number of
  // slots, where one per number would keep a query for each a request ever asked for.
  let size = 8;
  while (size < slotIds.length) size *= 2;
  const ids = Array.from({ length: size }, (_, i) => [`s${i}`, slotIds[Math.min(i, slotIds.length - 1)]!]);
  const rows = await unitsTakenIn(size).rows(db, Object.fromEntries(ids));
  for (const row of rows) bySlot.set(row.slot_id, (bySlot.get(row.slot_id) ?? new Map<string, number>()).set(row.extra_id, row.taken));
  return bySlot;
}
