import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type PlanInput, planPayment } from './payment-plan.js';
import type { PaymentTerms } from '../catalog/payment-terms.js';

const TERMS: PaymentTerms = { mode: 'full', depositPercent: 30, balanceDaysBefore: 14, invoiceAllowed: false, invoiceTermDays: 14 };
const NOW = new Date('2026-06-01T08:00:00Z');

function plan(overrides: Partial<Omit<PlanInput, 'terms'>> & { terms?: Partial<PaymentTerms> } = {}) {
  const { terms, ...rest } = overrides;
  return planPayment({
    online: true,
    status: 'confirmed',
    totalCents: 10_000,
    startsAt: new Date('2026-07-01T08:00:00Z'),
    now: NOW,
    windowMinutes: 30,
    ...rest,
    terms: { ...TERMS, ...terms },
  });
}

describe('how a new booking pays', () => {
  test('at the venue: nothing online, the status as placed', () => {
    assert.deepEqual(plan({ terms: { mode: 'venue' } }), {
      payBy: 'venue',
      depositPercent: 0,
      status: 'confirmed',
      paymentExpiresAt: null,
      windowMinutes: null,
      balanceDueOn: null,
      dueAtBookingCents: 0,
      inFullWithinDays: null,
    });
    assert.equal(plan({ online: false }).payBy, 'venue', 'no Mollie key serves the venue');
    assert.equal(plan({ totalCents: 0 }).payBy, 'venue', 'nothing to pay');
  });

  test('in full online: awaits the payment for the window instead of being confirmed', () => {
    const full = plan();
    assert.equal(full.payBy, 'online');
    assert.equal(full.status, 'awaiting_payment');
    assert.equal(full.depositPercent, 100);
    assert.equal(full.dueAtBookingCents, 10_000);
    assert.deepEqual(full.paymentExpiresAt, new Date('2026-06-01T08:30:00Z'));
    assert.equal(full.balanceDueOn, null);
  });

  test('a deposit: its part now, the rest due the given days before the visit (Amsterdam date)', () => {
    const deposit = plan({ terms: { mode: 'deposit', depositPercent: 30 }, startsAt: new Date('2026-07-01T22:30:00Z') });
    assert.equal(deposit.depositPercent, 30);
    assert.equal(deposit.dueAtBookingCents, 3_000);
    // 00:30 on 2 July in Amsterdam: 14 days before is 18 June.
    assert.equal(deposit.balanceDueOn, '2026-06-18');
    assert.equal(deposit.inFullWithinDays, null);
  });

  test('a deposit whose rest would be due today or earlier: everything now', () => {
    const late = plan({
      terms: { mode: 'deposit', depositPercent: 30, balanceDaysBefore: 14 },
      startsAt: new Date('2026-06-15T08:00:00Z'),
    });
    assert.equal(late.depositPercent, 100);
    assert.equal(late.balanceDueOn, null);
    assert.equal(late.dueAtBookingCents, 10_000);
    assert.equal(late.inFullWithinDays, 14, 'the form says why');
  });

  test('an option or a request keeps its status: it awaits payment once confirmed', () => {
    for (const status of ['option', 'requested'] as const) {
      const held = plan({ status });
      assert.equal(held.status, status);
      assert.equal(held.paymentExpiresAt, null);
      assert.equal(held.windowMinutes, 30);
      assert.equal(held.dueAtBookingCents, 10_000);
    }
  });

  test('on invoice, where allowed: as placed, due the term after the booking date; refused choice pays by the terms', () => {
    const invoice = plan({ terms: { invoiceAllowed: true, invoiceTermDays: 30 }, choice: 'invoice' });
    assert.equal(invoice.payBy, 'invoice');
    assert.equal(invoice.status, 'confirmed');
    assert.equal(invoice.depositPercent, 0);
    assert.equal(invoice.balanceDueOn, '2026-07-01');
    assert.equal(plan({ choice: 'invoice' }).payBy, 'online', 'not allowed: the terms decide');
  });
});
