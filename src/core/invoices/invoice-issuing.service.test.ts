import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, INVOICE_BILLING, makeActivity, makeSlot } from '../../../test/factories.js';
import { completeBilling, invoicesOf } from '../../../test/invoicing.js';
import { bookingRow, historyOf } from '../../../test/lifecycle.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import type { TestMollie } from '../../../test/mollie/payments.js';
import { startSettlingMollie } from '../../../test/payment-context.js';
import type { Db } from '../../db/schema.js';
import { cancelByOrganiser, changeGroupSize } from '../booking-flows/booking-changes.service.js';
import { loadBookingDetails } from '../bookings/booking.repository.js';
import { createBooking } from '../booking-flows/booking.service.js';
import type { Pricing } from '../catalog/pricing.js';
import { startCheckout } from '../booking-flows/checkout.service.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import { listPayments, moneyOf } from '../payments/payments.repository.js';
import type { InvoiceDocument } from './invoice-document.js';
import { reconcileInvoices, WITHHELD_ACTION } from './invoice-issuing.service.js';

const DEPOSIT: PaymentTerms = { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 };
/** Awkward amounts: EUR 17.95 a person at 9 %, EUR 89.95 a group at 21 %. */
const PRICING: Pricing = [
  { label: { nl: 'Toegang', en: 'Entrance' }, basis: 'person', vat: 'low', amountCents: 1795 },
  { label: { nl: 'Gids', en: 'Guide' }, basis: 'group', vat: 'high', amountCents: 8995 },
];

for (const dialect of testDialects()) {
  describe(`issuing invoices and credit notes on ${dialect.name}`, () => {
    let database: TestDatabase;
    let clock: TestClock;
    let mollie: TestMollie;
    let context: PaymentContext;
    let db: Db;

    before(async () => {
      clock = new TestClock('2026-06-01T08:00:00Z');
      ({ mollie, context } = await startSettlingMollie(clock, () => db));
    });
    after(() => mollie.close());
    beforeEach(async () => {
      database = await dialect.create();
      db = database.db;
      clock.set('2026-06-01T08:00:00Z');
    });
    afterEach(() => database.close());

    async function slotAt(prefix: string | null) {
      const activity = await makeActivity(db, clock, { pricing: PRICING, payment: DEPOSIT });
      if (prefix !== null) await completeBilling(db, activity.venue.id, prefix);
      return makeSlot(db, clock, activity, { capacity: 40, date: '2026-07-15' });
    }

    async function details(bookingId: string) {
      const found = await loadBookingDetails(db, await bookingRow(db, bookingId));
      assert.ok(found);
      return found;
    }

    /** Pays what can be paid now at the stand-in, the webhook settling it. */
    async function payNow(bookingId: string): Promise<number> {
      const { checkoutUrl } = await startCheckout(db, clock, context, bookingId, (id) => `http://bookings.test/r/${id}`);
      const row = (await listPayments(db, bookingId)).find((p) => p.checkout_url === checkoutUrl)!;
      mollie.standIn.setStatus(row.provider_id!, 'paid');
      await mollie.standIn.callWebhook(row.provider_id!);
      return row.amount_cents;
    }

    /** The documents add up to what was paid less refunded, to the cent. */
    async function assertDocumentsMatchMoney(bookingId: string): Promise<void> {
      const money = await moneyOf(db, bookingId);
      const total = (await invoicesOf(db, bookingId)).reduce((sum, [, , , cents]) => sum + cents, 0);
      assert.equal(total, money.paidCents - money.refundedCents, 'documents = paid - refunded');
    }

    async function documentOf(number: string): Promise<InvoiceDocument> {
      const row = await db.selectFrom('invoices').select('document').where('number', '=', number).executeTakeFirstOrThrow();
      return JSON.parse(row.document) as InvoiceDocument;
    }

    test('a deposit, a larger group, the rest, a smaller group, a cancellation: every document adds up', async () => {
      const slot = await slotAt('GZ-DEP');
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, context, bookingInput(slot.id, { groupSize: 13 }));
      assert.equal(booking.status, 'awaiting_payment');
      assert.deepEqual(await invoicesOf(db, booking.id), [], 'nothing before it is paid');

      // 13 × 17.95 + 89.95 = 323.30; 30 % = 96.99.
      const deposit = await payNow(booking.id);
      assert.equal(deposit, 9699);
      assert.deepEqual(await invoicesOf(db, booking.id), [['GZ-DEP-2026-000001', 'invoice', 'deposit', 9699]]);
      const depositDocument = await documentOf('GZ-DEP-2026-000001');
      assert.deepEqual(
        depositDocument.vat.map((v) => [v.vatRateBp, v.netCents + v.vatCents]),
        [
          [2100, 2699],
          [900, 7000],
        ],
        'the deposit split over the rates as the booking is',
      );
      assert.equal(depositDocument.payableCents, 0, 'marked paid');
      await assertDocumentsMatchMoney(booking.id);

      // A larger group: still only the deposit paid; the deposit invoice stands as it is.
      await changeGroupSize(db, clock, await details(booking.id), 15, context);
      assert.equal((await invoicesOf(db, booking.id)).length, 1);
      await assertDocumentsMatchMoney(booking.id);

      // The rest: a final invoice, the full lines less the deposit per rate.
      const rest = await payNow(booking.id);
      assert.equal(rest, 15 * 1795 + 8995 - 9699);
      const afterRest = await invoicesOf(db, booking.id);
      assert.deepEqual(afterRest.at(-1), ['GZ-DEP-2026-000002', 'invoice', 'final', rest]);
      const final = await documentOf('GZ-DEP-2026-000002');
      assert.deepEqual(final.references, [{ number: 'GZ-DEP-2026-000001', issueDate: '2026-06-01' }]);
      assert.deepEqual(
        final.lines.filter((l) => l.netCents < 0).map((l) => [l.description, l.quantity, l.vatRateBp]),
        [
          ['Aanbetaling volgens factuur GZ-DEP-2026-000001', -1, 2100],
          ['Aanbetaling volgens factuur GZ-DEP-2026-000001', -1, 900],
        ],
      );
      const booked = await bookingRow(db, booking.id);
      assert.equal(final.totalCents + depositDocument.totalCents, booked.total_cents);
      await assertDocumentsMatchMoney(booking.id);

      // A smaller group: part refunded; the final invoice is credited and issued again, the deposit stays.
      await changeGroupSize(db, clock, await details(booking.id), 12, context);
      const afterSmaller = await invoicesOf(db, booking.id);
      assert.deepEqual(
        afterSmaller.slice(2).map(([number, kind, purpose, cents]) => [number, kind, purpose, cents]),
        [
          ['GZ-DEP-2026-000003', 'credit_note', 'credit', -rest],
          ['GZ-DEP-2026-000004', 'invoice', 'final', 12 * 1795 + 8995 - 9699],
        ],
      );
      assert.deepEqual((await documentOf('GZ-DEP-2026-000003')).references, [{ number: 'GZ-DEP-2026-000002', issueDate: '2026-06-01' }]);
      // The final invoice had been paid in full, less the refund the smaller group got: the credit note
      // owes back just that refund; the rest of the money counts towards the new final invoice.
      const refunded = (await moneyOf(db, booking.id)).refundedCents;
      assert.ok(refunded > 0);
      const creditOfPaid = await documentOf('GZ-DEP-2026-000003');
      assert.deepEqual([creditOfPaid.prepaidCents, creditOfPaid.payableCents], [-(rest - refunded), -refunded]);
      const reissued = await documentOf('GZ-DEP-2026-000004');
      assert.deepEqual([reissued.prepaidCents, reissued.payableCents], [reissued.totalCents, 0], 'the new final invoice is paid');
      await assertDocumentsMatchMoney(booking.id);

      // Cancelled ten days before: half comes back, the venue keeps the other half.
      clock.set('2026-07-05T08:00:00Z');
      await cancelByOrganiser(db, clock, await details(booking.id), context);
      const money = await moneyOf(db, booking.id);
      const kept = money.paidCents - money.refundedCents;
      assert.ok(kept > 0 && money.refundedCents > 0);
      assert.deepEqual((await invoicesOf(db, booking.id)).slice(4), [
        ['GZ-DEP-2026-000005', 'credit_note', 'credit', -9699],
        ['GZ-DEP-2026-000006', 'credit_note', 'credit', -(12 * 1795 + 8995 - 9699)],
        ['GZ-DEP-2026-000007', 'invoice', 'cancellation', kept],
      ]);
      await assertDocumentsMatchMoney(booking.id);

      // Nothing changed: nothing issued.
      assert.deepEqual(await db.transaction().execute((trx) => reconcileInvoices(trx, clock, booking.id)), []);
      const history = (await historyOf(db, booking.reference)).filter(
        ([action]) => action.includes('invoice') || action.includes('credit'),
      );
      assert.equal(history.length, 7);
      assert.deepEqual(
        history.find(([, , detail]) => detail.number === 'GZ-DEP-2026-000001'),
        ['booking.invoice_issued', 'system', { number: 'GZ-DEP-2026-000001', kind: 'invoice', purpose: 'deposit', total_cents: 9699 }],
      );
    });

    test('on invoice: confirmed, a larger group, cancelled: invoice, credit note and new invoice, credit note', async () => {
      const slot = await slotAt('GZ-INV');
      const input = bookingInput(slot.id, { groupSize: 13, payBy: 'invoice', billing: INVOICE_BILLING });
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
      assert.equal(booking.status, 'confirmed');
      const owed = 13 * 1795 + 8995;
      assert.deepEqual(await invoicesOf(db, booking.id), [['GZ-INV-2026-000001', 'invoice', 'full', owed]]);
      const first = await documentOf('GZ-INV-2026-000001');
      assert.equal(first.dueOn, (await bookingRow(db, booking.id)).balance_due_on);
      assert.equal(first.payableCents, owed);
      assert.deepEqual(
        [first.buyer.name, first.buyer.street, first.buyer.postcode, first.buyer.city, first.buyer.reference],
        ['Gemeente Utrecht', 'Stadsplateau 1', '3521 AZ', 'Utrecht', 'PO-4711'],
      );
      assert.equal(first.vatCents, (await bookingRow(db, booking.id)).vat_cents, "the booking's VAT is the invoice's");
      assert.equal(first.seller.vatId, 'NL123456789B01');
      assert.equal((await db.selectFrom('invoices').select('retain_until').executeTakeFirstOrThrow()).retain_until, '2033-12-31');

      // Words are not amounts: the booking now read in English is no reason to issue anything.
      await db.updateTable('bookings').set({ language: 'en' }).where('id', '=', booking.id).execute();
      assert.deepEqual(await db.transaction().execute((trx) => reconcileInvoices(trx, clock, booking.id)), []);

      // Changed after the first invoice's due date: the new one is due the venue's term from its own date.
      clock.set('2026-07-05T08:00:00Z');
      await changeGroupSize(db, clock, await details(booking.id), 14, context);
      assert.deepEqual((await invoicesOf(db, booking.id)).slice(1), [
        ['GZ-INV-2026-000002', 'credit_note', 'credit', -owed],
        ['GZ-INV-2026-000003', 'invoice', 'full', owed + 1795],
      ]);
      const reissued = await documentOf('GZ-INV-2026-000003');
      assert.equal(reissued.issueDate, '2026-07-05');
      assert.ok(reissued.dueOn !== null && reissued.dueOn > reissued.issueDate, `due ${reissued.dueOn}, after its date`);
      const credit = await documentOf('GZ-INV-2026-000002');
      assert.equal(credit.vatCents, -first.vatCents);
      assert.deepEqual(credit.references, [{ number: 'GZ-INV-2026-000001', issueDate: '2026-06-01' }]);
      assert.deepEqual([credit.prepaidCents, credit.payableCents], [0, -owed], 'nothing had been paid: all of it is credited as open');

      await cancelByOrganiser(db, clock, await details(booking.id), context);
      assert.deepEqual((await invoicesOf(db, booking.id)).slice(3), [['GZ-INV-2026-000004', 'credit_note', 'credit', -(owed + 1795)]]);
      await assertDocumentsMatchMoney(booking.id);
    });

    test('a venue without billing details issues nothing, says so once, and catches up at the next event', async () => {
      const slot = await slotAt(null);
      const input = bookingInput(slot.id, { groupSize: 13, payBy: 'invoice', billing: INVOICE_BILLING });
      const { booking } = await createBooking(db, clock, TEST_LINK_KEY, context, input);
      await changeGroupSize(db, clock, await details(booking.id), 14, context);
      assert.deepEqual(await invoicesOf(db, booking.id), []);
      const withheld = (await historyOf(db, booking.reference)).filter(([action]) => action === WITHHELD_ACTION);
      assert.equal(withheld.length, 1);
      assert.match(String(withheld[0]![2].missing), /legalName/);

      const row = await bookingRow(db, booking.id);
      await completeBilling(db, row.venue_id, 'GZ-LATE');
      await changeGroupSize(db, clock, await details(booking.id), 15, context);
      assert.deepEqual(await invoicesOf(db, booking.id), [['GZ-LATE-2026-000001', 'invoice', 'full', 15 * 1795 + 8995]]);
    });
  });
}
