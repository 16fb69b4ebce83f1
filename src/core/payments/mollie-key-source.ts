import type { PaymentTerms } from '../catalog/payment-terms.js';

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

/**
 * The payment terms an activity offers as the catalogue shows them: its own, but nothing online
 * (`venue`) when no key serves its venue, as a booking would then be placed.
 */
export function offeredPaymentTerms(
  activity: { payment: PaymentTerms; venue: { ownMollieKey: boolean } },
  platformKey: string | null,
): PaymentTerms {
  const online = mollieKeySource(activity.venue, platformKey) !== 'none';
  return online ? activity.payment : { ...activity.payment, mode: 'venue' };
}
