import type { BookingMoney } from '../../../core/booking-flows/balances.service.js';
import { BANK_PAYMENT_NOTE_MAX } from '../../../core/payments/bank-payment.js';
import type { PaymentStatus, RefundStatus } from '../../../core/payments/payment.js';
import { billingCountryOf } from '../../../core/payments/billing.js';
import { countryName } from '../../../core/payments/billing-countries.js';
import { formatDate, formatDateTime, formatMoney } from '../../../core/i18n/format.js';
import { startOfLocalDay } from '../../../core/shared/time.js';
import { percent } from '../../../core/i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { CsrfField } from './admin-layout.js';

/** The record-payment form's fields as typed. */
export interface BankPaymentValues {
  amount: string;
  receivedOn: string;
  note: string;
}

const STATUS_LABELS: Record<PaymentStatus | RefundStatus, MessageKey> = {
  creating: 'money.status.creating',
  open: 'money.status.open',
  pending: 'money.status.pending',
  authorized: 'money.status.authorized',
  paid: 'money.status.paid',
  canceled: 'money.status.canceled',
  expired: 'money.status.expired',
  failed: 'money.status.failed',
  queued: 'money.status.queued',
  processing: 'money.status.processing',
  refunded: 'money.status.refunded',
};

const PAY_BY_LABELS: Record<BookingMoney['payBy'], MessageKey> = {
  venue: 'money.pay_by.venue',
  online: 'money.pay_by.online',
  invoice: 'money.pay_by.invoice',
};

interface LedgerLine {
  id: string;
  at: Date;
  /** A bank payment is recorded by the day received (its `at` is that day's start): shown as a date. */
  dateOnly: boolean;
  kind: 'payment' | 'refund';
  method: PaidBy;
  status: PaymentStatus | RefundStatus;
  amountCents: number;
  note: string;
}

/** How a payment was made: online, by bank transfer, or with a gift voucher (its id). */
type PaidBy = { kind: 'mollie' } | { kind: 'bank' } | { kind: 'voucher'; voucherId: string };

function paidBy(payment: BookingMoney['payments'][number]): PaidBy {
  if (payment.method === 'voucher' && payment.voucher_id) return { kind: 'voucher', voucherId: payment.voucher_id };
  return { kind: payment.method === 'bank' ? 'bank' : 'mollie' };
}

/** Payments and refunds in one list, oldest first; a refund goes the way its payment came. */
function ledgerLines(money: BookingMoney): LedgerLine[] {
  const methodOf = new Map(money.payments.map((p) => [p.id, paidBy(p)] as const));
  const lines: LedgerLine[] = [
    ...money.payments.map((p) => ({
      id: p.id,
      at: new Date(p.paid_at ?? p.created_at),
      dateOnly: p.method === 'bank' && p.paid_at !== null,
      kind: 'payment' as const,
      method: paidBy(p),
      status: p.status as PaymentStatus,
      amountCents: p.amount_cents,
      note: p.note,
    })),
    ...money.refunds.map((r) => ({
      id: r.id,
      at: new Date(r.created_at),
      dateOnly: false,
      kind: 'refund' as const,
      method: methodOf.get(r.payment_id) ?? { kind: 'mollie' as const },
      status: r.status as RefundStatus,
      amountCents: r.amount_cents,
      note: r.reason,
    })),
  ];
  return lines.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** How a line was paid, in words; a voucher by the last four characters of its code, linking to its ledger. */
function MethodText({ ui, method, hints }: { ui: AdminUi; method: PaidBy; hints: Record<string, string> }) {
  if (method.kind !== 'voucher') return <>{ui.t(method.kind === 'bank' ? 'money.method.bank' : 'money.method.mollie')}</>;
  return (
    <a href={`/admin/vouchers/${method.voucherId}`} data-testid="money-voucher">
      {ui.t('money.method.voucher', { hint: hints[method.voucherId] ?? '' })}
    </a>
  );
}

/**
 * A booking's money on its page in the back office: how it pays, its price, what was paid and
 * refunded, what is outstanding and by when, every payment and refund, the billing details; and,
 * for staff who may write, the form that records a bank payment.
 */
export function BookingMoneySection(props: {
  ui: AdminUi;
  bookingId: string;
  money: BookingMoney;
  writable: boolean;
  values?: BankPaymentValues | undefined;
  errors: FieldMessages;
}) {
  const { ui, bookingId, money, writable, errors } = props;
  const { t, lang } = ui;
  const { payment } = money;
  const values = props.values ?? { amount: '', receivedOn: '', note: '' };
  return (
    <section id="money" data-testid="booking-money">
      <h2>{t('booking_admin.payment')}</h2>
      <dl class="summary" data-testid="money-summary">
        <dt>{t('money.pay_by')}</dt>
        <dd data-testid="money-pay-by">
          {t(PAY_BY_LABELS[money.payBy])}
          {money.payBy === 'online' && money.depositPercent > 0 && money.depositPercent < 100 && (
            <> · {t('money.deposit', { percent: percent(money.depositPercent) })}</>
          )}
        </dd>
        <dt>{t('money.price')}</dt>
        <dd data-testid="money-price">{formatMoney(money.totalCents, lang)}</dd>
        {money.adjustmentCents !== 0 && (
          <>
            <dt>{t('money.adjustment')}</dt>
            <dd data-testid="money-adjustment" data-cents={money.adjustmentCents}>
              {formatMoney(money.adjustmentCents, lang)}
            </dd>
          </>
        )}
        <dt>{t('money.paid')}</dt>
        <dd data-testid="money-paid">{formatMoney(payment.paidCents, lang)}</dd>
        {payment.refundedCents > 0 && (
          <>
            <dt>{t('money.refunded')}</dt>
            <dd data-testid="money-refunded">{formatMoney(payment.refundedCents, lang)}</dd>
          </>
        )}
        <dt>{t('money.outstanding')}</dt>
        <dd data-testid="money-outstanding">{formatMoney(payment.dueCents, lang)}</dd>
        {payment.balanceDueOn && (
          <>
            <dt>{t('money.due_on')}</dt>
            <dd data-testid="money-due-on">
              {formatDate(startOfLocalDay(payment.balanceDueOn), lang)}
              {money.overdue && (
                <>
                  {' '}
                  <strong class="warning" data-testid="money-overdue">
                    {t('money.overdue')}
                  </strong>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {money.billing && (
        <>
          <h3>{t('money.billing')}</h3>
          <dl class="summary" data-testid="billing-details">
            <dt>{t('money.billing.organisation')}</dt>
            <dd>{money.billing.organisation}</dd>
            <dt>{t('money.billing.address')}</dt>
            <dd class="notes">{money.billing.address}</dd>
            {money.billing.reference && (
              <>
                <dt>{t('money.billing.reference')}</dt>
                <dd data-testid="billing-reference">{money.billing.reference}</dd>
              </>
            )}
            {money.billing.vatId && (
              <>
                <dt>{t('money.billing.vat_id')}</dt>
                <dd>{money.billing.vatId}</dd>
              </>
            )}
            <dt>{t('money.billing.country')}</dt>
            <dd data-testid="billing-country">{countryName(billingCountryOf(money.billing), lang)}</dd>
          </dl>
        </>
      )}
      <h3>{t('money.payments')}</h3>
      <DataTable
        caption={t('money.payments')}
        testId="money-ledger"
        columns={[
          { figure: t('money.col.date') },
          { figure: t('money.col.kind') },
          t('money.col.method'),
          { figure: t('money.col.status') },
          { figure: t('money.col.amount') },
          t('money.col.note'),
        ]}
        rows={ledgerLines(money)}
        empty={<p class="meta">{t('money.no_payments')}</p>}
        row={(line) => (
          <tr key={line.id} data-kind={line.kind}>
            <td>{line.dateOnly ? formatDate(line.at, lang) : formatDateTime(line.at, lang)}</td>
            <td>{t(line.kind === 'payment' ? 'money.kind.payment' : 'money.kind.refund')}</td>
            <td>
              <MethodText ui={ui} method={line.method} hints={money.voucherHints} />
            </td>
            <td>{t(STATUS_LABELS[line.status] ?? 'money.status.open')}</td>
            <td>{formatMoney(line.kind === 'refund' ? -line.amountCents : line.amountCents, lang)}</td>
            <td>
              {line.kind === 'refund' && line.method.kind === 'voucher'
                ? [t('money.back_to_voucher'), line.note].filter(Boolean).join(': ')
                : line.note}
            </td>
          </tr>
        )}
      />
      {writable && money.payBy !== 'venue' && payment.dueCents > 0 && payment.status !== 'due' && (
        <form method="post" action={`/admin/bookings/${bookingId}/payments`} class="narrow-form" data-testid="bank-payment-form" novalidate>
          <h3>{t('money.record_title')}</h3>
          <p class="hint">{t('money.record_hint', { amount: formatMoney(payment.dueCents, lang) })}</p>
          <CsrfField ui={ui} />
          <InputField
            id="payment-amount"
            name="amount"
            label={t('money.amount')}
            error={errors['payment-amount']}
            inputMode="decimal"
            autocomplete="off"
            value={values.amount}
            required
          />
          <InputField
            id="payment-receivedOn"
            name="receivedOn"
            type="date"
            label={t('money.received_on')}
            error={errors['payment-receivedOn']}
            value={values.receivedOn}
            required
          />
          <Field name="payment-note" label={t('money.note')} error={errors['payment-note']}>
            {(describedBy, invalid) => (
              <input
                id="payment-note"
                name="note"
                maxLength={BANK_PAYMENT_NOTE_MAX}
                value={values.note}
                aria-describedby={describedBy}
                aria-invalid={invalid ? 'true' : undefined}
              />
            )}
          </Field>
          <button type="submit">{t('money.record')}</button>
        </form>
      )}
    </section>
  );
}
