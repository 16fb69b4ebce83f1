import type { Executor } from '../../db/schema.js';
import { seal, unseal } from '../staff/secret-box.js';
import type { PaymentSettings } from './payment-settings.js';
import { findSealedMollieKey } from './payments.repository.js';

/**
 * A venue's own Mollie API key is sealed under the platform key like the TOTP secrets, bound to
 * its venue: a stolen database alone takes no money, and a sealed key copied to another venue's
 * row does not open.
 */
function boundTo(venueId: string): string {
  return `mollie-key:${venueId}`;
}

export function sealMollieKey(secretKey: Buffer, venueId: string, apiKey: string): string {
  return seal(secretKey, apiKey, boundTo(venueId));
}

/** Opens a venue's sealed key; throws when it was sealed under another platform key or for another venue. */
export function openMollieKey(secretKey: Buffer, venueId: string, sealed: string): string {
  return unseal(secretKey, sealed, boundTo(venueId));
}

/** Whether a text looks like a Mollie API key (test_ or live_ and 30 letters or digits). */
export function isMollieKeyShape(value: string): boolean {
  return /^(test|live)_[A-Za-z0-9]{30}$/.test(value);
}

/**
 * The key Groupz takes a venue's payments with: its own, else the platform's; null when neither
 * is set, and online payment is then not offered for the venue. Also null when the venue's own
 * key cannot be opened (sealed under an earlier platform secret, or copied from another venue's
 * row): no payment page, return page or webhook fails on it, online payment is simply not
 * offered (`payment_unavailable`), and the venue's page tells staff the key is set but of no use
 * (venue-payment.service.ts) so a manager enters it again. Nothing of the key is logged.
 */
export async function mollieKeyFor(db: Executor, secretKey: Buffer, settings: PaymentSettings, venueId: string): Promise<string | null> {
  const sealed = await findSealedMollieKey(db, venueId);
  if (sealed === null) return settings.platformKey;
  try {
    return openMollieKey(secretKey, venueId, sealed);
  } catch {
    return null;
  }
}
