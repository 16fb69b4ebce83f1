import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keptCents, parseRefundPolicy, policyRefundCents, refundPercentAt, refundPolicySchema } from './refund-policy.js';

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
    assert.equal(
      policyRefundCents({ netPaidCents: 40_000, remainingPriceCents: 0, adjustmentCents: 0, cancelledCents: 40_000, percent: 50 }),
      20_000,
    );
    // A 30 % deposit (€120) cancelled at 50 %: the venue keeps €200 of it, so nothing comes back.
    assert.equal(
      policyRefundCents({ netPaidCents: 12_000, remainingPriceCents: 0, adjustmentCents: 0, cancelledCents: 40_000, percent: 50 }),
      0,
    );
    // The same deposit at 100 %: all of it.
    assert.equal(
      policyRefundCents({ netPaidCents: 12_000, remainingPriceCents: 0, adjustmentCents: 0, cancelledCents: 40_000, percent: 100 }),
      12_000,
    );
    // Paid €400 in full, group from 20 to 15 (€300 remains, €100 cancelled) at 50 %: €50 back.
    assert.equal(
      policyRefundCents({ netPaidCents: 40_000, remainingPriceCents: 30_000, adjustmentCents: 0, cancelledCents: 10_000, percent: 50 }),
      5_000,
    );
  });

  test('a smaller group then cancelled gets back what the policy gives on the whole price, counting the fee kept on the reduction', () => {
    // Paid €462 for 28; at 50 % the group goes to 20 (€330): the venue keeps €66 of the €132 cancelled, €66 back.
    const reduce = { netPaidCents: 46_200, remainingPriceCents: 33_000, adjustmentCents: 0, cancelledCents: 13_200, percent: 50 };
    assert.equal(keptCents(13_200, 50), 6_600);
    assert.equal(policyRefundCents(reduce), 6_600);
    // Then cancelled at 50 %: the venue keeps the €66 and half of €330; €165 back, €231 in all (50 % of €462).
    const cancel = { netPaidCents: 39_600, remainingPriceCents: 0, adjustmentCents: 6_600, cancelledCents: 33_000, percent: 50 };
    assert.equal(policyRefundCents(cancel), 16_500);
    assert.equal(6_600 + policyRefundCents(cancel), 23_100);
    // A goodwill refund (adjustment -€10) is not taken back from the policy's refund.
    assert.equal(policyRefundCents({ ...cancel, netPaidCents: 45_200, adjustmentCents: -1_000, cancelledCents: 46_200 }), 23_100);
    // A 30 % deposit (€138.60): the reduction and the cancellation refund nothing, as cancelling at once would.
    assert.equal(policyRefundCents({ ...reduce, netPaidCents: 13_860 }), 0);
    assert.equal(policyRefundCents({ ...cancel, netPaidCents: 13_860 }), 0);
  });

  test('tiers are stored longest first, each once, percentages 0..100, never rising', () => {
    assert.deepEqual(parseRefundPolicy(JSON.stringify(POLICY)), POLICY);
    assert.equal(refundPolicySchema.safeParse([...POLICY].reverse()).success, false);
    assert.equal(refundPolicySchema.safeParse([{ hoursBefore: 48, percent: 101 }]).success, false);
    assert.equal(refundPolicySchema.safeParse([POLICY[0], POLICY[0]]).success, false);
    const rising = [
      { hoursBefore: 336, percent: 50 },
      { hoursBefore: 48, percent: 100 },
    ];
    assert.equal(refundPolicySchema.safeParse(rising).success, false, 'cancelling earlier never gets less back');
    // A booking placed under such a policy before the rule keeps it as it was saved.
    assert.deepEqual(parseRefundPolicy(JSON.stringify(rising)), rising);
    assert.deepEqual(parseRefundPolicy(JSON.stringify([...POLICY].reverse())), []);
  });

  test('a stored value that is not a policy reads as refunding nothing instead of throwing', () => {
    assert.deepEqual(parseRefundPolicy('not json'), []);
    assert.deepEqual(parseRefundPolicy(JSON.stringify([{ hoursBefore: 48, percent: 101 }])), []);
    assert.deepEqual(parseRefundPolicy(JSON.stringify({ hoursBefore: 48 })), []);
    assert.equal(refundPercentAt(parseRefundPolicy('{'), new Date('2026-06-01T10:00:00Z'), new Date('2026-01-01T10:00:00Z')), 0);
  });
});
