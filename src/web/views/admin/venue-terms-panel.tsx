import type { Venue } from '../../../core/catalog/activity.js';
import { formatDate } from '../../../core/i18n/format.js';
import type { TermsForm } from '../../../core/venues/venue-terms.service.js';
import type { VenueTerms } from '../../../core/venues/venue-terms.js';
import type { AdminUi } from './admin-ui.js';
import { termsUrl } from '../../venue-urls.js';
import { ErrorSummary, Field } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { CsrfField } from './admin-layout.js';

export interface TermsPanelProps {
  venue: Venue;
  /** Every published version, newest first. */
  versions: VenueTerms[];
  values: TermsForm;
  errors: FieldMessages;
  /** The version just published, for the notice. */
  published?: number | undefined;
}

const LABELS = { textNl: 'terms_admin.text_nl', textEn: 'terms_admin.text_en' } as const;

/** A venue's booking terms in the back office: the current version, every version's page, and the form for the next one. */
export function VenueTermsPanel({ ui, venue, versions, values, errors, published }: TermsPanelProps & { ui: AdminUi }) {
  const { t, lang } = ui;
  const current = versions[0];
  return (
    <section data-testid="terms-panel" aria-labelledby="terms-title">
      <h2 id="terms-title">{t('terms_admin.title')}</h2>
      {published !== undefined && (
        <p class="notice success" role="status" data-testid="terms-published">
          {t('terms_admin.published', { version: published })}
        </p>
      )}
      <p class="hint">{t('terms_admin.intro')}</p>
      <p data-testid="terms-current">
        {current
          ? t('terms_admin.current', { version: current.version, date: formatDate(current.publishedAt, lang) })
          : t('terms_admin.none')}
      </p>
      {versions.length > 0 && (
        <>
          <h3>{t('terms_admin.versions')}</h3>
          <ul>
            {versions.map((terms) => (
              <li key={terms.version}>
                <a href={termsUrl(venue, terms.version)}>
                  {t('terms_admin.version_link', { version: terms.version, date: formatDate(terms.publishedAt, lang) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('terms_admin.new')}</h3>
      <form method="post" action={`/admin/venues/${venue.id}/terms`} novalidate class="narrow-form">
        <CsrfField ui={ui} />
        <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
        {current && <p class="hint">{t('terms_admin.new_hint')}</p>}
        {(['textNl', 'textEn'] as const).map((name) => (
          <Field key={name} name={name} label={t(LABELS[name])} error={errors[name]}>
            {(describedBy, invalid) => (
              <textarea id={name} name={name} rows={12} aria-describedby={describedBy} aria-invalid={invalid ? 'true' : undefined}>
                {values[name]}
              </textarea>
            )}
          </Field>
        ))}
        <button type="submit">{t('terms_admin.publish')}</button>
      </form>
    </section>
  );
}
