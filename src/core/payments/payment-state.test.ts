import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bookingPayment, type PayingBooking } from './payment-state.js';

const ONLINE: PayingBooking = {
  status: 'awaiting_payment',
  payBy: 'online',
  depositPercent: 30,
  totalCents: 40_001,
  adjustmentCents: 0,
  balanceDueOn: '2027-06-01',
};
const none = { paidCents: 0, refundedCents: 0 };

describe('a booking payment state', () => {
  test('awaiting its deposit: the deposit is due now, rounded to whole cents', () => {
    const state = bookingPayment(ONLINE, none);
    assert.deepEqual(state, {
      status: 'due',
      paidCents: 0,
      refundedCents: 0,
      pendingRefundCents: 0,
      dueCents: 40_001,
      dueNowCents: 12_000,
      balanceDueOn: '2027-06-01',
    });
  });

  test('deposit in: partly paid, the rest due on its date; all in: paid', () => {
    assert.equal(bookingPayment({ ...ONLINE, status: 'confirmed' }, { paidCents: 12_000, refundedCents: 0 }).status, 'partly_paid');
    const paid = bookingPayment({ ...ONLINE, status: 'confirmed' }, { paidCents: 40_001, refundedCents: 0 });
    assert.deepEqual([paid.status, paid.dueCents, paid.balanceDueOn], ['paid', 0, null]);
  });

  test('on invoice; at the venue; cancelled with money back', () => {
    assert.equal(bookingPayment({ ...ONLINE, status: 'confirmed', payBy: 'invoice', depositPercent: 0 }, none).status, 'invoice');
    assert.equal(bookingPayment({ ...ONLINE, status: 'confirmed', payBy: 'venue', depositPercent: 0 }, none).status, 'none');
    const cancelled = bookingPayment({ ...ONLINE, status: 'cancelled' }, { paidCents: 40_001, refundedCents: 20_000 });
    assert.deepEqual([cancelled.status, cancelled.dueCents, cancelled.dueNowCents], ['refunded', 0, 0]);
    // Refunded only once Mollie has paid every refund out; till then the refund is under way.
    const pending = bookingPayment(
      { ...ONLINE, status: 'cancelled' },
      { paidCents: 40_001, refundedCents: 20_000, pendingRefundCents: 5_000 },
    );
    assert.equal(pending.status, 'refunding');
  });

  test('it owes its price plus its adjustment: a goodwill refund owes nothing, a fee kept is owed', () => {
    // Paid in full, €10 back as goodwill (adjustment -€10): still paid, nothing due.
    const goodwill = bookingPayment(
      { ...ONLINE, status: 'confirmed', adjustmentCents: -1_000 },
      { paidCents: 40_001, refundedCents: 1_000 },
    );
    assert.deepEqual([goodwill.status, goodwill.dueCents, goodwill.balanceDueOn], ['paid', 0, null]);
    // A deposit paid, the group made smaller with a €50 fee kept: the fee is owed with the new price.
    const fee = bookingPayment(
      { ...ONLINE, status: 'confirmed', totalCents: 30_000, adjustmentCents: 5_000 },
      { paidCents: 12_000, refundedCents: 0 },
    );
    assert.deepEqual([fee.status, fee.dueCents], ['partly_paid', 23_000]);
  });
});
