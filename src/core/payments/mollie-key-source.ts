/**
 * Which Mollie key serves a venue's online payments: its own (entered in the back office), else
 * the platform's (GROUPZ_MOLLIE_API_KEY), else none, and then online payment is not offered: an
 * activity asking for it is booked as paid at the venue, and the back office says why.
 */
export type MollieKeySource = 'own' | 'platform' | 'none';

export function mollieKeySource(venue: { ownMollieKey: boolean }, platformKey: string | null): MollieKeySource {
  if (venue.ownMollieKey) return 'own';
  return platformKey === null ? 'none' : 'platform';
}
