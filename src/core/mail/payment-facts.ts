import { formatDate, formatMoney } from '../i18n/format.js';
import { adjustmentLine, type BookingPayment } from '../payments/payment-state.js';
import type { PayBy } from '../catalog/payment-terms.js';
import type { Language } from '../shared/language.js';
import { startOfLocalDay } from '../shared/time.js';
import type { MailTranslate } from './mail-texts.js';

/** A booking's money as its organiser's mails tell it (when they owe something after booking). */
export interface MailPayment {
  state: BookingPayment;
  payBy: PayBy;
  /** The organisation's own reference of a booking paid on invoice (PO number); '' when none. */
  billingReference: string;
  /** The platform's page that starts paying what is outstanding (`/b/<token>/pay`); undefined without a manage link. */
  payUrl: string | undefined;
  /** What it owes beyond its price, as the manage page shows it: fees kept of places given up (+), goodwill given back (-). */
  adjustmentCents: number;
}

/** Whether the organiser owes money later (a balance or an invoice), rather than now to keep the booking. */
function owesLater(payment: MailPayment): boolean {
  return payment.state.dueCents > 0 && (payment.state.status === 'invoice' || payment.state.status === 'partly_paid');
}

function dateOf(day: string, lang: Language): string {
  return formatDate(startOfLocalDay(day), lang);
}

/**
 * What the mail says of money still to pay: on invoice by its date with the organisation's
 * reference; or the balance after a deposit (or a larger group), by its date, through the pay link.
 */
export function balanceParagraph(t: MailTranslate, lang: Language, payment: MailPayment): string | undefined {
  if (!owesLater(payment)) return undefined;
  const { state } = payment;
  const amount = formatMoney(state.dueCents, lang);
  if (state.status === 'invoice') {
    if (state.balanceDueOn === null) return undefined;
    const date = dateOf(state.balanceDueOn, lang);
    return payment.billingReference === ''
      ? t('mail.balance.invoice_due_no_reference', { date })
      : t('mail.balance.invoice_due', { date, reference: payment.billingReference });
  }
  const paid = formatMoney(state.paidCents - state.refundedCents, lang);
  return state.balanceDueOn === null
    ? t('mail.balance.balance_due_no_date', { paid, amount })
    : t('mail.balance.balance_due', { paid, amount, date: dateOf(state.balanceDueOn, lang) });
}

/**
 * The money facts: paid, still to pay, by when, the reference; shown while something is owed
 * later. A mail about the money itself (a receipt, a size change: `always`) shows them whenever
 * something was paid. Paid is always net of refunds, as in every mail and on the manage page;
 * the refund the mail reports (`refundCents`, under way) is named on its own line, so the new
 * price is what is paid plus what is still due. A booking that owes more or less than its price
 * (a fee kept after a smaller group, goodwill) states that first, beside the price, and what is
 * still to pay, as the manage page's payment section does, however it pays (at the venue too).
 */
export function balanceFacts(
  t: MailTranslate,
  lang: Language,
  payment: MailPayment,
  options: { always: boolean; refundCents: number } = { always: false, refundCents: 0 },
): [string, string][] {
  const { state } = payment;
  const adjustment = adjustmentLine(payment.adjustmentCents);
  const money = owesLater(payment) || (options.always && state.paidCents > 0);
  if (!money && !adjustment) return [];
  const facts: [string, string][] = [];
  if (adjustment) facts.push([t(adjustment.label), formatMoney(adjustment.cents, lang)]);
  if (money || state.paidCents > 0) facts.push([t('mail.balance.paid'), formatMoney(state.paidCents - state.refundedCents, lang)]);
  if (options.refundCents > 0) facts.push([t('mail.balance.refund'), formatMoney(options.refundCents, lang)]);
  if (state.dueCents > 0 || adjustment) facts.push([t('mail.balance.outstanding'), formatMoney(state.dueCents, lang)]);
  if (state.balanceDueOn) facts.push([t('mail.balance.due_on'), dateOf(state.balanceDueOn, lang)]);
  if (payment.billingReference !== '') facts.push([t('mail.balance.reference'), payment.billingReference]);
  return facts;
}

/** The link that pays the balance of a booking paying online. */
export function balanceLink(t: MailTranslate, payment: MailPayment): { label: string; url: string } | undefined {
  if (!owesLater(payment) || payment.state.status !== 'partly_paid' || !payment.payUrl) return undefined;
  return { label: t('mail.balance.pay_link'), url: payment.payUrl };
}
