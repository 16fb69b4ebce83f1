import type { Venue } from '../../../core/catalog/activity.js';
import { count, money } from '../../../core/i18n/i18n.js';
import { MAX_VALIDITY_MONTHS, MAX_VOUCHER_CENTS, MIN_VALIDITY_MONTHS, MIN_VOUCHER_CENTS } from '../../../core/vouchers/voucher.js';
import type { VoucherForm } from '../../../core/vouchers/voucher-form.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';
import { Choice } from './discounts.page.js';

const LABELS: Record<string, MessageKey> = {
  venueId: 'vouchers.venue',
  amount: 'vouchers.amount',
  validityMonths: 'vouchers.validity',
  origin: 'vouchers.origin',
  recipientName: 'vouchers.recipient',
  buyerName: 'vouchers.buyer_name',
  buyerEmail: 'vouchers.buyer_email',
  message: 'vouchers.message',
  note: 'vouchers.note',
  language: 'vouchers.language',
};

/** A multi-line text field. */
function TextArea({
  ui,
  name,
  hint,
  error,
  value,
}: {
  ui: AdminUi;
  name: 'message' | 'note';
  hint: string;
  error?: string | undefined;
  value: string;
}) {
  return (
    <Field name={name} label={ui.t(LABELS[name]!)} hint={hint} error={error}>
      {(describedBy, invalid) => (
        <textarea
          id={name}
          name={name}
          rows={3}
          maxLength={1000}
          aria-describedby={describedBy}
          aria-invalid={invalid ? 'true' : undefined}
        >
          {value}
        </textarea>
      )}
    </Field>
  );
}

/**
 * Issuing a gift voucher: the venue (for members of several), its amount and validity (the law's
 * minimum by default), how it comes about, for whom, and staff's note. After it, the voucher's page
 * shows its code once.
 */
export function VoucherFormPage({
  ui,
  venues,
  values,
  errors,
}: {
  ui: AdminUi;
  venues: Venue[];
  values: VoucherForm;
  errors: FieldMessages;
}) {
  const { t } = ui;
  const optional = t('vouchers.optional');
  return (
    <AdminLayout ui={ui} title={t('vouchers.new')}>
      <p class="breadcrumb">
        <a href="/admin/vouchers">{t('vouchers.back')}</a>
      </p>
      <h1>{t('vouchers.new')}</h1>
      <form method="post" action="/admin/vouchers" novalidate class="narrow-form" data-testid="voucher-form">
        <CsrfField ui={ui} />
        <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
        {venues.length > 1 && (
          <Field name="venueId" label={t('vouchers.venue')} error={errors.venueId}>
            {(describedBy, invalid) => (
              <select id="venueId" name="venueId" aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                <option value="">{t('vouchers.choose_venue')}</option>
                {venues.map((v) => (
                  <option key={v.id} value={v.id} selected={v.id === values.venueId}>
                    {v.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <InputField
          id="amount"
          name="amount"
          label={t('vouchers.amount')}
          hint={t('vouchers.amount_hint', { min: money(MIN_VOUCHER_CENTS), max: money(MAX_VOUCHER_CENTS) })}
          error={errors.amount}
          type="text"
          inputmode="decimal"
          autocomplete="off"
          value={values.amount}
        />
        <InputField
          id="validityMonths"
          name="validityMonths"
          label={t('vouchers.validity')}
          hint={t('vouchers.validity_hint', { min: count(MIN_VALIDITY_MONTHS), max: count(MAX_VALIDITY_MONTHS) })}
          error={errors.validityMonths}
          type="text"
          inputmode="numeric"
          autocomplete="off"
          value={values.validityMonths}
        />
        <Choice
          name="origin"
          legend={t('vouchers.origin')}
          picked={values.origin === 'sold_desk' ? 'sold_desk' : 'issued'}
          options={[
            ['issued', t('vouchers.origin_issued_label')],
            ['sold_desk', t('vouchers.origin_sold_desk_label')],
          ]}
        />
        {(['recipientName', 'buyerName', 'buyerEmail'] as const).map((name) => (
          <InputField
            key={name}
            id={name}
            name={name}
            label={t(LABELS[name]!)}
            hint={name === 'buyerEmail' ? t('vouchers.buyer_email_hint') : optional}
            error={errors[name]}
            type={name === 'buyerEmail' ? 'email' : 'text'}
            autocomplete="off"
            value={values[name]}
          />
        ))}
        <TextArea ui={ui} name="message" hint={optional} error={errors.message} value={values.message} />
        <TextArea ui={ui} name="note" hint={t('vouchers.note_hint')} error={errors.note} value={values.note} />
        <Choice
          name="language"
          legend={t('vouchers.language')}
          picked={values.language === 'en' ? 'en' : 'nl'}
          options={[
            ['nl', t('vouchers.language_nl')],
            ['en', t('vouchers.language_en')],
          ]}
        />
        <button type="submit">{t('vouchers.issue')}</button>
      </form>
    </AdminLayout>
  );
}
