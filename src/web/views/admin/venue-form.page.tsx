import type { Venue } from '../../../core/catalog/activity.js';
import type { VenueProfileForm } from '../../../core/venues/venue-profile.service.js';
import type { AdminUi } from './admin-ui.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import { type TermsPanelProps, VenueTermsPanel } from './venue-terms-panel.js';
import { type PaymentPanelProps, VenuePaymentPanel } from './venue-payment-panel.js';
import type { VenueBillingView } from '../../../core/invoices/venue-billing.service.js';
import { VenueBillingPanel } from './venue-billing.page.js';
import { VenueRetentionPanel } from './venue-retention.page.js';

const LABELS: Record<keyof VenueProfileForm, MessageKey> = {
  name: 'venue_form.name',
  city: 'venue_form.city',
  descriptionNl: 'venue_form.description_nl',
  descriptionEn: 'venue_form.description_en',
  street: 'venue_form.street',
  postcode: 'venue_form.postcode',
  addressCity: 'venue_form.address_city',
  contactPhone: 'venue_form.phone',
  contactEmail: 'venue_form.email',
  website: 'venue_form.website',
  routeNl: 'venue_form.route_nl',
  routeEn: 'venue_form.route_en',
};

type Input = { name: keyof VenueProfileForm; type?: string; autocomplete?: string; hint?: MessageKey };

interface ProfileProps {
  venue: Venue;
  values: VenueProfileForm;
  errors: FieldMessages;
  saved?: boolean;
}

/** The venue's profile form: every field, its error beside it, as typed when refused. */
function VenueProfileSection({ ui, venue, values, errors, saved = false }: ProfileProps & { ui: AdminUi }) {
  const { t } = ui;
  const input = ({ name, type = 'text', autocomplete, hint }: Input) => (
    <InputField
      id={name}
      name={name}
      label={t(LABELS[name])}
      error={errors[name]}
      hint={hint && t(hint)}
      type={type}
      autocomplete={autocomplete}
      value={values[name]}
    />
  );
  const textarea = (name: 'descriptionNl' | 'descriptionEn' | 'routeNl' | 'routeEn') => (
    <Field name={name} label={t(LABELS[name])} error={errors[name]}>
      {(describedBy, invalid) => (
        <textarea id={name} name={name} rows={5} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
          {values[name]}
        </textarea>
      )}
    </Field>
  );
  return (
    <section aria-labelledby="profile-title">
      <h2 id="profile-title">{t('venue_form.profile')}</h2>
      {saved && (
        <p class="notice success" role="status" data-testid="saved">
          {t('venue_form.saved')}
        </p>
      )}
      <p class="hint">{t('venue_form.profile_hint')}</p>
      <form method="post" action={`/admin/venues/${venue.id}`} novalidate class="narrow-form">
        <CsrfField ui={ui} />
        <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
        {input({ name: 'name', autocomplete: 'organization' })}
        {input({ name: 'city' })}
        {textarea('descriptionNl')}
        {textarea('descriptionEn')}
        <fieldset>
          <legend>{t('venue_form.address')}</legend>
          {input({ name: 'street', autocomplete: 'address-line1' })}
          {input({ name: 'postcode', autocomplete: 'postal-code' })}
          {input({ name: 'addressCity', autocomplete: 'address-level2' })}
        </fieldset>
        <fieldset>
          <legend>{t('venue_form.contact')}</legend>
          {input({ name: 'contactPhone', type: 'tel', autocomplete: 'tel' })}
          {input({ name: 'contactEmail', type: 'email', autocomplete: 'email', hint: 'venue_form.email_hint' })}
          {input({ name: 'website', type: 'url', autocomplete: 'url', hint: 'venue_form.website_hint' })}
        </fieldset>
        {textarea('routeNl')}
        {textarea('routeEn')}
        <button type="submit">{t('venue_form.save')}</button>
      </form>
    </section>
  );
}

interface Props {
  ui: AdminUi;
  venue: Venue;
  profile: Omit<ProfileProps, 'venue'>;
  terms: Omit<TermsPanelProps, 'venue'>;
  payment: PaymentPanelProps;
  billing: VenueBillingView;
}

/**
 * A venue in the back office, one section each: its profile, a link to its photos and logo (their
 * own page, for uploads), its payment settings (Mollie key, paying on invoice), whether its billing
 * details let it issue invoices (they have their own page), a link to its retention periods (their
 * own page), then its booking terms.
 */
export function VenueFormPage({ ui, venue, profile, terms, payment, billing }: Props) {
  const { t } = ui;
  const title = t('venue_form.title', { venue: venue.name });
  return (
    <AdminLayout ui={ui} title={title}>
      {ui.staff.venueId === null && (
        <p class="breadcrumb">
          <a href="/admin/venues">{t('venue_form.back')}</a>
        </p>
      )}
      <h1>{title}</h1>
      {billing.missing.length > 0 && <VenueBillingPanel ui={ui} view={billing} />}
      <VenueProfileSection ui={ui} venue={venue} {...profile} />
      <section class="panel" aria-labelledby="venue-photos">
        <h2 id="venue-photos">{t('photos.venue_section')}</h2>
        <p>
          <a href={`/admin/venues/${venue.id}/photos`} data-testid="venue-photos-link">
            {t('photos.manage_venue', { venue: venue.name })}
          </a>
        </p>
      </section>
      <VenuePaymentPanel ui={ui} venue={venue} {...payment} />
      {billing.missing.length === 0 && <VenueBillingPanel ui={ui} view={billing} />}
      <VenueRetentionPanel ui={ui} venueId={venue.id} />
      <VenueTermsPanel ui={ui} venue={venue} {...terms} />
    </AdminLayout>
  );
}
