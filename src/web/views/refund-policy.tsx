import type { Activity } from '../../core/catalog/activity.js';
import { type RefundPolicy, tiersAhead } from '../../core/catalog/refund-policy.js';
import type { PolicyRefundQuote } from '../../core/booking-flows/policy-refund.service.js';
import { formatMoney } from '../../core/i18n/format.js';
import { deadlineText } from './deadline.js';
import type { Ui } from './ui.js';
import { count, percent } from '../../core/i18n/i18n.js';

/** A tier's deadline: a date and time before a known start, else how long before the visit. */
function tierDeadline(ui: Ui, hoursBefore: number, startsAt: Date | undefined): string {
  if (startsAt) return deadlineText(ui, new Date(startsAt.getTime() - hoursBefore * 3_600_000));
  if (hoursBefore === 0) return ui.t('refunds.policy.start');
  return hoursBefore % 24 === 0
    ? ui.t('refunds.policy.days_before', { n: count(hoursBefore / 24) })
    : ui.t('refunds.policy.hours_before', { n: count(hoursBefore) });
}

/** A policy and, where known, the visit's start and now. */
interface RefundPolicyProps {
  ui: Ui;
  policy: RefundPolicy;
  startsAt?: Date | undefined;
  now?: Date | undefined;
}

/**
 * A cancellation policy in words: "Cancel free of charge until <date>; 50% back until <date>; no
 * refund after that", with dates from the visit's start when it is known (the review step, the
 * manage page), else in days or hours before the visit (the activity's page). Given `now` (the
 * review step, the manage and cancel pages), tiers whose deadline has passed are left out and the one that applies
 * now says so ("Now: 50% back until <date>"); once all have passed, that nothing comes back now.
 */
export function RefundPolicyText({ ui, policy, startsAt, now }: RefundPolicyProps) {
  const all = policy.filter((tier) => tier.percent > 0);
  const tiers = startsAt && now ? tiersAhead(all, startsAt, now) : all;
  const passed = all.length - tiers.length;
  if (tiers.length === 0) {
    return (
      <p data-testid="refund-policy" data-tiers="0">
        {ui.t(passed > 0 ? 'refunds.policy.none_now' : 'refunds.policy.none')}
      </p>
    );
  }
  const parts = tiers.map((tier, i) => {
    const deadline = tierDeadline(ui, tier.hoursBefore, startsAt);
    const current = passed > 0 && i === 0;
    if (tier.percent === 100) return ui.t(current ? 'refunds.policy.now_free_until' : 'refunds.policy.free_until', { deadline });
    return ui.t(current ? 'refunds.policy.now_percent_until' : 'refunds.policy.percent_until', {
      percent: percent(tier.percent),
      deadline,
    });
  });
  return (
    <p data-testid="refund-policy" data-tiers={String(tiers.length)} data-passed={String(passed)}>
      {[...parts, ui.t('refunds.policy.none_after')].join('; ')}.
    </p>
  );
}

/** Whether an activity's policy matters before booking: only when something is paid before the visit (online or on invoice). */
export function policyApplies(activity: Activity): boolean {
  return activity.payment.mode !== 'venue' || activity.payment.invoiceAllowed;
}

/** The policy under a heading, for the pages before booking. */
export function RefundPolicySection(props: RefundPolicyProps) {
  return (
    <section data-testid="refund-policy-section">
      <h2>{props.ui.t('refunds.policy.title')}</h2>
      <RefundPolicyText {...props} />
      <p class="hint">{props.ui.t('refunds.policy.smaller_group')}</p>
    </section>
  );
}

/** What cancelling now gives back of what was paid, and the policy's percentage that gives it; nothing is said when nothing was paid. */
export function RefundNow({ ui, quote }: { ui: Ui; quote: PolicyRefundQuote }) {
  if (quote.netPaidCents <= 0) return null;
  return (
    <p data-testid="refund-now" data-cents={String(quote.amountCents)}>
      {quote.amountCents > 0
        ? ui.t('refunds.now.amount', { amount: formatMoney(quote.amountCents, ui.lang), percent: percent(quote.percent) })
        : ui.t('refunds.now.nothing', { paid: formatMoney(quote.netPaidCents, ui.lang) })}
    </p>
  );
}
