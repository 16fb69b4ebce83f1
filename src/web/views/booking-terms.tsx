import type { Venue } from '../../core/catalog/activity.js';
import type { VenueTerms } from '../../core/venues/venue-terms.js';
import { termsUrl } from '../venue-urls.js';
import { Paragraphs } from './venue-details.js';
import type { Ui } from './ui.js';

/**
 * The version of the terms the page shows ('' for none), which the booking sends back: a version
 * published in the meantime refuses the booking with terms_changed, so nobody accepts unread terms.
 */
export function TermsVersionField({ terms }: { terms: VenueTerms | undefined }) {
  return <input type="hidden" name="termsVersion" value={terms ? String(terms.version) : ''} />;
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

/** The box that accepts the terms, with its error above it and what it accepts as its label. */
export function AcceptTermsField({ checked, error, label }: { checked: boolean; error: string | undefined; label: string }) {
  return (
    <div class={error ? 'field checkbox field-error' : 'field checkbox'}>
      {error && (
        <p class="error" id="acceptTerms-error" data-testid="error-acceptTerms">
          {error}
        </p>
      )}
      <input
        id="acceptTerms"
        name="acceptTerms"
        type="checkbox"
        value="yes"
        required
        checked={checked}
        aria-describedby={error ? 'acceptTerms-error' : undefined}
        aria-invalid={error ? 'true' : undefined}
      />
      <label for="acceptTerms">{label}</label>
    </div>
  );
}
