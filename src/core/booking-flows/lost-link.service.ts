import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { chargeAttempt, THROTTLE_RULES, type ThrottleCharge } from '../throttles/throttle.js';
import type { BookingStatus } from '../shared/booking-status.js';
import { isChangeable } from '../bookings/booking-changes.js';
import { text } from '../bookings/booking-input.js';
import { resendManageLink } from './booking-links.service.js';
import { findBookingByReference, loadBookingDetails } from '../bookings/booking.repository.js';

/** The lost-link form as typed: the booking's reference and the organiser's e-mail address. */
export interface LostLinkForm {
  reference: string;
  email: string;
}

const lostLinkFields = z.object({
  // Typed from a mail or a phone call: any case, spaces ignored (`gz-abcd-efgh`, `GZ ABCD-EFGH`).
  reference: text(40, { required: true }).transform((s) => s.replace(/\s+/g, '').toUpperCase()),
  email: text(254, { required: true }).refine((s) => s === '' || z.regexes.email.test(s), 'invalid_email'),
});

/**
 * An organiser who lost the manage link asks for it with the booking's reference and e-mail
 * address. When both belong to an active booking (the address in any case), its link is mailed to
 * the booking's own address, as the manage page's "send the link again" does (at most once per
 * ten minutes: see resendManageLink); otherwise nothing happens. Either way the answer is the same,
 * so the form tells nobody whether a booking exists. Every well-formed request is charged, before
 * anything is looked up, against its client's network and against the pair of reference and
 * address (throws `throttled`), so that neither can be tried in bulk; the throttle's answer does
 * not depend on whether they match either. The pair, not the reference alone: whoever knows a
 * reference but not its address cannot block its organiser from asking. Matched or not, the
 * request does no more than a few queries before the answer: a matched one queues the mail in the
 * outbox, which sends it later, so the answer never waits for the mail server.
 */
export async function requestManageLink(db: Db, clock: Clock, form: LostLinkForm, client: string | null): Promise<FormResult<void>> {
  const parsed = lostLinkFields.safeParse(form);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { reference, email } = parsed.data;
  // The address as the match compares it (in any case); the throttle hashes the subject before storing.
  const charges: ThrottleCharge[] = [{ rule: THROTTLE_RULES.lostLinkReference, subject: `${reference} ${email.toLowerCase()}` }];
  if (client) charges.push({ rule: THROTTLE_RULES.lostLinkNetwork, subject: client });
  await chargeAttempt(db, clock, charges);
  const row = await findBookingByReference(db, reference);
  if (row && row.organiser_email.toLowerCase() === email.toLowerCase() && isChangeable(row.status as BookingStatus)) {
    const booking = await loadBookingDetails(db, row);
    if (booking) await resendManageLink(db, clock, booking);
  }
  return { ok: true, value: undefined };
}
