import type { Activity } from '../src/core/catalog/activity.js';
import type { Slot } from '../src/core/availability/slot.js';
import { addBookingNote } from '../src/core/booking-flows/booking-admin.service.js';
import { insertParticipant } from '../src/core/participants/participant.repository.js';
import type { Clock } from '../src/core/shared/clock.js';
import { newId } from '../src/core/shared/ids.js';
import type { LinkKey } from '../src/core/shared/link-key.js';
import type { Db } from '../src/db/schema.js';
import { TEST_ADMIN_ACTOR } from './actors.js';
import { makeExtra } from './extras.js';
import { book } from './factories.js';
import { insertTestInvoice, insertTransfer } from './invoices.js';

/** What a seeded booking holds, each value unlike any other booking's, so a test can look for it. */
export interface SubjectValues {
  name: string;
  email: string;
  phone: string;
  organisation: string;
  notes: string;
  participant: string;
  allergy: string;
  extra: string;
  paymentNote: string;
  staffNote: string;
  billingOrganisation: string;
  billingAddress: string;
  billingReference: string;
}

/** Values for a seeded booking, each with `tag` in it. */
export function subjectValues(tag: string, email: string): SubjectValues {
  return {
    name: `Fenna ${tag}`,
    email,
    phone: tag === 'Alpha' ? '+31 6 11112222' : '+31 6 99998888',
    organisation: `OBS De Eik ${tag}`,
    notes: `Rolstoel bij de ingang ${tag}`,
    participant: `Quirijn ${tag}`,
    allergy: `pinda-allergie-${tag}`,
    extra: `Picknickmand ${tag}`,
    paymentNote: `Overgemaakt door penningmeester ${tag}`,
    staffNote: `Bus parkeert achter ${tag}`,
    billingOrganisation: `Stichting ${tag}`,
    billingAddress: `Kwartelweg 9, ${tag}`,
    billingReference: `PO-${tag}`,
  };
}

/**
 * A booking holding something of every kind the database keeps about one: the organiser's contact
 * and remarks, billing details, a participant with an allergy, an extra, a payment with a note, a
 * staff note, an issued invoice, its mails and history.
 */
/** What a seeded booking paid: its test invoice's total. */
export const SETTLED_CENTS = 10_900;

export async function seedSubjectBooking(
  db: Db,
  clock: Clock,
  linkKey: LinkKey,
  activity: Activity,
  slot: Pick<Slot, 'id'>,
  values: SubjectValues,
): Promise<{ id: string; reference: string; manageToken: string; invoiceNumber: string }> {
  const extra = await makeExtra(db, activity, { label: { nl: values.extra, en: values.extra }, amountCents: 777 });
  const { booking, manageToken } = await book(
    db,
    clock,
    slot,
    {
      groupSize: 3,
      name: values.name,
      email: values.email,
      phone: values.phone,
      organisation: values.organisation,
      notes: values.notes,
      extras: { [extra.id]: 1 },
    },
    linkKey,
  );
  await db
    .updateTable('bookings')
    .set({
      billing_organisation: values.billingOrganisation,
      billing_address: values.billingAddress,
      billing_reference: values.billingReference,
      billing_country: 'NL',
    })
    .where('id', '=', booking.id)
    .execute();
  await db.transaction().execute((trx) =>
    insertParticipant(trx, booking.id, {
      id: newId(),
      name: values.participant,
      answers: { allergies: values.allergy },
      createdAt: clock.now(),
    }),
  );
  // What its invoice asks (EUR 100 net at 9 %), paid: a booking whose money is settled, which may be erased at once.
  await insertTransfer(db, clock, booking.id, SETTLED_CENTS);
  await db.updateTable('payments').set({ note: values.paymentNote }).where('booking_id', '=', booking.id).execute();
  const noted = await addBookingNote(db, clock, TEST_ADMIN_ACTOR, booking.id, values.staffNote);
  if (!noted.ok) throw new Error('note refused');
  const invoice = await insertTestInvoice(db, clock, booking.id);
  return { id: booking.id, reference: booking.reference, manageToken, invoiceNumber: invoice.number };
}
