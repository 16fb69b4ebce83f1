import type { Executor, Tx } from '../../db/schema.js';
import { releaseExtraUnits, takeExtraUnits } from '../availability/extra-stock.repository.js';
import { extrasLeftInSlots } from '../availability/extra-offers.service.js';
import { type Extra, type ExtraChoice, extrasChosen, type HeldExtra, resizedExtras } from '../catalog/extras.js';
import { listActivityExtras } from '../catalog/extras.repository.js';
import {
  type BookingExtraRow,
  insertBookingExtras,
  listBookingExtras,
  updateBookingExtraQuantity,
} from '../bookings/booking-extras.repository.js';
import { DomainError } from '../shared/errors.js';
import { FieldsRefused } from '../shared/field-errors.js';

/**
 * A booking's extras (core/catalog/extras.ts) and their stock, which is per slot. The stock is
 * taken in the transaction that places or changes the booking, after the slot's row (the lock
 * order of every change of places), with a conditional UPDATE (core/availability/extra-stock.repository.ts),
 * and given back exactly when the booking's places are.
 */

/** The refusal of an extra the slot has too few units of left, naming the extra in both languages. */
function soldOut(extra: Extra): DomainError {
  return new DomainError('extra_sold_out', { extra_id: extra.id, extra_nl: extra.label.nl, extra_en: extra.label.en });
}

/** Refuses (`extra_sold_out`) when the slot has fewer units left of an extra than `more` would take now. */
async function refuseShort(db: Executor, slotId: string, more: readonly HeldExtra[]): Promise<void> {
  if (!more.some((h) => h.quantity > 0)) return;
  const left = (
    await extrasLeftInSlots(
      db,
      more.map((h) => h.extra),
      [slotId],
    )
  ).get(slotId)!;
  const short = more.find((h) => h.quantity > 0 && (left.get(h.extra.id) ?? Infinity) < h.quantity);
  if (short) throw soldOut(short.extra);
}

/**
 * What a new booking of `groupSize` takes of the activity's active extras by the organiser's
 * choice: refused with the choice's field errors (FieldsRefused), or `extra_sold_out` when the slot
 * has too few left now (the take in the booking's transaction decides under concurrency).
 * `anyExtras` false (the activity has none at all, as read with its slot) reads nothing: a choice
 * naming an extra is refused as for an activity whose extras are all inactive.
 */
export async function chooseExtras(
  db: Executor,
  slot: { id: string; activityId: string; anyExtras: boolean },
  choice: ExtraChoice,
  groupSize: number,
): Promise<HeldExtra[]> {
  const offered = slot.anyExtras ? await listActivityExtras(db, slot.activityId, { activeOnly: true }) : [];
  const chosen = extrasChosen(offered, choice, groupSize);
  if (!chosen.ok) throw new FieldsRefused(chosen.errors);
  await refuseShort(db, slot.id, chosen.held);
  return chosen.held;
}

/** Takes the units in the slot, all or none (what one took is given back when another falls short); the id of the extra that fell short, if any. */
async function takeAll(trx: Tx, slotId: string, units: readonly BookingExtraRow[]): Promise<string | undefined> {
  const taken: BookingExtraRow[] = [];
  for (const u of units) {
    if (u.quantity === 0) continue;
    if (!(await takeExtraUnits(trx, slotId, u.extraId, u.quantity))) {
      for (const t of taken) await releaseExtraUnits(trx, slotId, t.extraId, t.quantity);
      return u.extraId;
    }
    taken.push(u);
  }
  return undefined;
}

/** A new booking's extras, inside the transaction that places it: their units taken (else `extra_sold_out`), and recorded. */
export async function holdExtras(trx: Tx, slotId: string, bookingId: string, held: readonly HeldExtra[]): Promise<void> {
  const units = held.map((h) => ({ extraId: h.extra.id, quantity: h.quantity }));
  const shortId = await takeAll(trx, slotId, units);
  const short = held.find((h) => h.extra.id === shortId);
  if (short) throw soldOut(short.extra);
  await insertBookingExtras(trx, bookingId, units);
}

/** The extras a booking holds, as the activity defines them now (one staff deactivated since too: the booking keeps it). */
export async function heldExtrasOf(db: Executor, activityId: string, bookingId: string): Promise<HeldExtra[]> {
  const rows = await listBookingExtras(db, bookingId);
  if (rows.length === 0) return [];
  const extras = await listActivityExtras(db, activityId, { activeOnly: false });
  return rows.flatMap((row) => {
    const extra = extras.find((e) => e.id === row.extraId);
    return extra ? [{ extra, quantity: row.quantity }] : [];
  });
}

/** Gives a booking's extras back to its slot, inside the transaction that gives back its places. */
export async function releaseExtras(trx: Tx, slotId: string, bookingId: string): Promise<void> {
  for (const row of await listBookingExtras(trx, bookingId)) {
    if (!(await releaseExtraUnits(trx, slotId, row.extraId, row.quantity))) {
      throw new Error(`slot ${slotId} does not hold the ${row.quantity} units of extra ${row.extraId} of booking ${bookingId}`);
    }
  }
}

/**
 * Takes a booking's extras again, inside the transaction that takes its places again (a payment
 * that came after its window): false, having taken nothing, when the slot has too few left.
 */
export async function retakeExtras(trx: Tx, slotId: string, bookingId: string): Promise<boolean> {
  return (await takeAll(trx, slotId, await listBookingExtras(trx, bookingId))) === undefined;
}

/** Refuses (`extra_sold_out`) a group size whose per-person extras need more units than the slot has left. */
export async function refuseResizeShort(db: Executor, slotId: string, held: readonly HeldExtra[], groupSize: number): Promise<void> {
  const more = resizedExtras(held, groupSize).map((h, i) => ({ ...h, quantity: h.quantity - held[i]!.quantity }));
  await refuseShort(db, slotId, more);
}

/**
 * A booking's per-person extras follow its new group size, inside the transaction that changes it:
 * more units taken (else `extra_sold_out`, rolling the change back) or units given back.
 */
export async function resizeExtras(
  trx: Tx,
  slotId: string,
  bookingId: string,
  held: readonly HeldExtra[],
  groupSize: number,
): Promise<void> {
  for (const h of held) {
    if (h.extra.basis !== 'person' || h.quantity === groupSize) continue;
    const delta = groupSize - h.quantity;
    if (delta > 0 && !(await takeExtraUnits(trx, slotId, h.extra.id, delta))) throw soldOut(h.extra);
    if (delta < 0 && !(await releaseExtraUnits(trx, slotId, h.extra.id, -delta))) {
      throw new Error(`slot ${slotId} does not hold the units of extra ${h.extra.id} of booking ${bookingId}`);
    }
    await updateBookingExtraQuantity(trx, bookingId, h.extra.id, groupSize);
  }
}
