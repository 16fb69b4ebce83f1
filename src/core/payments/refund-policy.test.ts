import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseRefundPolicy, policyRefundCents, refundPercentAt, refundPolicySchema } from './refund-policy.js';

const POLICY = [
  { hoursBefore: 336, percent: 100 },
  { hoursBefore: 48, percent: 50 },
];
const START = new Date('2027-06-15T10:00:00Z');
const hoursBefore = (hours: number) => new Date(START.getTime() - hours * 3_600_000);

describe('refund policy', () => {
  test('each tier applies from its hour on; after the last, nothing', () => {
    assert.equal(refundPercentAt(POLICY, START, hoursBefore(400)), 100);
    assert.equal(refundPercentAt(POLICY, START, hoursBefore(336)), 100);
    assert.equal(refundPercentAt(POLICY, START, hoursBefore(335.9)), 50);
    assert.equal(refundPercentAt(POLICY, START, hoursBefore(48)), 50);
    assert.equal(refundPercentAt(POLICY, START, hoursBefore(47)), 0);
    assert.equal(refundPercentAt([], START, hoursBefore(1000)), 0);
  });

  test('a cancellation refunds what was paid beyond what the venue keeps, never more than was paid', () => {
    // Paid in full (€400), cancelled at 50 %: €200 back.
    assert.equal(policyRefundCents({ netPaidCents: 40_000, remainingPriceCents: 0, cancelledCents: 40_000, percent: 50 }), 20_000);
    // A 30 % deposit (€120) cancelled at 50 %: the venue keeps €200 of it, so nothing comes back.
    assert.equal(policyRefundCents({ netPaidCents: 12_000, remainingPriceCents: 0, cancelledCents: 40_000, percent: 50 }), 0);
    // The same deposit at 100 %: all of it.
    assert.equal(policyRefundCents({ netPaidCents: 12_000, remainingPriceCents: 0, cancelledCents: 40_000, percent: 100 }), 12_000);
    // Paid €400 in full, group from 20 to 15 (€300 remains, €100 cancelled) at 50 %: €50 back.
    assert.equal(policyRefundCents({ netPaidCents: 40_000, remainingPriceCents: 30_000, cancelledCents: 10_000, percent: 50 }), 5_000);
  });

  test('tiers are stored longest first, each once, percentages 0..100', () => {
    assert.deepEqual(parseRefundPolicy(JSON.stringify(POLICY)), POLICY);
    assert.equal(refundPolicySchema.safeParse([...POLICY].reverse()).success, false);
    assert.equal(refundPolicySchema.safeParse([{ hoursBefore: 48, percent: 101 }]).success, false);
    assert.equal(refundPolicySchema.safeParse([POLICY[0], POLICY[0]]).success, false);
  });

  test('a stored value that is not a policy reads as refunding nothing instead of throwing', () => {
    assert.deepEqual(parseRefundPolicy('not json'), []);
    assert.deepEqual(parseRefundPolicy(JSON.stringify([{ hoursBefore: 48, percent: 101 }])), []);
    assert.deepEqual(parseRefundPolicy(JSON.stringify({ hoursBefore: 48 })), []);
    assert.equal(refundPercentAt(parseRefundPolicy('{'), new Date('2026-06-01T10:00:00Z'), new Date('2026-01-01T10:00:00Z')), 0);
  });
});
