import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TestClock } from '../../../test/clock.js';
import { type TestDatabase, testDialects } from '../../../test/databases.js';
import { bookingInput, makeActivity, makeSlot } from '../../../test/factories.js';
import { TEST_LINK_KEY } from '../../../test/links.js';
import { startMollie, type TestMollie } from '../../../test/mollie/payments.js';
import { NO_PAYMENTS, testPaymentContext } from '../../../test/payment-context.js';
import type { Db } from '../../db/schema.js';
import type { Activity } from '../catalog/activity.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';
import type { Slot } from '../availability/slot.js';
import type { PaymentContext } from '../payments/payment-context.js';
import { listPayments, listRefunds } from '../payments/payments.repository.js';
import { DomainError } from '../shared/errors.js';
import { VoucherRefused } from '../vouchers/voucher.js';
import { createVoucher } from '../vouchers/voucher-issuing.service.js';
import { findVoucher, listVoucherMovements } from '../vouchers/vouchers.repository.js';
import { cancelByOrganiser } from './booking-changes.service.js';
import { recordRefund } from './refund.service.js';
import { createBooking, quoteBooking } from './booking.service.js';
import { bookingPaymentOf } from './checkout.service.js';
import { payWithVoucher } from './voucher-redemption.service.js';

/** 28 persons at EUR 12.50: EUR 350.00. */
const GROUP = 28;
const TOTAL = 35_000;
const FULL: PaymentTerms = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: true, invoiceTermDays: 30 };
const DEPOSIT: PaymentTerms = { ...FULL, mode: 'deposit' };
const AT_VENUE: PaymentTerms = { ...FULL, mode: 'venue' };
const SECRET = Buffer.alloc(32, 9);

for (const dialect of testDialects()) {
  describe(`paying a booking with a gift voucher on ${dialect.name}`, () => {
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

    async function setUp(payment: PaymentTerms, venueId?: string): Promise<{ activity: Activity; slot: Slot }> {
      const activity = await makeActivity(db, clock, {
        payment,
        maxGroupSize: 40,
        refundPolicy: [{ hoursBefore: 336, percent: 100 }],
        ...(venueId && { venueId }),
      });
      return { activity, slot: await makeSlot(db, clock, activity, { capacity: 400, date: '2026-07-15' }) };
    }

    async function voucher(venueId: string, cents: number, months = 24) {
      return db.transaction().execute((trx) =>
        createVoucher(trx, clock, SECRET, {
          venueId,
          amountCents: cents,
          validityMonths: months,
          origin: 'issued',
          language: 'nl',
          issuedBy: null,
          pending: false,
        }),
      );
    }

    const place = (slot: Slot, voucherCode: string, context = online, overrides: Record<string, unknown> = {}) =>
      createBooking(
        db,
        clock,
        TEST_LINK_KEY,
        context,
        bookingInput(slot.id, { groupSize: GROUP, voucherCode, email: `v${n++}@example.nl`, ...overrides }),
      );

    async function refusal(promise: Promise<unknown>): Promise<string> {
      try {
        await promise;
      } catch (error) {
        if (error instanceof VoucherRefused) return error.errors[0]!.code;
        if (error instanceof DomainError) return error.code;
        throw error;
      }
      return 'placed';
    }

    test('a voucher that covers the whole price confirms a booking paid online at once, paid in full', async () => {
      const { activity, slot } = await setUp(FULL);
      const { id, code } = await voucher(activity.venue.id, 50_000);
      const { booking } = await place(slot, code.toLowerCase().replace(/-/g, ' '));
      assert.equal(booking.status, 'confirmed');
      const payments = await listPayments(db, booking.id);
      assert.deepEqual(
        payments.map((p) => [p.method, p.status, p.amount_cents, p.voucher_id]),
        [['voucher', 'paid', TOTAL, id]],
      );
      const state = await bookingPaymentOf(db, booking.id);
      assert.equal(state.status, 'paid');
      assert.equal(state.dueCents, 0);
      assert.equal((await findVoucher(db, id))?.balanceCents, 50_000 - TOTAL);
      const ledger = await listVoucherMovements(db, id);
      assert.deepEqual(
        ledger.map((m) => [m.kind, m.amount_cents, m.balance_after_cents, m.booking_id]),
        [
          ['issue', 50_000, 50_000, null],
          ['redeem', -TOTAL, 50_000 - TOTAL, booking.id],
        ],
      );
    });

    test('a voucher for part of the price leaves the rest due online, and takes no more than it holds', async () => {
      const { activity, slot } = await setUp(FULL);
      const { id, code } = await voucher(activity.venue.id, 10_000);
      const { booking } = await place(slot, code);
      assert.equal(booking.status, 'awaiting_payment');
      const state = await bookingPaymentOf(db, booking.id);
      assert.equal(state.paidCents, 10_000);
      assert.equal(state.dueNowCents, TOTAL - 10_000);
      assert.equal((await findVoucher(db, id))?.balanceCents, 0);
      // Spent: a second booking is told so at the field.
      assert.equal(await refusal(place(slot, code)), 'voucher_empty');
    });

    test("a voucher short of the deposit: the mail to pay names the voucher's part, and the rest is what is left after both", async () => {
      const { activity, slot } = await setUp(DEPOSIT);
      const { code } = await voucher(activity.venue.id, 5_000);
      const { booking } = await place(slot, code);
      assert.equal(booking.status, 'awaiting_payment');
      const mail = await db
        .selectFrom('mail_outbox')
        .select('detail')
        .where('booking_id', '=', booking.id)
        .where('kind', '=', 'payment_due')
        .executeTakeFirstOrThrow();
      const detail = JSON.parse(mail.detail) as Record<string, unknown>;
      // The deposit is 30 % of EUR 350.00: EUR 105.00, of which the voucher paid EUR 50.00.
      assert.deepEqual([detail.voucher_cents, detail.due_now_cents], [5_000, 10_500 - 5_000]);
      assert.equal((await bookingPaymentOf(db, booking.id)).dueNowCents, 5_500);
    });

    test('a voucher that covers the deposit confirms the booking; the rest is due before the visit', async () => {
      const { activity, slot } = await setUp(DEPOSIT);
      const { code } = await voucher(activity.venue.id, 15_000);
      const { booking } = await place(slot, code);
      assert.equal(booking.status, 'confirmed');
      const state = await bookingPaymentOf(db, booking.id);
      assert.equal(state.status, 'partly_paid');
      assert.equal(state.dueCents, TOTAL - 15_000);
      assert.equal(state.balanceDueOn, '2026-07-01');
    });

    test('paid at the venue or on invoice, the voucher pays its part at once', async () => {
      const { activity, slot } = await setUp(AT_VENUE);
      const { code } = await voucher(activity.venue.id, 5_000);
      const { booking } = await place(slot, code, NO_PAYMENTS);
      assert.equal(booking.status, 'confirmed');
      assert.equal((await bookingPaymentOf(db, booking.id)).paidCents, 5_000);
    });

    test('codes that cannot pay are refused at the field, and a quote writes nothing', async () => {
      const { activity, slot } = await setUp(FULL);
      const other = await setUp(FULL);
      const { id, code } = await voucher(activity.venue.id, 5_000);
      assert.equal(await refusal(place(slot, 'ABCD-EFGH-JKMN-PQRS')), 'voucher_unknown');
      assert.equal(await refusal(place(slot, 'not a code')), 'voucher_unknown');
      assert.equal(await refusal(place(other.slot, code)), 'voucher_other_venue');
      assert.equal(await refusal(place(slot, code, online, { option: true })), 'voucher_not_now');
      const quote = await quoteBooking(db, clock, online, { slotId: slot.id, groupSize: GROUP, voucherCode: code });
      assert.equal(quote.voucher?.cents, 5_000);
      assert.equal((await findVoucher(db, id))?.balanceCents, 5_000);
      const later = new TestClock('2028-06-02T08:00:00Z');
      const lateSlot = await makeSlot(db, later, activity, { capacity: 40, date: '2028-07-15' });
      await assert.rejects(
        createBooking(db, later, TEST_LINK_KEY, online, bookingInput(lateSlot.id, { groupSize: GROUP, voucherCode: code })),
        (error: unknown) => error instanceof VoucherRefused && error.errors[0]?.code === 'voucher_expired',
      );
    });

    test('a cancellation gives the voucher its money back, as a refund done at once, in its ledger', async () => {
      const { activity, slot } = await setUp(FULL);
      const { id, code } = await voucher(activity.venue.id, 50_000);
      const created = await place(slot, code);
      const { refundCents } = await cancelByOrganiser(db, clock, created.booking as never, online);
      assert.equal(refundCents, TOTAL);
      const refunds = await listRefunds(db, created.booking.id);
      assert.deepEqual(
        refunds.map((r) => [r.status, r.amount_cents]),
        [['refunded', TOTAL]],
      );
      assert.equal((await findVoucher(db, id))?.balanceCents, 50_000);
      const ledger = await listVoucherMovements(db, id);
      assert.deepEqual(
        ledger.map((m) => [m.kind, m.amount_cents, m.balance_after_cents, m.refund_id]),
        [
          ['issue', 50_000, 50_000, null],
          ['redeem', -TOTAL, 50_000 - TOTAL, null],
          ['restore', TOTAL, 50_000, refunds[0]!.id],
        ],
      );
      assert.equal(mollie.standIn.refunds().length, 0);
      const mail = await db
        .selectFrom('mail_outbox')
        .select('detail')
        .where('booking_id', '=', created.booking.id)
        .where('kind', '=', 'cancelled')
        .executeTakeFirstOrThrow();
      const detail = JSON.parse(mail.detail) as Record<string, unknown>;
      assert.deepEqual([detail.refund_cents, detail.refund_voucher_cents], [TOTAL, TOTAL], 'the mail says it went back onto the voucher');
    });

    test('a placed booking is paid with a voucher later: awaiting its payment, it is confirmed; the voucher takes only what is owed', async () => {
      const { activity, slot } = await setUp(FULL);
      const { booking } = await place(slot, '');
      assert.equal(booking.status, 'awaiting_payment');
      const small = await voucher(activity.venue.id, 10_000);
      assert.deepEqual(await payWithVoucher(db, clock, booking.id, small.code), { cents: 10_000 });
      assert.equal((await bookingPaymentOf(db, booking.id)).dueNowCents, TOTAL - 10_000);
      const big = await voucher(activity.venue.id, 100_000);
      assert.deepEqual(await payWithVoucher(db, clock, booking.id, big.code), { cents: TOTAL - 10_000 });
      const state = await bookingPaymentOf(db, booking.id);
      assert.equal(state.status, 'paid');
      const row = await db.selectFrom('bookings').select('status').where('id', '=', booking.id).executeTakeFirstOrThrow();
      assert.equal(row.status, 'confirmed');
      assert.equal((await findVoucher(db, big.id))?.balanceCents, 100_000 - (TOTAL - 10_000));
      assert.equal(await refusal(payWithVoucher(db, clock, booking.id, big.code)), 'nothing_due');
      const option = await place(slot, '', online, { option: true });
      assert.equal(await refusal(payWithVoucher(db, clock, option.booking.id, big.code)), 'voucher_not_now');
    });

    test('a refund to a voucher past its date: what it held then expires, the refund comes back, valid again for two years', async () => {
      const { activity, slot } = await setUp(FULL);
      const { id, code } = await voucher(activity.venue.id, 50_000);
      const created = await place(slot, code);
      // Past its last day (2028-06-01), before the hourly job expired it, the booking is refunded.
      const later = new TestClock('2028-06-03T08:00:00Z');
      await db.transaction().execute((trx) =>
        recordRefund(trx, later, {
          bookingId: created.booking.id,
          amountCents: 1_000,
          cause: 'staff',
          reason: 'gebaar',
          by: { by: 'system' },
        }),
      );
      assert.deepEqual(
        (await listVoucherMovements(db, id)).map((m) => [m.kind, m.amount_cents, m.balance_after_cents]),
        [
          ['issue', 50_000, 50_000],
          ['redeem', -TOTAL, 50_000 - TOTAL],
          ['expire', -(50_000 - TOTAL), 0],
          ['restore', 1_000, 1_000],
        ],
      );
      const after = await findVoucher(db, id);
      assert.deepEqual([after?.balanceCents, after?.validUntil], [1_000, '2030-06-03']);
    });

    test('ten bookings racing for one voucher: one pays with it, the others are refused, the balance never below zero', async () => {
      const { activity, slot } = await setUp(AT_VENUE);
      const { id, code } = await voucher(activity.venue.id, 20_000);
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => refusal(place(slot, code, NO_PAYMENTS))));
      assert.equal(outcomes.filter((o) => o === 'placed').length, 1, outcomes.join());
      assert.ok(
        outcomes.every((o) => ['placed', 'voucher_balance_changed', 'voucher_empty'].includes(o)),
        outcomes.join(),
      );
      assert.equal((await findVoucher(db, id))?.balanceCents, 0);
      const redeemed = (await listVoucherMovements(db, id)).filter((m) => m.kind === 'redeem');
      assert.equal(redeemed.length, 1);
    });
  });
}
