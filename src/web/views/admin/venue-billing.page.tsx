import { Fragment } from 'preact';
import type { SellerField } from '../../../core/invoices/invoice-seller.js';
import { VENUE_BILLING_FIELDS, type VenueBillingForm } from '../../../core/invoices/venue-billing.js';
import type { VenueBillingView } from '../../../core/invoices/venue-billing.service.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { AdminLayout, CsrfField } from './admin-layout.js';

type BillingField = keyof VenueBillingForm;

const LABELS: Record<BillingField, MessageKey> = {
  legalName: 'venue_billing.legal_name',
  street: 'venue_billing.street',
  postcode: 'venue_billing.postcode',
  city: 'venue_billing.city',
  kvkNumber: 'venue_billing.kvk_number',
  vatId: 'venue_billing.vat_id',
  iban: 'venue_billing.iban',
  bic: 'venue_billing.bic',
  invoicePrefix: 'venue_billing.invoice_prefix',
  termDays: 'venue_billing.term_days',
};

const billingPath = (venueId: string) => `/admin/venues/${venueId}/billing`;

/** The missing details by their labels, as one list: "Legal name, KvK number". */
function missingLabels(ui: AdminUi, missing: readonly SellerField[]): string {
  return missing.map((field) => ui.t(LABELS[field])).join(', ');
}

/**
 * Whether the venue can issue invoices: what is missing and a link to fill it in, or that the
 * details are complete. `named` puts the venue's name in the sentence (the start page, which lists
 * several venues); the venue's own page says "this venue".
 */
export function BillingStatus({ ui, view, named = false }: { ui: AdminUi; view: VenueBillingView; named?: boolean }) {
  const { t } = ui;
  const editor = can(ui.staff, 'catalog.write');
  if (view.missing.length === 0) {
    return (
      <p data-testid="billing-complete">
        {t('venue_billing.complete')} <a href={billingPath(view.venue.id)}>{t(editor ? 'venue_billing.edit' : 'venue_billing.view')}</a>
      </p>
    );
  }
  const fields = missingLabels(ui, view.missing);
  return (
    <p class="warning" data-testid="billing-missing" data-venue={view.venue.id}>
      {named ? t('venue_billing.missing_at', { venue: view.venue.name, fields }) : t('venue_billing.missing', { fields })}{' '}
      <a href={billingPath(view.venue.id)}>{t(editor ? 'venue_billing.fill_in' : 'venue_billing.view')}</a>
    </p>
  );
}

/** The venue page's section: its billing status, with the link to the details. */
export function VenueBillingPanel({ ui, view }: { ui: AdminUi; view: VenueBillingView }) {
  return (
    <section class="panel" aria-labelledby="billing-title" data-testid="venue-billing">
      <h2 id="billing-title">{ui.t('venue_billing.section')}</h2>
      <BillingStatus ui={ui} view={view} />
    </section>
  );
}

interface PageProps {
  ui: AdminUi;
  view: VenueBillingView;
  /** The form as typed when refused, else as stored. */
  values: VenueBillingForm;
  errors: FieldMessages;
  saved: boolean;
  /** The year an example invoice number shows. */
  year: number;
}

/** The details for those who may only look (staff, viewers): a list, no form. */
function BillingSummary({ ui, values }: { ui: AdminUi; values: VenueBillingForm }) {
  const { t } = ui;
  return (
    <dl class="summary" data-testid="billing-summary">
      {VENUE_BILLING_FIELDS.map((field) => (
        <Fragment key={field}>
          <dt>{t(LABELS[field])}</dt>
          <dd>{values[field] || t('venue_billing.not_given')}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * A venue's billing details: what every invoice it issues states. Managers and admins edit them
 * (every error at its field, the form as typed); other roles see them. Says what is still missing.
 */
export function VenueBillingPage({ ui, view, values, errors, saved, year }: PageProps) {
  const { t } = ui;
  const title = t('venue_billing.title', { venue: view.venue.name });
  const editor = can(ui.staff, 'catalog.write');
  const input = (name: BillingField, extra: { hint?: string; autocomplete?: string; inputmode?: 'numeric' } = {}) => (
    <InputField
      id={name}
      name={name}
      label={t(LABELS[name])}
      error={errors[name]}
      hint={extra.hint}
      type="text"
      autocomplete={extra.autocomplete ?? 'off'}
      inputmode={extra.inputmode}
      spellcheck={false}
      value={values[name]}
    />
  );
  const example = `${values.invoicePrefix.trim().toUpperCase() || 'GZ-AMS'}-${year}-000123`;
  return (
    <AdminLayout ui={ui} title={title}>
      {editor && (
        <p class="breadcrumb">
          <a href={`/admin/venues/${view.venue.id}`}>{t('venue_billing.back', { venue: view.venue.name })}</a>
        </p>
      )}
      <h1>{title}</h1>
      {saved && (
        <p class="notice success" role="status" data-testid="billing-saved">
          {t('venue_billing.saved')}
        </p>
      )}
      {view.missing.length > 0 && (
        <p class="warning" data-testid="billing-missing">
          {t('venue_billing.missing', { fields: missingLabels(ui, view.missing) })}
        </p>
      )}
      <p class="hint">{t('venue_billing.intro')}</p>
      {editor ? (
        <form method="post" action={billingPath(view.venue.id)} novalidate class="narrow-form" data-testid="billing-form">
          <CsrfField ui={ui} />
          <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
          {input('legalName', { hint: t('venue_billing.legal_name_hint'), autocomplete: 'organization' })}
          <fieldset>
            <legend>{t('venue_billing.address')}</legend>
            {input('street', { autocomplete: 'address-line1' })}
            {input('postcode', { autocomplete: 'postal-code' })}
            {input('city', { autocomplete: 'address-level2' })}
          </fieldset>
          {input('kvkNumber', { inputmode: 'numeric' })}
          {input('vatId', { hint: t('venue_billing.vat_id_hint') })}
          <fieldset>
            <legend>{t('venue_billing.payment')}</legend>
            {input('iban', { hint: t('venue_billing.iban_hint') })}
            {input('bic')}
            {input('termDays', { hint: t('venue_billing.term_days_hint'), inputmode: 'numeric' })}
          </fieldset>
          <fieldset>
            <legend>{t('venue_billing.numbering')}</legend>
            {input('invoicePrefix', { hint: t('venue_billing.invoice_prefix_hint', { example }) })}
          </fieldset>
          <button type="submit">{t('venue_billing.save')}</button>
        </form>
      ) : (
        <>
          <p>{t('venue_billing.read_only')}</p>
          <BillingSummary ui={ui} values={values} />
        </>
      )}
    </AdminLayout>
  );
}
