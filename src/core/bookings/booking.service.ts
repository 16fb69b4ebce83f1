import type { Db } from '../../db/schema.js';
import { refusalFor } from '../availability/bookability.js';
import { findSlot, takeCapacity } from '../availability/slot.repository.js';
import { findActivity, listVatRates } from '../catalog/catalog.repository.js';
import { priceFor, ratesOn } from '../catalog/pricing.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { enqueueMail, enqueueStaffNotice } from '../mail/outbox.service.js';
import { hashToken, isKey, newId, newReference } from '../shared/ids.js';
import { issueLink, type LinkKey, type LinkPurpose } from './booking-links.js';
import { recordBookingEvent } from './booking-history.js';
import { localDateOf } from '../shared/time.js';
import type { Slot } from '../availability/slot.js';
import type { Activity } from '../catalog/activity.js';
import type { PriceBreakdown } from '../catalog/pricing.js';
import type { BookingDetails } from './booking.js';
import type { BookingInput } from './booking-input.js';
import { findBookingByTokenHash, insertBooking, toBooking } from './booking.repository.js';

export interface CreatedBooking {
  booking: BookingDetails;
  /** The secret of the manage link; only its hash is stored (see booking-links.ts). */
  manageToken: string;
}

export interface BookingQuote {
  slot: Slot;
  activity: Activity;
  price: PriceBreakdown;
}

/** A slot and its activity, or undefined when the id names no slot. */
export async function findSlotWithActivity(db: Db, slotId: string): Promise<{ slot: Slot; activity: Activity } | undefined> {
  const slot = isKey(slotId) ? await findSlot(db, slotId) : undefined;
  const activity = slot && (await findActivity(db, { id: slot.activityId }));
  return slot && activity ? { slot, activity } : undefined;
}

/** What a group would book and pay, or the rule that refuses it. Writes nothing. */
export async function quoteBooking(db: Db, clock: Clock, input: Pick<BookingInput, 'slotId' | 'groupSize'>): Promise<BookingQuote> {
  const found = await findSlotWithActivity(db, input.slotId);
  if (!found) throw new DomainError('not_found');
  const { slot, activity } = found;
  const refusal = refusalFor(activity, slot, input.groupSize, clock.now());
  if (refusal) throw new DomainError(refusal);
  const price = priceFor(activity.pricing, input.groupSize, ratesOn(await listVatRates(db), localDateOf(slot.startsAt)));
  return { slot, activity, price };
}

export async function createBooking(db: Db, clock: Clock, linkKey: LinkKey, input: BookingInput): Promise<CreatedBooking> {
  const { slot, activity, price } = await quoteBooking(db, clock, input);
  const now = clock.now();
  const id = newId();
  const manage = issueLink(linkKey, 'manage', id, 0);
  const participants = issueLink(linkKey, 'participants', id, 0);
  const reference = newReference();
  const stamp = now.toISOString();
  await db.transaction().execute(async (trx) => {
    // First statement of the transaction, so SQLite takes its write lock before reading anything.
    if (!(await takeCapacity(trx, slot.id, input.groupSize))) throw new DomainError('slot_full');
    await insertBooking(trx, {
      id,
      reference,
      slot_id: slot.id,
      activity_id: activity.id,
      venue_id: activity.venue.id,
      status: 'confirmed',
      group_size: input.groupSize,
      organiser_name: input.name,
      organiser_email: input.email,
      organiser_phone: input.phone,
      organisation: input.organisation,
      notes: input.notes,
      language: input.language,
      total_cents: price.totalCents,
      vat_cents: price.vatCents,
      price_breakdown: JSON.stringify(price),
      manage_token_hash: manage.hash,
      participant_token_hash: participants.hash,
      created_at: stamp,
      updated_at: stamp,
      confirmed_at: stamp,
    });
    await recordBookingEvent(trx, clock, {
      by: 'organiser',
      venueId: activity.venue.id,
      reference,
      action: 'booking.created',
      detail: { status: 'confirmed', group_size: input.groupSize },
    });
    await enqueueMail(trx, clock, {
      kind: 'booking_received',
      bookingId: id,
      recipient: input.email,
      language: input.language,
      dedupeKey: `booking_received:${id}`,
    });
    await enqueueStaffNotice(trx, clock, {
      kind: 'staff_new_booking',
      bookingId: id,
      venueId: activity.venue.id,
      dedupeKey: `staff_new_booking:${id}`,
    });
  });
  const { name, email, phone, organisation, notes, language, groupSize } = input;
  const booking: BookingDetails = {
    id,
    reference,
    status: 'confirmed',
    groupSize,
    name,
    email,
    phone,
    organisation,
    notes,
    language,
    price,
    createdAt: now,
    optionExpiresAt: null,
    optionExtendedAt: null,
    confirmedAt: now,
    slot,
    activity,
  };
  return { booking, manageToken: manage.token };
}

/** The booking a link opens, or undefined for a wrong, malformed, re-issued or unknown token. */
export async function findBookingByLink(db: Db, purpose: LinkPurpose, token: string): Promise<BookingDetails | undefined> {
  if (!isKey(token)) return undefined;
  const row = await findBookingByTokenHash(db, purpose, hashToken(token));
  if (!row) return undefined;
  const [slot, activity] = await Promise.all([findSlot(db, row.slot_id), findActivity(db, { id: row.activity_id })]);
  if (!slot || !activity) return undefined;
  return { ...toBooking(row), slot, activity };
}
