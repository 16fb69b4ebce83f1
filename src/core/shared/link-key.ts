import { hkdfSync } from 'node:crypto';

/**
 * The key links are made with, derived once from the platform's secret key: the bookings' private
 * links (bookings/booking-links.ts) and the staff's setup links (staff/setup-links.ts).
 */
export type LinkKey = Buffer & { readonly __brand: 'LinkKey' };

export function deriveLinkKey(secretKey: Buffer): LinkKey {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'groupz booking links v1', 32)) as LinkKey;
}
