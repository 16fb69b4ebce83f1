import { count } from '../../core/i18n/i18n.js';
import { formatDate, formatMoney } from '../../core/i18n/format.js';
import type { PaymentPlan as CorePlan } from '../../core/payments/payment-plan.js';
import type { Ui } from './ui.js';

/** What a booking would pay when, as the booking form and the review step say it. */
export interface PaymentPlanView {
  /** `online`: `nowCents` when booking, the rest (`laterCents`) by `laterOn`; `venue`: nothing online. */
  payBy: 'venue' | 'online' | 'invoice';
  nowCents: number;
  laterCents: number;
  /** YYYY-MM-DD (Amsterdam); null when nothing is due later. */
  laterOn: string | null;
  /** How long the places are held while paying, in minutes. */
  windowMinutes: number;
  /** A deposit paid in full because the visit is within these days (core's plan decides); null otherwise. */
  inFullWithinDays: number | null;
  /** What a gift voucher pays when booking (all of it: `coversAll`), what stays on it and until when; null without one. */
  voucher: { cents: number; leftCents: number; validUntil: string; coversAll: boolean } | null;
}

/**
 * The view of core's plan for a booking of `totalCents` (the window from the settings when the plan
 * has none), `voucher` paying part of it when booking (the plan's amounts are what is left to pay).
 */
export function planViewOf(
  plan: CorePlan,
  totalCents: number,
  windowMinutes: number,
  voucher?: { cents: number; balanceCents: number; validUntil: string },
): PaymentPlanView {
  const nowCents = plan.payBy === 'online' ? plan.dueAtBookingCents : 0;
  const voucherCents = voucher?.cents ?? 0;
  return {
    payBy: plan.payBy,
    nowCents,
    laterCents: plan.payBy === 'venue' ? 0 : totalCents - voucherCents - nowCents,
    voucher: voucher
      ? {
          cents: voucher.cents,
          leftCents: voucher.balanceCents - voucher.cents,
          validUntil: voucher.validUntil,
          coversAll: voucher.cents >= totalCents,
        }
      : null,
    laterOn: plan.balanceDueOn,
    windowMinutes: plan.windowMinutes ?? windowMinutes,
    inFullWithinDays: plan.inFullWithinDays,
  };
}

/** Why a deposit is paid in full: the visit is within its `days` (today, when 0). */
function inFullText({ t }: Ui, days: number): string {
  if (days === 0) return t('payment.plan.in_full_today');
  return days === 1 ? t('payment.plan.in_full_soon_one') : t('payment.plan.in_full_soon', { days: count(days) });
}

/** "Pay €X now online; the rest €Y by <date>", "Pay €X online when booking" or "Pay at the venue". */
export function PaymentPlan({ ui, plan }: { ui: Ui; plan: PaymentPlanView }) {
  const { t, lang } = ui;
  const money = (cents: number) => formatMoney(cents, lang);
  const date = (day: string) => formatDate(new Date(`${day}T12:00:00Z`), lang);
  let text: string | null;
  if (plan.voucher && (plan.voucher.coversAll || (plan.nowCents === 0 && plan.laterCents === 0 && plan.payBy !== 'venue'))) {
    text = null;
  } else if (plan.payBy === 'online' && plan.nowCents > 0 && plan.laterCents > 0 && plan.laterOn) {
    text = t('payment.plan.deposit', { now: money(plan.nowCents), rest: money(plan.laterCents), date: date(plan.laterOn) });
  } else if (plan.payBy === 'online' && plan.nowCents > 0) {
    text = t('payment.plan.full', { amount: money(plan.nowCents) });
  } else if (plan.payBy === 'online' && plan.laterCents > 0 && plan.laterOn) {
    text = t('payment.plan.rest_later', { rest: money(plan.laterCents), date: date(plan.laterOn) });
  } else if (plan.payBy === 'invoice' && plan.laterOn) {
    text = t('payment.plan.invoice', { date: date(plan.laterOn) });
  } else {
    text = t('payment.plan.venue');
  }
  return (
    <div class="notice" data-testid="payment-plan" data-pay-by={plan.payBy}>
      {plan.payBy === 'online' && plan.inFullWithinDays !== null && (
        <p data-testid="payment-plan-in-full">{inFullText(ui, plan.inFullWithinDays)}</p>
      )}
      {plan.voucher && (
        <p data-testid="payment-plan-voucher">
          {plan.voucher.leftCents > 0
            ? t('payment.plan.voucher_left', {
                amount: money(plan.voucher.cents),
                left: money(plan.voucher.leftCents),
                date: date(plan.voucher.validUntil),
              })
            : t('payment.plan.voucher', { amount: money(plan.voucher.cents) })}
        </p>
      )}
      {text !== null && <p>{text}</p>}
      {plan.payBy === 'online' && plan.nowCents > 0 && <p>{t('payment.plan.window', { minutes: count(plan.windowMinutes) })}</p>}
    </div>
  );
}
