import type { OrganiserPayment } from '../../core/payments/organiser-payment.service.js';
import type { BookingPaymentStatus } from '../../core/payments/payment.js';
import { adjustmentLine } from '../../core/payments/payment-state.js';
import { formatDate, formatMoney } from '../../core/i18n/format.js';
import type { MessageKey } from '../i18n/i18n.js';
import { deadlineText } from './deadline.js';
import { managePath } from './manage-actions.js';
import type { Ui } from './ui.js';

const STATUS_KEYS: Record<BookingPaymentStatus, MessageKey> = {
  none: 'payment.status.none',
  due: 'payment.status.due',
  partly_paid: 'payment.status.partly_paid',
  invoice: 'payment.status.invoice',
  paid: 'payment.status.paid',
  refunding: 'payment.status.refunding',
  refunded: 'payment.status.refunded',
};

/**
 * What the organiser came back from the checkout to: paid; not paid (failed at the bank, cancelled
 * by the organiser, or the checkout expired unfinished); or not known yet.
 */
export type PaymentOutcome = 'paid' | 'failed' | 'cancelled' | 'expired' | 'waiting';

/** Why a checkout came back unpaid, in words; each ends with a retry offer while the window lasts. */
const UNPAID_KEYS: Record<Exclude<PaymentOutcome, 'paid' | 'waiting'>, MessageKey> = {
  failed: 'payment.outcome.failed',
  cancelled: 'payment.outcome.cancelled',
  expired: 'payment.outcome.expired',
};

/** The address that starts the checkout (GET: a link, so CSP form-action never governs the way to the provider). */
export function payPath(token: string): string {
  return `${managePath(token)}/pay`;
}

/** A calendar date (YYYY-MM-DD, Amsterdam) as pages write dates. */
function dateText(ui: Ui, date: string): string {
  return formatDate(new Date(`${date}T12:00:00Z`), ui.lang);
}

/** The button to the checkout, with what it pays and (while a booking awaits it) the window's end. */
export function PayButton({ ui, payment, token }: { ui: Ui; payment: OrganiserPayment; token: string }) {
  const { t } = ui;
  if (payment.payableCents === 0) return null;
  return (
    <div data-testid="pay">
      {payment.expiresAt && <p data-testid="pay-deadline">{t('payment.window', { deadline: deadlineText(ui, payment.expiresAt) })}</p>}
      <p class="actions">
        <a class="button" href={payPath(token)} data-testid="pay-button">
          {t('payment.pay_button', { amount: formatMoney(payment.payableCents, ui.lang) })}
        </a>
      </p>
      <p>
        <small>{t('payment.checkout_note')}</small>
      </p>
    </div>
  );
}

/**
 * On the manage page: the booking's money (status, paid, refunded, still due and by when) and the
 * pay button while something can be paid online (unless the page shows it higher up: `payButton`
 * false). Balances and refunds add their parts here.
 */
export function PaymentSection({
  ui,
  payment,
  token,
  payButton = true,
}: {
  ui: Ui;
  payment: OrganiserPayment;
  token: string;
  payButton?: boolean;
}) {
  const { t, lang } = ui;
  const { state } = payment;
  if (payment.payBy === 'venue' && state.paidCents === 0) {
    return (
      <section data-testid="payment-section" data-status={state.status}>
        <h2>{t('payment.title')}</h2>
        <p>{t('payment.at_venue')}</p>
        {payment.adjustmentCents !== 0 && (
          <dl class="summary">
            <Adjustment ui={ui} cents={payment.adjustmentCents} />
            <dt>{t('payment.due')}</dt>
            <dd data-testid="payment-due">{formatMoney(state.dueCents, lang)}</dd>
          </dl>
        )}
      </section>
    );
  }
  return (
    <section data-testid="payment-section" data-status={state.status}>
      <h2>{t('payment.title')}</h2>
      <dl class="summary">
        <dt>{t('payment.status')}</dt>
        <dd data-testid="payment-status">{t(STATUS_KEYS[state.status])}</dd>
        <dt>{t('payment.paid')}</dt>
        <dd data-testid="payment-paid">
          {formatMoney(state.paidCents, lang)}
          {payment.voucherCents > 0 && (
            <span data-testid="payment-voucher"> {t('payment.of_which_voucher', { amount: formatMoney(payment.voucherCents, lang) })}</span>
          )}
        </dd>
        {state.refundedCents > 0 && (
          <>
            <dt>{t('payment.refunded')}</dt>
            <dd data-testid="payment-refunded">{formatMoney(state.refundedCents, lang)}</dd>
          </>
        )}
        {state.pendingRefundCents > 0 && (
          <>
            <dt>{t('payment.refund_pending')}</dt>
            <dd data-testid="payment-refund-pending">{formatMoney(state.pendingRefundCents, lang)}</dd>
          </>
        )}
        <Adjustment ui={ui} cents={payment.adjustmentCents} />
        <dt>{t('payment.due')}</dt>
        <dd data-testid="payment-due">{formatMoney(state.dueCents, lang)}</dd>
        {state.balanceDueOn && state.dueNowCents === 0 && (
          <>
            <dt>{t('payment.due_on')}</dt>
            <dd data-testid="payment-due-on">{dateText(ui, state.balanceDueOn)}</dd>
          </>
        )}
      </dl>
      {state.status === 'invoice' && state.balanceDueOn && (
        <p data-testid="invoice-due">
          {payment.billingReference
            ? t('billing.invoice_due', { date: dateText(ui, state.balanceDueOn), reference: payment.billingReference })
            : t('billing.invoice_due_no_reference', { date: dateText(ui, state.balanceDueOn) })}
        </p>
      )}
      {payButton && <PayButton ui={ui} payment={payment} token={token} />}
    </section>
  );
}

/**
 * What the booking owes beyond its price (the price table's total): the fees the venue kept of
 * places given up (a smaller group, by its cancellation policy), or goodwill it gave back; named
 * as the mails name it (adjustmentLine).
 */
function Adjustment({ ui, cents }: { ui: Ui; cents: number }) {
  const { t, lang } = ui;
  const line = adjustmentLine(cents);
  if (!line) return null;
  return (
    <>
      <dt>{t(line.label)}</dt>
      <dd data-testid="payment-adjustment">{formatMoney(line.cents, lang)}</dd>
    </>
  );
}

/** At the top of the manage page on the return from the checkout: what the provider says of the payment. */
export function PaymentBanner({
  ui,
  outcome,
  payment,
  token,
}: {
  ui: Ui;
  outcome: PaymentOutcome;
  payment: OrganiserPayment;
  token: string;
}) {
  const { t } = ui;
  if (outcome === 'paid') {
    return (
      <p class="notice success" role="status" data-testid="payment-outcome" data-outcome="paid">
        {t('payment.outcome.paid')}
      </p>
    );
  }
  if (outcome === 'waiting') {
    return (
      <div class="notice" role="status" data-testid="payment-outcome" data-outcome="waiting">
        <p>{t('payment.outcome.waiting')}</p>
        <p>
          <a href={ui.path}>{t('payment.reload')}</a>
        </p>
      </div>
    );
  }
  return (
    <div class="notice error" role="alert" data-testid="payment-outcome" data-outcome={outcome}>
      <p>{t(UNPAID_KEYS[outcome])}</p>
      {payment.payableCents > 0 && (
        <>
          {payment.expiresAt && <p>{t('payment.outcome.retry', { deadline: deadlineText(ui, payment.expiresAt) })}</p>}
          <p>
            <a class="button" href={payPath(token)} data-testid="pay-again">
              {t('payment.try_again')}
            </a>
          </p>
        </>
      )}
    </div>
  );
}
