import { count } from '../../core/i18n/i18n.js';
import type { Activity } from '../../core/catalog/activity.js';
import { BILLING_LIMITS, billingCountryOf, normalVatId } from '../../core/payments/billing.js';
import { billingCountryChoices, countryName, DEFAULT_BILLING_COUNTRY, isBillingCountry } from '../../core/payments/billing-countries.js';
import type { MessageKey } from '../i18n/i18n.js';
import { Field } from './components.js';
import { type FieldMessages } from '../field-errors.js';
import type { Ui } from './ui.js';

/** How the organiser pays and the billing details, as typed in the booking form (names as the form posts them). */
export interface BillingFormValues {
  payBy: string;
  'billing.organisation': string;
  'billing.address': string;
  'billing.reference': string;
  'billing.vatId': string;
  /** The country as the select sends it (NL preselected); '' when the form sent none. */
  'billing.country': string;
}

export const BILLING_FIELDS = ['billing.organisation', 'billing.address', 'billing.reference', 'billing.vatId', 'billing.country'] as const;

export const BILLING_FIELD_LABELS: Record<string, MessageKey> = {
  payBy: 'billing.legend',
  'billing.organisation': 'billing.organisation',
  'billing.address': 'billing.address',
  'billing.reference': 'billing.reference',
  'billing.vatId': 'billing.vat_id',
  'billing.country': 'billing.country',
};

/** Whether the form carries any billing detail (a field of spaces only is none; the country alone, always sent, is none). */
function hasBillingDetails(values: BillingFormValues): boolean {
  return BILLING_FIELDS.some((name) => name !== 'billing.country' && values[name].trim() !== '');
}

/**
 * The billing details as the booking input takes them: when paying on invoice (which requires
 * them) and whenever any is given, however the booking pays; the same checks then apply.
 */
export function billingInputOf(values: BillingFormValues): { payBy: string | undefined; billing?: Record<string, string> } {
  const payBy = values.payBy === '' ? undefined : values.payBy;
  if (payBy !== 'invoice' && !hasBillingDetails(values)) return { payBy };
  return {
    payBy,
    billing: {
      organisation: values['billing.organisation'],
      address: values['billing.address'],
      reference: values['billing.reference'],
      vatId: values['billing.vatId'],
      country: values['billing.country'],
    },
  };
}

/**
 * How the organiser pays and the billing details. Where the activity allows paying on invoice: the
 * choice between paying as the activity asks (online now, or at the venue) and on invoice. Then,
 * always, the billing details: required when paying on invoice, optional otherwise (for invoices
 * in the organisation's name); asked the same way either way, as the form works without JavaScript.
 */
export function BillingChoice({
  ui,
  activity,
  values,
  errors,
}: {
  ui: Ui;
  activity: Activity;
  values: BillingFormValues;
  errors: FieldMessages;
}) {
  const { t } = ui;
  const invoiceAllowed = activity.payment.invoiceAllowed;
  const invoice = values.payBy === 'invoice';
  const invalid = (name: string) => (errors[name] ? 'true' : undefined);
  // Required when paying on invoice (the reference where the venue asks for it): marked so, never blocking (paying online needs none).
  const required = {
    organisation: invoiceAllowed,
    address: invoiceAllowed,
    reference: invoiceAllowed && activity.venue.poRequired,
    vatId: false,
  };
  const label = (key: MessageKey, needed: boolean) => `${t(key)} ${t(needed ? 'billing.required_for_invoice' : 'form.optional')}`;
  const marks = (needed: boolean) => (needed ? { required: true, 'aria-required': 'true' as const } : {});
  return (
    <>
      {invoiceAllowed && (
        <fieldset data-testid="pay-by-choice">
          <legend>{t('billing.legend')}</legend>
          {errors.payBy && (
            <p class="error" id="payBy-error" data-testid="error-payBy">
              {errors.payBy}
            </p>
          )}
          <div class="field checkbox">
            <input id="payBy-online" name="payBy" type="radio" value="online" checked={!invoice} />
            <label for="payBy-online">{t(activity.payment.mode === 'venue' ? 'billing.choice_venue' : 'billing.choice_online')}</label>
          </div>
          <div class="field checkbox">
            <input id="payBy-invoice" name="payBy" type="radio" value="invoice" checked={invoice} />
            <label for="payBy-invoice">{t('billing.choice_invoice', { days: count(activity.payment.invoiceTermDays) })}</label>
          </div>
        </fieldset>
      )}
      {!invoiceAllowed && errors.payBy && (
        // Paying on invoice asked where the activity takes none (no choice shown): the error summary's link lands here.
        <p class="error" id="payBy" data-testid="error-payBy">
          {errors.payBy}
        </p>
      )}
      <fieldset data-testid="billing-fields">
        <legend>{t('billing.details_legend')}</legend>
        <p class="hint">{t(invoiceAllowed ? 'billing.details_hint_invoice' : 'billing.details_hint')}</p>
        <Field
          name="billing.organisation"
          label={label('billing.organisation', required.organisation)}
          error={errors['billing.organisation']}
        >
          {(describedBy) => (
            <input
              id="billing.organisation"
              name="billing.organisation"
              type="text"
              autocomplete="organization"
              maxLength={BILLING_LIMITS.organisation}
              value={values['billing.organisation']}
              aria-describedby={describedBy}
              aria-invalid={invalid('billing.organisation')}
              {...marks(required.organisation)}
            />
          )}
        </Field>
        <Field name="billing.address" label={label('billing.address', required.address)} error={errors['billing.address']}>
          {(describedBy) => (
            <textarea
              id="billing.address"
              name="billing.address"
              rows={3}
              autocomplete="street-address"
              maxLength={BILLING_LIMITS.address}
              aria-describedby={describedBy}
              aria-invalid={invalid('billing.address')}
              {...marks(required.address)}
            >
              {values['billing.address']}
            </textarea>
          )}
        </Field>
        <CountryField ui={ui} value={values['billing.country']} error={errors['billing.country']} />
        <Field
          name="billing.reference"
          label={label('billing.reference', required.reference)}
          error={errors['billing.reference']}
          hint={t('billing.reference_hint')}
        >
          {(describedBy) => (
            <input
              id="billing.reference"
              name="billing.reference"
              type="text"
              maxLength={BILLING_LIMITS.reference}
              value={values['billing.reference']}
              aria-describedby={describedBy}
              aria-invalid={invalid('billing.reference')}
              {...marks(required.reference)}
            />
          )}
        </Field>
        <Field
          name="billing.vatId"
          label={label('billing.vat_id', required.vatId)}
          error={errors['billing.vatId']}
          hint={t('billing.vat_id_hint')}
        >
          {(describedBy) => (
            <input
              id="billing.vatId"
              name="billing.vatId"
              type="text"
              maxLength={BILLING_LIMITS.vatId + 10}
              value={values['billing.vatId']}
              aria-describedby={describedBy}
              aria-invalid={invalid('billing.vatId')}
              {...marks(required.vatId)}
            />
          )}
        </Field>
      </fieldset>
    </>
  );
}

/**
 * The country of the billing address: a `<select>` of the billing countries by name in the
 * language, the Netherlands preselected. A value the list does not hold (sent by other means than
 * this form) is kept as its own option, with its error.
 */
function CountryField({ ui, value, error }: { ui: Ui; value: string; error: string | undefined }) {
  const { t } = ui;
  const chosen = value.trim() === '' ? DEFAULT_BILLING_COUNTRY : value.trim().toUpperCase();
  return (
    <Field name="billing.country" label={t('billing.country')} error={error}>
      {(describedBy) => (
        <select
          id="billing.country"
          name="billing.country"
          autocomplete="country"
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
        >
          {!isBillingCountry(chosen) && (
            <option value={value} selected>
              {value}
            </option>
          )}
          {billingCountryChoices(ui.lang).map(({ code, name }) => (
            <option key={code} value={code} selected={code === chosen}>
              {name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * On the review step: paying on invoice, and to whom; or the billing details given for another way
 * of paying. The VAT id as the invoices will state it ("be 0123.456.749" as BE0123456749).
 */
export function BillingSummary({ ui, values }: { ui: Ui; values: BillingFormValues }) {
  const { t } = ui;
  const invoice = values.payBy === 'invoice';
  if (!invoice && !hasBillingDetails(values)) return null;
  return (
    <section data-testid="billing-summary">
      <h2>{t(invoice ? 'billing.review_title' : 'billing.details_legend')}</h2>
      <dl class="summary">
        <dt>{t('billing.organisation')}</dt>
        <dd>{values['billing.organisation']}</dd>
        <dt>{t('billing.address')}</dt>
        <dd class="notes">{values['billing.address']}</dd>
        <dt>{t('billing.country')}</dt>
        <dd data-testid="billing-country">
          {countryName(
            billingCountryOf({
              country: values['billing.country'].trim().toUpperCase() || null,
              vatId: normalVatId(values['billing.vatId']) || null,
            }),
            ui.lang,
          )}
        </dd>
        {values['billing.reference'].trim() !== '' && (
          <>
            <dt>{t('billing.reference')}</dt>
            <dd data-testid="billing-reference">{values['billing.reference']}</dd>
          </>
        )}
        {values['billing.vatId'].trim() !== '' && (
          <>
            <dt>{t('billing.vat_id')}</dt>
            <dd data-testid="billing-vat-id">{normalVatId(values['billing.vatId'])}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
