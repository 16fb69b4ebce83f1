import { z } from 'zod';
import type { Db, Executor } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import { findActivity, listVatRates } from '../catalog/catalog.repository.js';
import { type PriceBreakdown, priceFor, ratesOn } from '../catalog/pricing.js';
import { type Extra, type HeldExtra, requiredExtras, shortRequiredExtra, withExtras } from '../catalog/extras.js';
import { extrasLeftInSlots, offeredExtrasOf } from './extra-offers.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { addLocalDays, localDateOf, localToInstant, startOfLocalDay } from '../shared/time.js';
import { refusalFor, SLOT_REFUSALS } from './bookability.js';
import { remainingPersons, type Slot } from './slot.js';
import { insertSlot, listSlots } from './slot.repository.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';

export const slotInputSchema = z.object({
  activityId: z.string().min(1),
  /** Amsterdam wall-clock date and time. */
  date: z.string(),
  time: z.string(),
  capacity: z.number().int().min(1).max(MAX_GROUP_SIZE),
  exclusive: z.boolean().default(false),
});

export async function createSlot(db: Executor, clock: Clock, input: z.input<typeof slotInputSchema>): Promise<Slot> {
  const parsed = slotInputSchema.safeParse(input);
  if (!parsed.success) throw new DomainError('invalid_catalogue', { reason: z.prettifyError(parsed.error) });
  const { activityId, date, time, capacity, exclusive } = parsed.data;
  const activity = await findActivity(db, { id: activityId });
  if (!activity) throw new DomainError('not_found', { activityId });
  const startsAt = localToInstant(date, time);
  const slot: Slot = {
    id: newId(),
    activityId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + activity.durationMinutes * 60_000),
    capacity,
    exclusive,
    bookedPersons: 0,
    bookedGroups: 0,
  };
  await insertSlot(db, slot, clock.now().toISOString());
  return slot;
}

/** Why a slot offer cannot be booked by the group: refusalFor's reasons, and a required extra short. */
export const OFFER_REFUSALS = [...SLOT_REFUSALS, 'extra_sold_out'] as const;

export interface SlotOffer {
  slot: Slot;
  remaining: number;
  /**
   * Why this group cannot book it; absent when it can. `extra_sold_out`: the slot has too few units
   * left of an extra every booking of the group takes (`shortExtra`).
   */
  refusal?: (typeof OFFER_REFUSALS)[number];
  shortExtra?: Extra;
  /** The price for this group; absent when the group size is outside the activity's range. */
  price?: PriceBreakdown;
}

export interface OfferQuery {
  /** First and last Amsterdam date, inclusive. */
  from: string;
  to: string;
  groupSize: number;
}

/** The slots of an activity that have not started yet, with what a group of this size would get. */
export async function listSlotOffers(db: Db, clock: Clock, activity: Activity, query: OfferQuery): Promise<SlotOffer[]> {
  const now = clock.now();
  const start = new Date(Math.max(startOfLocalDay(query.from).getTime(), now.getTime()));
  const slots = await listSlots(db, activity.id, start, startOfLocalDay(addLocalDays(query.to, 1)));
  const vatRows = await listVatRates(db);
  const fits = query.groupSize >= activity.minGroupSize && query.groupSize <= activity.maxGroupSize;
  // One price per day (the VAT of the visit date), shared by that day's offers: read, never changed.
  const prices = new Map<string, PriceBreakdown>();
  // What every booking of the group pays: its required extras included.
  const offered = await offeredExtrasOf(db, activity.id);
  const required = requiredExtras(offered, query.groupSize);
  const left = await extrasLeftInSlots(
    db,
    offered,
    slots.map((slot) => slot.id),
  );
  const priceOn = (date: string) => {
    const rates = ratesOn(vatRows, date);
    const price = prices.get(date) ?? withExtras(priceFor(activity.pricing, query.groupSize, rates), required, rates);
    prices.set(date, price);
    return price;
  };
  return slots.map((slot) => {
    const offer: SlotOffer = {
      slot,
      remaining: remainingPersons(slot),
      ...offerRefusal(activity, slot, query.groupSize, now, required, left.get(slot.id)!),
    };
    if (fits) offer.price = priceOn(localDateOf(slot.startsAt));
    return offer;
  });
}

/**
 * Why a group of this size cannot book the slot now (refusalFor), else the first extra every
 * booking of the group takes (`required`) that the slot has too few units left of (`left`:
 * unitsLeft); none when it can. The slot list and the month calendar both ask it.
 */
export function offerRefusal(
  activity: Activity,
  slot: Slot,
  groupSize: number,
  now: Date,
  required: readonly HeldExtra[],
  left: ReadonlyMap<string, number>,
): Pick<SlotOffer, 'refusal' | 'shortExtra'> {
  const refusal = refusalFor(activity, slot, groupSize, now);
  if (refusal) return { refusal };
  const short = shortRequiredExtra(required, left);
  return short ? { refusal: 'extra_sold_out', shortExtra: short } : {};
}
