import { formatDateTime, formatMoney } from '../../../core/i18n/format.js';
import type { RefundRow } from '../../../core/payments/payments.repository.js';
import { REFUND_REASON_MAX_LENGTH } from '../../../core/booking-flows/staff-refund.service.js';
import type { ActivityEntry } from '../../../core/activity-log/activity-log.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import type { Ui } from '../ui.js';
import { Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { REFUND_CAUSE_LABELS, REFUND_STATUS_LABELS, refundLabel } from '../manage-refunds.js';
import { CsrfField } from './admin-layout.js';

/** The booking's money for the refund panel, and what cancelling would give back by the policy. */
export interface StaffRefundView {
  refunds: RefundRow[];
  paidCents: number;
  refundedCents: number;
  /** Paid net of refunds (failed and cancelled refunds do not count): the most a refund may be. */
  refundableCents: number;
  policyRefundCents: number;
}

/** The staff refund form as typed, when it was refused. */
export interface RefundFormValues {
  amount: string;
  reason: string;
}

/**
 * The refund panel of a booking's page: what was paid and refunded, every refund with its status
 * (a failed one called out: its amount can go back again, or, when the Mollie account that took
 * the payment has no key here any more, staff refund it there themselves), and staff's refund form: an amount in
 * euros up to what is left and a reason for the history.
 */
export function BookingRefunds({
  ui,
  base,
  money,
  values = { amount: '', reason: '' },
  errors = {},
}: {
  ui: AdminUi;
  base: string;
  money: StaffRefundView;
  values?: RefundFormValues | undefined;
  errors?: FieldMessages;
}) {
  const { t, lang } = ui;
  const failed = money.refunds.filter((refund) => refund.status === 'failed');
  return (
    <section id="refunds" data-testid="refunds-admin">
      <h2>{t('refunds.admin.title')}</h2>
      {money.paidCents === 0 ? (
        <p class="meta">{t('refunds.admin.nothing_paid')}</p>
      ) : (
        <p data-testid="refund-money">
          {t('refunds.admin.paid', {
            paid: formatMoney(money.paidCents, lang),
            refunded: formatMoney(money.refundedCents, lang),
            left: formatMoney(money.refundableCents, lang),
          })}
        </p>
      )}
      {failed.map((refund) => (
        <p key={refund.id} class="notice error" data-testid="refund-failed">
          {t(refund.failure === 'account_gone' ? 'refunds.admin.failed_account_gone' : 'refunds.admin.failed', {
            amount: formatMoney(refund.amount_cents, lang),
            date: formatDateTime(new Date(refund.updated_at), lang),
          })}
        </p>
      ))}
      {money.refunds.length > 0 && (
        <DataTable
          caption={t('refunds.list.title')}
          testId="refund-table"
          columns={[
            { figure: t('refunds.admin.col.when') },
            { figure: t('refunds.admin.col.amount') },
            t('refunds.admin.col.cause'),
            { figure: t('refunds.admin.col.status') },
          ]}
          rows={money.refunds}
          row={(refund) => (
            <tr key={refund.id} data-status={refund.status}>
              <td>{formatDateTime(new Date(refund.created_at), lang)}</td>
              <td>{formatMoney(refund.amount_cents, lang)}</td>
              <td>
                {refundLabel(ui, REFUND_CAUSE_LABELS, refund.cause)}
                {refund.reason !== '' && `: ${refund.reason}`}
              </td>
              <td>{refundLabel(ui, REFUND_STATUS_LABELS, refund.status)}</td>
            </tr>
          )}
        />
      )}
      {can(ui.staff, 'bookings.write') && money.refundableCents > 0 && (
        <form method="post" action={`${base}/refund`} class="narrow-form" data-testid="refund-form" novalidate>
          <CsrfField ui={ui} />
          <InputField
            id="refund-amount"
            name="amount"
            label={t('refunds.admin.amount')}
            hint={t('refunds.admin.amount_hint')}
            error={errors['refund-amount']}
            value={values.amount}
            inputMode="decimal"
            autocomplete="off"
          />
          <Field
            name="refund-reason"
            label={t('refunds.admin.reason')}
            hint={t('refunds.admin.reason_hint')}
            error={errors['refund-reason']}
          >
            {(describedBy, invalid) => (
              <textarea
                id="refund-reason"
                name="reason"
                rows={2}
                maxLength={REFUND_REASON_MAX_LENGTH}
                aria-describedby={describedBy}
                aria-invalid={invalid ? 'true' : undefined}
              >
                {values.reason}
              </textarea>
            )}
          </Field>
          <button type="submit">{t('refunds.admin.submit')}</button>
        </form>
      )}
    </section>
  );
}

/** The staff cancel form's choice of refund: by the policy (its amount), everything paid, or nothing. */
export function CancelRefundChoice({ ui, money }: { ui: AdminUi; money: StaffRefundView }) {
  const { t, lang } = ui;
  if (money.refundableCents <= 0) return null;
  return (
    <Field name="cancel-refund" label={t('refunds.admin.cancel_refund')}>
      {(describedBy) => (
        <select id="cancel-refund" name="refund" aria-describedby={describedBy}>
          <option value="policy" selected>
            {t('refunds.admin.cancel_refund.policy', { amount: formatMoney(money.policyRefundCents, lang) })}
          </option>
          <option value="full">{t('refunds.admin.cancel_refund.full', { amount: formatMoney(money.refundableCents, lang) })}</option>
          <option value="none">{t('refunds.admin.cancel_refund.none')}</option>
        </select>
      )}
    </Field>
  );
}

/** A `booking.refunded` history entry in words: the amount in euros, why, and staff's reason. */
export function refundedEntryText(ui: Ui, entry: Pick<ActivityEntry, 'action' | 'detail'>): string | undefined {
  if (entry.action !== 'booking.refunded') return undefined;
  const { amount_cents: cents, cause, reason } = entry.detail;
  if (typeof cents !== 'number') return undefined;
  const params = { amount: formatMoney(cents, ui.lang), cause: refundLabel(ui, REFUND_CAUSE_LABELS, String(cause)) };
  return typeof reason === 'string' && reason !== ''
    ? ui.t('refunds.history_reason', { ...params, reason })
    : ui.t('refunds.history', params);
}
