import type { ActivityForm } from '../../../core/catalog/activity-admin.service.js';
import { parseRefundTiers, type RefundTierForm, tierReadsInDays } from '../../../core/catalog/payment-form.js';
import type { MollieKeySource } from '../../../core/payments/mollie-key-source.js';
import { PAYMENT_MODES, PAYMENT_TERM_LIMITS, type PaymentMode } from '../../../core/catalog/payment-terms.js';
import type { RefundPolicy } from '../../../core/catalog/refund-policy.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';
import { Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { count, percent } from '../../../core/i18n/i18n.js';

type PaymentNumber = 'depositPercent' | 'balanceDaysBefore' | 'invoiceTermDays';

/** The labels of the payment fields and the policy's tiers, for the form's error summary. */
export function paymentLabels(tiers: number): Record<string, MessageKey> {
  const labels: Record<string, MessageKey> = {
    paymentMode: 'payment_form.mode',
    depositPercent: 'payment_form.deposit_percent',
    balanceDaysBefore: 'payment_form.balance_days',
    invoiceTermDays: 'payment_form.invoice_term_days',
  };
  for (let i = 0; i < tiers; i++) {
    labels[`refundTiers.${i}.amount`] = 'refund_form.amount';
    labels[`refundTiers.${i}.unit`] = 'refund_form.unit';
    labels[`refundTiers.${i}.percent`] = 'refund_form.percent';
  }
  return labels;
}

const MODE_LABELS: Record<PaymentMode, MessageKey> = {
  venue: 'payment_form.mode_venue',
  full: 'payment_form.mode_full',
  deposit: 'payment_form.mode_deposit',
};

const NUMBER_HINTS: Record<PaymentNumber, MessageKey> = {
  depositPercent: 'payment_form.deposit_percent_hint',
  balanceDaysBefore: 'payment_form.balance_days_hint',
  invoiceTermDays: 'payment_form.invoice_term_days_hint',
};

interface Props {
  ui: AdminUi;
  values: ActivityForm;
  errors: FieldMessages;
  /** Which Mollie key serves the activity's venue; undefined while no venue is chosen. */
  keySource?: MollieKeySource | undefined;
  /** The venue's page in the back office, where its key is entered. */
  venueHref?: string | undefined;
}

/**
 * Why online payment is not offered, and how to change that: shown when the terms ask for it and
 * neither the venue nor the platform has a Mollie key. Saving stays allowed; bookings then pay at the venue.
 */
export function NoOnlinePaymentNotice({ ui, values, keySource, venueHref }: Omit<Props, 'errors'>) {
  if (keySource !== 'none' || values.paymentMode === 'venue' || values.paymentMode === '') return null;
  const { t } = ui;
  return (
    <div class="warning" role="status" data-testid="no-online-payment">
      <p>{t('payment_form.no_key')}</p>
      <p>{venueHref ? <a href={`${venueHref}#mollie-title`}>{t('payment_form.no_key_fix_link')}</a> : t('payment_form.no_key_fix')}</p>
    </div>
  );
}

/** The activity form's payment terms and cancellation policy, with the policy read back as a sentence. */
export function PaymentFields({ ui, values, errors, keySource, venueHref }: Props) {
  const { t } = ui;
  const limits = (name: PaymentNumber) => {
    const bound = name === 'depositPercent' ? percent : count;
    return { min: bound(PAYMENT_TERM_LIMITS[name].min), max: bound(PAYMENT_TERM_LIMITS[name].max) };
  };
  const number = (name: PaymentNumber) => (
    <InputField
      id={name}
      label={t(paymentLabels(0)[name]!)}
      error={errors[name]}
      hint={t(NUMBER_HINTS[name], limits(name))}
      name={name}
      type="text"
      inputmode="numeric"
      autocomplete="off"
      value={values[name]}
    />
  );
  const preview = parseRefundTiers(values.refundTiers, ui.lang);
  return (
    <>
      <fieldset id="payment" data-testid="payment-fieldset">
        <legend>{t('payment_form.title')}</legend>
        <NoOnlinePaymentNotice ui={ui} values={values} keySource={keySource} venueHref={venueHref} />
        <Field name="paymentMode" label={t('payment_form.mode')} error={errors.paymentMode} hint={t('payment_form.mode_hint')}>
          {(describedBy, invalid) => (
            <select id="paymentMode" name="paymentMode" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
              {PAYMENT_MODES.map((mode) => (
                <option key={mode} value={mode} selected={values.paymentMode === mode}>
                  {t(MODE_LABELS[mode])}
                </option>
              ))}
            </select>
          )}
        </Field>
        {number('depositPercent')}
        {number('balanceDaysBefore')}
        <div class="field checkbox">
          <input id="invoiceAllowed" name="invoiceAllowed" type="checkbox" value="yes" checked={values.invoiceAllowed} />
          <label for="invoiceAllowed">{t('payment_form.invoice_allowed')}</label>
        </div>
        {number('invoiceTermDays')}
      </fieldset>
      <fieldset id="refund-policy" data-testid="refund-fieldset">
        <legend>{t('refund_form.title')}</legend>
        <p class="hint">{t('refund_form.hint')}</p>
        {preview.ok && (
          <p class="notice" data-testid="refund-preview">
            {refundPolicySentence(t, preview.value)}
          </p>
        )}
        {values.refundTiers.map((tier, i) => (
          <RefundTierFields key={i} ui={ui} index={i} tier={tier} errors={errors} />
        ))}
      </fieldset>
    </>
  );
}

function RefundTierFields({ ui, index, tier, errors }: { ui: AdminUi; index: number; tier: RefundTierForm; errors: FieldMessages }) {
  const { t } = ui;
  const name = (field: keyof RefundTierForm) => `refundTiers.${index}.${field}`;
  return (
    <fieldset data-testid={`refund-tier-${index}`}>
      <legend>{t('refund_form.tier', { n: index + 1 })}</legend>
      <InputField
        id={name('amount')}
        name={name('amount')}
        label={t('refund_form.amount')}
        error={errors[name('amount')]}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        value={tier.amount}
      />
      <Field name={name('unit')} label={t('refund_form.unit')} error={errors[name('unit')]}>
        {(describedBy, invalid) => (
          <select id={name('unit')} name={name('unit')} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
            <option value="days" selected={tier.unit !== 'hours'}>
              {t('refund_form.unit_days')}
            </option>
            <option value="hours" selected={tier.unit === 'hours'}>
              {t('refund_form.unit_hours')}
            </option>
          </select>
        )}
      </Field>
      <InputField
        id={name('percent')}
        name={name('percent')}
        label={t('refund_form.percent')}
        error={errors[name('percent')]}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        value={tier.percent}
      />
    </fieldset>
  );
}

/** "Until N days (hours) before the visit": in days where the form shows days. */
function before(t: Translate, hours: number): string {
  if (hours === 0) return t('refund_form.until_start');
  return tierReadsInDays(hours) ? t('refund_form.until_days', { n: count(hours / 24) }) : t('refund_form.until_hours', { n: count(hours) });
}

/** The policy read back as one sentence: "Until 14 days before the visit: all back; until 48 hours: 50% back; later: nothing." */
export function refundPolicySentence(t: Translate, policy: RefundPolicy): string {
  if (policy.length === 0) return t('refund_form.sentence_none');
  const parts = policy.map((tier) =>
    t('refund_form.sentence_tier', {
      until: before(t, tier.hoursBefore),
      back:
        tier.percent === 100
          ? t('refund_form.all_back')
          : tier.percent === 0
            ? t('refund_form.nothing_back')
            : t('refund_form.percent_back', { percent: percent(tier.percent) }),
    }),
  );
  const last = policy[policy.length - 1]!;
  const later = last.hoursBefore > 0 ? [t('refund_form.sentence_later')] : [];
  const sentence = [...parts, ...later].join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
