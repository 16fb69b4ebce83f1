import type { Venue } from '../core/catalog/activity.js';

/** The public page of a venue's booking terms: the version given, or without one its current version. */
export function termsUrl(venue: Pick<Venue, 'slug'>, version?: number): string {
  const page = `/venues/${venue.slug}/terms`;
  return version === undefined ? page : `${page}/${version}`;
}

/** The public page that sells a venue's gift vouchers (or says they are sold at the venue). */
export function vouchersUrl(venue: Pick<Venue, 'slug'>): string {
  return `/venues/${venue.slug}/vouchers`;
}
