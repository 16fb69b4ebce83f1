import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, INVOICE_BILLING, makeActivity, makeActivityWithRules, makeSlot } from '../../../test/factories.js';
import { completeBilling, invoicesOf } from '../../../test/invoicing.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import { startSettlingMollie } from '../../../test/payment-context.js';
import type { Db } from '../../db/schema.js';
import type { BookingInput } from '../bookings/booking-input.js';
import { enqueueBookingMail } from '../bookings/mail-snapshot.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import type { Pricing } from '../catalog/pricing.js';
import { reconcileInvoices } from '../invoices/invoice-issuing.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { createBooking } from './booking.service.js';

const INVOICE_OK: PaymentTerms = { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 };
const AT_VENUE_INVOICE_OK: PaymentTerms = {
  mode: 'venue',
  depositPercent: 30,
  balanceDaysBefore: 14,
  invoiceAllowed: true,
  invoiceTermDays: 30,
};
const CATEGORIES: Pricing = [
  { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: 995 },
  { label: { nl: 'Docent', en: 'Teacher' }, basis: 'category', key: 'teacher', vat: 'high', amountCents: 1650 },
];

// Review proof for the i23-statements merge: a booking just placed, whose mail snapshots are now
// taken from the row in hand and whose invoices are reconciled only when invoicedWhenPlaced says
// so, has the same snapshots a read-back gives and no invoice a reconciliation would still issue.
for (const dialect of testDialects()) {
  describe(`a new booking's held snapshot and invoices on ${dialect.name}`, () => {
    let database: TestDatabase;
    let mollie: TestMollie;
    let context: PaymentContext;
    let db: Db;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    before(async () => {
      ({ mollie, context } = await startSettlingMollie(clock, () => db));
    });
    after(() => mollie.close());
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
    });
    afterEach(() => database.close());

    /** Places `input`; each snapshot queued with it equals a read-back's; reconciling afterwards issues nothing. */
    async function check(input: BookingInput) {
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
      const issued = await invoicesOf(db, booking.id);
      const queued = await db.selectFrom('mail_outbox').select(['dedupe_key', 'detail']).where('booking_id', '=', booking.id).execute();
      assert.ok(queued.length > 0);
      await db.transaction().execute((trx) =>
        enqueueBookingMail(trx, clock, {
          kind: 'staff_new_booking',
          bookingId: booking.id,
          recipient: 'probe@example.nl',
          language: 'nl',
          detail: {},
          dedupeKey: `probe:${booking.id}`,
        }),
      );
      const probe = await db
        .selectFrom('mail_outbox')
        .select('detail')
        .where('dedupe_key', '=', `probe:${booking.id}`)
        .executeTakeFirstOrThrow();
      const reread = (JSON.parse(probe.detail) as { snapshot: unknown }).snapshot;
      for (const row of queued) {
        if (row.dedupe_key.startsWith('invoice')) continue;
        const snapshot = (JSON.parse(row.detail) as { snapshot?: unknown }).snapshot;
        if (snapshot === undefined) continue;
        assert.deepEqual(snapshot, reread, `${row.dedupe_key}: as read back`);
      }
      const later = await db.transaction().execute((trx) => reconcileInvoices(trx, clock, booking.id));
      assert.deepEqual(later, [], `no invoice left to issue (issued at placing: ${JSON.stringify(issued)})`);
      return { booking, issued, reread };
    }

    test('paid at the venue, an option, on invoice (with and without billing details), categories, English', async () => {
      const plain = await makeActivity(db, clock);
      await check(bookingInput((await makeSlot(db, clock, plain)).id, { groupSize: 4 }));

      const optional = await makeActivityWithRules(db, clock, { options: { hours: 48 } });
      const option = await check(bookingInput((await makeSlot(db, clock, optional)).id, { groupSize: 4, option: true }));
      assert.equal(option.booking.status, 'option');

      for (const prefix of ['GZ-A', null]) {
        const invoiced = await makeActivity(db, clock, { payment: INVOICE_OK });
        if (prefix) await completeBilling(db, invoiced.venue.id, prefix);
        const slot = await makeSlot(db, clock, invoiced, { date: '2026-07-15' });
        const onInvoice = await check(bookingInput(slot.id, { groupSize: 13, language: 'en', payBy: 'invoice', billing: INVOICE_BILLING }));
        assert.equal(onInvoice.issued.length, prefix ? 1 : 0);
        const online = await check(bookingInput(slot.id, { groupSize: 3 }));
        assert.equal(online.booking.status, 'awaiting_payment');
      }

      const atVenue = await makeActivity(db, clock, { payment: AT_VENUE_INVOICE_OK, pricing: CATEGORIES });
      await completeBilling(db, atVenue.venue.id, 'GZ-B');
      const slot = await makeSlot(db, clock, atVenue, { date: '2026-07-15' });
      await check(bookingInput(slot.id, { groupSize: 5, party: { pupil: 4, teacher: 1 } }));
      const venueOnInvoice = await check(
        bookingInput(slot.id, { groupSize: 5, party: { pupil: 4, teacher: 1 }, payBy: 'invoice', billing: INVOICE_BILLING }),
      );
      assert.equal(venueOnInvoice.issued.length, 1);
    });
  });
}
