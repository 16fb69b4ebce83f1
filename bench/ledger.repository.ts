import type { Db } from '../src/db/schema.js';

/** A slot's capacity, its counter, and what its stored bookings add up to. */
export interface SlotLedger {
  slotId: string;
  capacity: number;
  bookedPersons: number;
  storedPersons: number;
}

/** Every slot, with the sum of its stored bookings' group sizes. */
export async function slotLedgers(db: Db): Promise<SlotLedger[]> {
  const rows = await db
    .selectFrom('slots')
    .leftJoin('bookings', 'bookings.slot_id', 'slots.id')
    .select((eb) => [
      'slots.id',
      'slots.capacity',
      'slots.booked_persons',
      eb.fn.sum<number | string | null>('bookings.group_size').as('persons'),
    ])
    .groupBy(['slots.id', 'slots.capacity', 'slots.booked_persons'])
    .execute();
  return rows.map((r) => ({ slotId: r.id, capacity: r.capacity, bookedPersons: r.booked_persons, storedPersons: Number(r.persons ?? 0) }));
}

/** The references of every stored booking. */
export async function storedReferences(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('bookings').select('reference').execute();
  return rows.map((r) => r.reference);
}
