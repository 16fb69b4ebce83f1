import type { Venue } from '../../core/catalog/activity.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import { Paragraphs } from './venue-details.js';
import type { Ui } from './ui.js';

/** The public address of a version of a venue's terms. */
export function termsUrl(venue: Pick<Venue, 'slug'>, version: number): string {
  return `/venues/${venue.slug}/terms/${version}`;
}

/**
 * The terms an organiser accepts, before they book (the form and the review step): the text to
 * unfold in place, so the form keeps what was typed, and a link to the page of that version; or,
 * for a venue without published terms, that there are none.
 */
export function BookingTerms({ ui, venue, terms }: { ui: Ui; venue: Venue; terms: VenueTerms | undefined }) {
  const { t, lang } = ui;
  if (!terms) {
    return (
      <p class="notice" data-testid="no-terms">
        {t('booking.no_terms', { venue: venue.name })}
      </p>
    );
  }
  return (
    <div class="booking-terms" data-testid="booking-terms" data-version={String(terms.version)}>
      <details>
        <summary>{t('booking.terms_summary', { venue: venue.name, version: terms.version })}</summary>
        <div class="terms-text">
          <Paragraphs text={terms.text[lang]} />
        </div>
      </details>
      <p>
        <a href={termsUrl(venue, terms.version)} target="_blank" rel="noopener">
          {t('booking.terms_link')}
        </a>
      </p>
    </div>
  );
}
