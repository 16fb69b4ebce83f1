import type { Venue } from '../../core/catalog/activity.js';
import { formatDate } from '../../core/i18n/format.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import { termsUrl } from '../venue-urls.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';
import { Paragraphs } from './venue-details.js';

interface Props {
  ui: Ui;
  venue: Venue;
  /** The version shown; undefined when the venue published none. */
  terms: VenueTerms | undefined;
  /** Whether `terms` is the venue's current version (an address with a version may name an earlier one). */
  current: boolean;
}

/** A venue's booking terms: the current version or an earlier one, as the organiser accepted it. */
export function VenueTermsPage({ ui, venue, terms, current }: Props) {
  const { t, lang } = ui;
  const title = t('terms.title', { venue: venue.name });
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      {terms ? (
        <>
          <p class="meta" data-testid="terms-version">
            {t('terms.version', { version: terms.version, date: formatDate(terms.publishedAt, lang) })}
          </p>
          {!current && (
            <p class="notice">
              {t('terms.older')} <a href={termsUrl(venue)}>{t('terms.current_link')}</a>
            </p>
          )}
          <div class="terms-text" data-testid="terms-text">
            <Paragraphs text={terms.text[lang]} />
          </div>
        </>
      ) : (
        <p data-testid="no-terms">{t('terms.none', { venue: venue.name })}</p>
      )}
    </Layout>
  );
}
