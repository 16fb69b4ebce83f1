import type { Executor } from '../../db/schema.js';
import { hashToken } from '../shared/ids.js';
import { seal, unseal } from '../staff/secret-box.js';
import { DomainError } from '../shared/errors.js';
import type { PaymentSettings } from './payment-settings.js';
import { type ProviderPayment, ProviderUnavailable } from './payment-provider.js';
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
 * Which Mollie account a key takes payments into, as recorded with each payment (and shown to
 * staff): whose key it is, its mode and last four characters, and a digest that tells two keys
 * apart, e.g. `venue:test_…0002:3f9c2a71b0de`. Nothing that would let anyone use the key.
 */
export function mollieAccountOf(source: 'venue' | 'platform', apiKey: string): string {
  const mode = apiKey.startsWith('live_') ? 'live' : 'test';
  return `${source}:${mode}_…${apiKey.slice(-4)}:${hashToken(apiKey).slice(0, 12)}`;
}

/** A key Groupz can use for a venue, and the account it is (mollieAccountOf). */
export interface MollieAccount {
  apiKey: string;
  account: string;
}

/** The venue's own key when it opens, undefined when none is set, null when it is set but does not open. */
async function ownKeyOf(db: Executor, secretKey: Buffer, venueId: string): Promise<string | null | undefined> {
  const sealed = await findSealedMollieKey(db, venueId);
  if (sealed === null) return undefined;
  try {
    return openMollieKey(secretKey, venueId, sealed);
  } catch {
    return null;
  }
}

/**
 * The key Groupz takes a venue's payments with, and its account: its own, else the platform's;
 * null when neither is set, and online payment is then not offered for the venue. Also null when
 * the venue's own key cannot be opened (sealed under an earlier platform secret, or copied from
 * another venue's row): no payment page, return page or webhook fails on it, online payment is
 * simply not offered (`payment_unavailable`), and the venue's page tells staff the key is set but
 * of no use (venue-payment.service.ts) so a manager enters it again. Nothing of the key is logged.
 */
export async function mollieAccountFor(
  db: Executor,
  secretKey: Buffer,
  settings: PaymentSettings,
  venueId: string,
): Promise<MollieAccount | null> {
  const own = await ownKeyOf(db, secretKey, venueId);
  if (own === undefined) return settings.platformKey === null ? null : platformAccount(settings.platformKey);
  return own === null ? null : { apiKey: own, account: mollieAccountOf('venue', own) };
}

const platformAccount = (apiKey: string): MollieAccount => ({ apiKey, account: mollieAccountOf('platform', apiKey) });

/** The key Groupz takes a venue's payments with (mollieAccountFor), or null. */
export async function mollieKeyFor(db: Executor, secretKey: Buffer, settings: PaymentSettings, venueId: string): Promise<string | null> {
  return (await mollieAccountFor(db, secretKey, settings, venueId))?.apiKey ?? null;
}

/**
 * The key of the account that took a payment, so that its refunds go back there: the venue's own
 * key or the platform's, whichever is still that account; null when neither is any more (the key
 * was replaced or removed), and nothing may be sent with another account's key. A payment from
 * before accounts were recorded (`provider_account` null) uses the venue's key now.
 */
export async function mollieKeyOfPayment(
  db: Executor,
  secretKey: Buffer,
  settings: PaymentSettings,
  payment: { venue_id: string; provider_account: string | null },
): Promise<string | null> {
  if (payment.provider_account === null) return mollieKeyFor(db, secretKey, settings, payment.venue_id);
  const own = await ownKeyOf(db, secretKey, payment.venue_id);
  const candidates = [
    ...(typeof own === 'string' ? [{ apiKey: own, account: mollieAccountOf('venue', own) }] : []),
    ...(settings.platformKey === null ? [] : [platformAccount(settings.platformKey)]),
  ];
  return candidates.find((candidate) => candidate.account === payment.provider_account)?.apiKey ?? null;
}

/**
 * A payment as Mollie has it now (undefined when Mollie does not know it), asked with the key of
 * the account that took it (mollieKeyOfPayment). Throws `payment_unavailable` when no such key is
 * here or Mollie does not answer: the caller tries again later.
 */
export async function fetchProviderPayment(
  db: Executor,
  secretKey: Buffer,
  settings: PaymentSettings,
  payment: { venue_id: string; provider_account: string | null; provider_id: string },
): Promise<ProviderPayment | undefined> {
  const apiKey = await mollieKeyOfPayment(db, secretKey, settings, payment);
  if (apiKey === null) throw new DomainError('payment_unavailable');
  try {
    return await settings.provider.getPayment(apiKey, payment.provider_id);
  } catch (error) {
    if (error instanceof ProviderUnavailable) throw new DomainError('payment_unavailable');
    throw error;
  }
}
