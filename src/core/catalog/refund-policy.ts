import { z } from 'zod';

/**
 * An activity's cancellation policy: how much of the price is refunded when the organiser cancels
 * (or makes the group smaller), by how long before the visit. Tiers in order of `hoursBefore`,
 * longest first: "100 % until 336 hours (14 days) before, 50 % until 48 hours, none after" is
 * `[{ hoursBefore: 336, percent: 100 }, { hoursBefore: 48, percent: 50 }]`. Later than the last
 * tier nothing is refunded. No tier refunds more than the one above it. A booking keeps the policy it
 * was placed under.
 */
export interface RefundTier {
  hoursBefore: number;
  /** 0..100. */
  percent: number;
}

export type RefundPolicy = RefundTier[];

export const REFUND_POLICY_LIMITS = { tiers: 5, hoursBefore: { min: 0, max: 8760 } } as const;

const tiersSchema = z
  .array(
    z.object({
      hoursBefore: z.number().int().min(REFUND_POLICY_LIMITS.hoursBefore.min).max(REFUND_POLICY_LIMITS.hoursBefore.max),
      percent: z.number().int().min(0).max(100),
    }),
  )
  .max(REFUND_POLICY_LIMITS.tiers);

/** A policy as staff may set it: every tier shorter before the visit than the one above, refunding no more. */
export const refundPolicySchema = tiersSchema.refine(
  (tiers) => tiers.every((tier, i) => i === 0 || tierOrderFault(tiers[i - 1]!, tier) === undefined),
  { message: 'tiers in order of hoursBefore, longest first, each once; no tier refunds more than the one before it' },
);

/**
 * A policy as stored: tiers longest first, each once. A booking keeps the policy it was placed
 * under, so one saved before refunds had to fall with the notice still reads as it was saved.
 */
const storedPolicySchema = tiersSchema.refine((tiers) => tiers.every((tier, i) => i === 0 || tier.hoursBefore < tiers[i - 1]!.hoursBefore));

/**
 * Why `tier` cannot follow `above` in a policy: `hours` when it is not shorter before the visit
 * than `above`, `percent` when it refunds more than `above` (cancelling earlier never gets less
 * back); undefined when it can.
 */
export function tierOrderFault(above: RefundTier, tier: RefundTier): 'hours' | 'percent' | undefined {
  if (tier.hoursBefore >= above.hoursBefore) return 'hours';
  if (tier.percent > above.percent) return 'percent';
  return undefined;
}

/**
 * The policy as stored (JSON text). A stored value that is not a policy (not JSON, or not valid
 * tiers) reads as `[]`, which refunds nothing, so the pages that show it keep working; it is a bug
 * all the same, since the writers validate.
 */
export function parseRefundPolicy(json: string): RefundPolicy {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  const parsed = storedPolicySchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/** Whether a tier still applies at `at` (its deadline is not past) for a visit starting at `startsAt`. */
function tierOpen(tier: RefundTier, startsAt: Date, at: Date): boolean {
  return (startsAt.getTime() - at.getTime()) / 3_600_000 >= tier.hoursBefore;
}

/** The percentage of the price refunded when cancelling at `at` for a visit starting at `startsAt`. */
export function refundPercentAt(policy: RefundPolicy, startsAt: Date, at: Date): number {
  return policy.find((tier) => tierOpen(tier, startsAt, at))?.percent ?? 0;
}

/** The tiers whose deadlines are still ahead at `at`, the one that applies then first. */
export function tiersAhead(policy: RefundPolicy, startsAt: Date, at: Date): RefundPolicy {
  return policy.filter((tier) => tierOpen(tier, startsAt, at));
}

/** The part of `cancelledCents` the venue keeps when it is cancelled at `percent`: its cancellation fee. */
export function keptCents(cancelledCents: number, percent: number): number {
  return Math.round((cancelledCents * (100 - percent)) / 100);
}

/**
 * What goes back when `cancelledCents` of a booking's price is cancelled at `percent`: the venue
 * retains the price that remains (`remainingPriceCents`), the booking's adjustment so far
 * (`adjustmentCents`: fees it kept on earlier changes, less goodwill refunds; see
 * bookings.adjustment_cents) and `(100 - percent) %` of the cancelled part (keptCents), and
 * refunds what was paid beyond that, never more than was paid (net of earlier refunds). A deposit
 * smaller than what the venue retains refunds nothing. So a group made smaller and then cancelled
 * never gets back more than cancelling it whole at once would have given.
 */
export function policyRefundCents(input: {
  netPaidCents: number;
  remainingPriceCents: number;
  adjustmentCents: number;
  cancelledCents: number;
  percent: number;
}): number {
  // Goodwill refunded before (a negative adjustment) never makes the venue retain less than nothing.
  const retained = Math.max(0, input.remainingPriceCents + input.adjustmentCents + keptCents(input.cancelledCents, input.percent));
  return Math.max(0, Math.min(input.netPaidCents, input.netPaidCents - retained));
}
