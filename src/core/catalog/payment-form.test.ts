import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PAYMENT_TERMS } from './activity.js';
import { parsePaymentTerms, parseRefundTiers, paymentTermsFormOf, type PaymentTermsForm, type RefundTierForm } from './payment-form.js';

const tier = (amount: string, unit: string, percent: string): RefundTierForm => ({ amount, unit, percent });
const form = (overrides: Partial<PaymentTermsForm> = {}): PaymentTermsForm => ({
  ...paymentTermsFormOf(DEFAULT_PAYMENT_TERMS, [], 'nl'),
  ...overrides,
});

describe('the activity form: payment terms and cancellation tiers', () => {
  test('the limits of PAYMENT_TERM_LIMITS hold at their edges, only for the numbers the terms use', () => {
    const ok = (overrides: Partial<PaymentTermsForm>) => parsePaymentTerms(form(overrides), DEFAULT_PAYMENT_TERMS, 'nl').ok;
    assert.equal(ok({ paymentMode: 'deposit', depositPercent: '1', balanceDaysBefore: '0' }), true);
    assert.equal(ok({ paymentMode: 'deposit', depositPercent: '99', balanceDaysBefore: '365' }), true);
    assert.equal(ok({ paymentMode: 'deposit', depositPercent: '0' }), false);
    assert.equal(ok({ paymentMode: 'deposit', depositPercent: '100' }), false);
    assert.equal(ok({ paymentMode: 'deposit', balanceDaysBefore: '366' }), false);
    assert.equal(ok({ paymentMode: 'deposit', depositPercent: '' }), false, 'used, so required');
    assert.equal(ok({ paymentMode: 'full', depositPercent: '' }), true, 'unused and blank: kept');
    assert.equal(ok({ invoiceAllowed: true, invoiceTermDays: '90' }), true);
    assert.equal(ok({ invoiceAllowed: true, invoiceTermDays: '0' }), false);
    assert.equal(ok({ invoiceAllowed: false, invoiceTermDays: '' }), true);
    assert.equal(ok({ paymentMode: 'cash' }), false);
    const kept = parsePaymentTerms(
      form({ paymentMode: 'full', depositPercent: '', balanceDaysBefore: '' }),
      {
        ...DEFAULT_PAYMENT_TERMS,
        depositPercent: 40,
        balanceDaysBefore: 3,
      },
      'nl',
    );
    assert.deepEqual(kept.ok && kept.value, { ...DEFAULT_PAYMENT_TERMS, mode: 'full', depositPercent: 40, balanceDaysBefore: 3 });
  });

  test('tiers: days become hours, blanks are skipped, each strictly shorter than the one above, 0..100 %', () => {
    const parsed = parseRefundTiers(
      [tier('14', 'days', '100'), tier('', 'days', ''), tier('48', 'hours', '50'), tier('0', 'hours', '0')],
      'nl',
    );
    assert.deepEqual(parsed.ok && parsed.value, [
      { hoursBefore: 336, percent: 100 },
      { hoursBefore: 48, percent: 50 },
      { hoursBefore: 0, percent: 0 },
    ]);
    assert.deepEqual(parseRefundTiers([], 'nl'), { ok: true, value: [] });
    const same = parseRefundTiers([tier('2', 'days', '100'), tier('48', 'hours', '50')], 'nl');
    assert.deepEqual(!same.ok && same.errors, [{ field: 'refundTiers.1.amount', code: 'tiers_out_of_order' }]);
    const rising = parseRefundTiers([tier('14', 'days', '50'), tier('', 'days', ''), tier('48', 'hours', '100')], 'nl');
    assert.deepEqual(!rising.ok && rising.errors, [{ field: 'refundTiers.2.percent', code: 'tiers_percent_rising' }]);
    // A faulty row is not what the next is held to: 48 hours at 80 % follows 14 days at 100 %.
    const faulty = parseRefundTiers([tier('14', 'days', '100'), tier('400', 'hours', '50'), tier('48', 'hours', '80')], 'nl');
    assert.deepEqual(!faulty.ok && faulty.errors, [{ field: 'refundTiers.1.amount', code: 'tiers_out_of_order' }]);
    const acrossFault = parseRefundTiers([tier('2', 'days', '50'), tier('x', 'hours', '40'), tier('14', 'days', '40')], 'nl');
    assert.deepEqual(!acrossFault.ok && acrossFault.errors.map((e) => `${e.field}:${e.code}`), [
      'refundTiers.1.amount:not_a_number',
      'refundTiers.2.amount:tiers_out_of_order',
    ]);
    const both = parseRefundTiers([tier('366', 'days', '101')], 'nl');
    assert.deepEqual(!both.ok && both.errors.map((e) => `${e.field}:${e.code}`), [
      'refundTiers.0.amount:too_large',
      'refundTiers.0.percent:too_large',
    ]);
    const faults = parseRefundTiers([tier('366', 'days', '50'), tier('1', 'weeks', '-1')], 'nl');
    assert.deepEqual(!faults.ok && faults.errors.map((e) => `${e.field}:${e.code}`), [
      'refundTiers.0.amount:too_large',
      'refundTiers.1.unit:invalid_value',
      'refundTiers.1.percent:too_small',
    ]);
  });

  test('a stored policy is shown in days from three whole days, else in hours, and parses back to itself', () => {
    const policy = [
      { hoursBefore: 720, percent: 100 },
      { hoursBefore: 48, percent: 50 },
      { hoursBefore: 5, percent: 10 },
    ];
    const shown = paymentTermsFormOf(DEFAULT_PAYMENT_TERMS, policy, 'nl').refundTiers;
    assert.deepEqual(shown.slice(0, 3), [tier('30', 'days', '100'), tier('48', 'hours', '50'), tier('5', 'hours', '10')]);
    assert.equal(shown.length, 5);
    assert.deepEqual(parseRefundTiers(shown, 'nl'), { ok: true, value: policy });
  });
});
