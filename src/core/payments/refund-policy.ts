/**
 * An activity's cancellation policy: how much of the price is refunded when the organiser cancels
 * (or makes the group smaller), by how long before the visit. Tiers in order of `hoursBefore`,
 * longest first: "100 % until 336 hours (14 days) before, 50 % until 48 hours, none after" is
 * `[{ hoursBefore: 336, percent: 100 }, { hoursBefore: 48, percent: 50 }]`. Later than the last
 * tier nothing is refunded. A booking keeps the policy it was placed under.
 */
export interface RefundTier {
  hoursBefore: number;
  /** 0..100. */
  percent: number;
}

export type RefundPolicy = RefundTier[];

export const REFUND_POLICY_LIMITS = { tiers: 5, hoursBefore: { min: 0, max: 8760 } } as const;
