import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, INVOICE_BILLING, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { testPaymentContext } from '../../../test/payment-context.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { readOrganiserPayment } from '../payments/organiser-payment.service.js';
import { createVoucher } from '../vouchers/voucher-issuing.service.js';
import type { Db } from '../../db/schema.js';
import { createBooking } from './booking.service.js';

const FULL: PaymentTerms = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 14 };

/**
 * The money of a booking just placed, as createBooking gives it (the API's 201 answers with it
 * instead of reading it back): the same as readOrganiserPayment reads right after, however it pays.
 */
for (const dialect of testDialects()) {
  describe(`the money of a booking as placed, on ${dialect.name}`, () => {
    let database: TestDatabase;
    let db: Db;
    let mollie: TestMollie;
    let online: PaymentContext;
    const clock = new TestClock('2026-06-01T08:00:00Z');
    let n = 0;
    before(async () => {
      database = await dialect.create();
      db = database.db;
      mollie = await startMollie({ clock, expiryMinutes: 24 * 60, webhooks: 'drop' });
      online = testPaymentContext(mollie.settings);
    });
    after(async () => {
      await mollie.close();
      await database.close();
    });

    const cases: [string, Partial<PaymentTerms> | undefined, Record<string, unknown>, string][] = [
      ['paid in full online', {}, {}, 'awaiting_payment'],
      ['a deposit online', { mode: 'deposit' }, {}, 'awaiting_payment'],
      ['on invoice', {}, { payBy: 'invoice', billing: INVOICE_BILLING }, 'confirmed'],
      ['an option, to be paid online', {}, { option: true }, 'option'],
      ['paid at the venue', undefined, {}, 'confirmed'],
    ];
    for (const [name, terms, input, status] of cases) {
      test(`${name}: as readOrganiserPayment reads it`, async () => {
        const activity = await makeActivity(db, clock, { ...(terms && { payment: { ...FULL, ...terms } }) });
        const slot = await makeSlot(db, clock, activity, { capacity: 40, date: '2026-07-15' });
        const placed = await createBooking(
          db,
          clock,
          TEST_LINK_KEY,
          online,
          bookingInput(slot.id, { email: `p${n++}@example.nl`, ...input }),
        );
        assert.equal(placed.booking.status, status);
        assert.ok(placed.payment, 'known as placed');
        assert.deepEqual(placed.payment, await readOrganiserPayment(db, placed.booking.id, clock.now()));
      });
    }

    test('part paid by a voucher: left to be read', async () => {
      const activity = await makeActivity(db, clock, { payment: FULL });
      const slot = await makeSlot(db, clock, activity, { capacity: 40, date: '2026-07-15' });
      const { code } = await db.transaction().execute((trx) =>
        createVoucher(trx, clock, Buffer.alloc(32, 7), {
          venueId: activity.venue.id,
          amountCents: 1000,
          validityMonths: 24,
          origin: 'issued',
          language: 'nl',
          issuedBy: null,
          pending: false,
        }),
      );
      const placed = await createBooking(
        db,
        clock,
        TEST_LINK_KEY,
        online,
        bookingInput(slot.id, { email: `v${n++}@example.nl`, voucherCode: code }),
      );
      assert.equal(placed.payment, undefined);
      assert.equal((await readOrganiserPayment(db, placed.booking.id, clock.now())).voucherCents, 1000);
    });
  });
}
