import { addressLine, type Venue, type VenueAddress } from '../../core/catalog/activity.js';
import type { VenuePhotos } from '../../core/photos/photo.js';
import { ActivityPhoto } from './activity-photo.js';
import { isHttpsUrl } from '../../core/shared/https-url.js';
import type { Ui } from './ui.js';

/** A text typed with blank lines between paragraphs, as paragraphs. */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean)
        .map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
    </>
  );
}

/**
 * A route planner for the address: a plain link to OpenStreetMap's directions, which asks the
 * visitor where they start. No map or script from elsewhere on our pages.
 */
export function routePlannerUrl(address: VenueAddress): string {
  return `https://www.openstreetmap.org/directions?to=${encodeURIComponent(addressLine(address))}`;
}

/** A phone number as a tel: link takes it: digits and a leading plus (the link's text keeps its spaces, unbreakable). */
function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/**
 * How organisers reach the venue: address with a route planner link, phone, e-mail, website;
 * whatever it gave. Nothing when it gave none. On every page that sends the organiser to the venue.
 */
export function VenueContact({ ui, venue }: { ui: Ui; venue: Venue }) {
  const { address, contactPhone: phone, contactEmail: email } = venue;
  // Only an https address becomes a link, whatever was stored (the profile's checks refuse any other).
  const website = venue.website !== null && isHttpsUrl(venue.website) ? venue.website : null;
  if (!address && !phone && !email && !website) return null;
  return (
    <div class="venue-contact" data-testid="venue-contact">
      <p>{ui.t('activity.contact', { venue: venue.name })}</p>
      <ul>
        {address && (
          <li data-testid="venue-address">
            {addressLine(address)} · <a href={routePlannerUrl(address)}>{ui.t('venue.route_planner')}</a>
          </li>
        )}
        {phone && (
          <li>
            <a href={telHref(phone)}>{phone.replace(/ /g, '\u00a0')}</a>
          </li>
        )}
        {email && (
          <li>
            <a href={`mailto:${email}`}>{email}</a>
          </li>
        )}
        {website && (
          <li>
            <a href={website}>{website.replace(/^https:\/\//, '').replace(/\/$/, '')}</a>
          </li>
        )}
      </ul>
    </div>
  );
}

/** What the venue says about itself, its logo and photos, and how to get there and park, when it gave them. */
export function VenueAbout({ ui, venue, photos }: { ui: Ui; venue: Venue; photos: VenuePhotos }) {
  const { t, lang } = ui;
  if (!venue.description && !venue.route && !photos.logo && photos.photos.length === 0) return null;
  return (
    <section class="venue-about" data-testid="venue-about">
      <h2>{t('venue.about', { venue: venue.name })}</h2>
      {photos.logo && <ActivityPhoto ui={ui} photo={photos.logo} sizes="6rem" loading="lazy" class="venue-logo" />}
      {venue.description && <Paragraphs text={venue.description[lang]} />}
      {photos.photos.length > 0 && (
        <ul class="photo-row" data-testid="venue-photos">
          {photos.photos.map((photo) => (
            <li key={photo.id}>
              <ActivityPhoto ui={ui} photo={photo} sizes="(min-width: 40rem) 18rem, 50vw" loading="lazy" />
            </li>
          ))}
        </ul>
      )}
      {venue.route && (
        <>
          <h3>{t('venue.getting_there')}</h3>
          <Paragraphs text={venue.route[lang]} />
        </>
      )}
    </section>
  );
}
