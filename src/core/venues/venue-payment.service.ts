import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Venue } from '../catalog/activity.js';
import { isMollieKeyShape, openMollieKey, sealMollieKey } from '../payments/mollie-key.js';
import { type MollieKeySource, mollieKeySource } from '../payments/mollie-key-source.js';
import type { PaymentContext } from '../payments/payment-context.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, refused } from '../shared/field-errors.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import { findVenueMollieKey, updateVenueMollieKey, updateVenuePoRequired } from './venue-payment.repository.js';
import { type VenueMember, venueFor } from './venue-profile.service.js';
import { lockVenueInScope } from './venue.repository.js';

export type MollieKeyMode = 'test' | 'live';

/** What the venue's page says of its Mollie key; the key itself is never shown back. */
export interface MollieKeyStatus {
  /** Which key serves the venue's online payments: its own, the platform's, or none (then none is offered). */
  source: MollieKeySource;
  /** The venue's own key, when it has one: its last four characters and mode (null when it cannot be opened), when it was checked. */
  own: { ending: string; mode: MollieKeyMode; checkedAt: Date | null } | { ending: null; mode: null; checkedAt: Date | null } | null;
}

function modeOf(apiKey: string): MollieKeyMode {
  return apiKey.startsWith('live_') ? 'live' : 'test';
}

/** The venue's key as its page describes it (a venue of the member's scope). */
export async function readMollieKeyStatus(
  db: Db,
  context: Pick<PaymentContext, 'settings' | 'secretKey'>,
  member: VenueMember,
  venueId: string,
): Promise<MollieKeyStatus> {
  const venue = await venueFor(db, member, venueId);
  const stored = await findVenueMollieKey(db, venue.id);
  const source = mollieKeySource({ ownMollieKey: stored.sealed !== null }, context.settings.platformKey);
  if (stored.sealed === null) return { source, own: null };
  const checkedAt = stored.checkedAt === null ? null : new Date(stored.checkedAt);
  try {
    const apiKey = openMollieKey(context.secretKey, venue.id, stored.sealed);
    return { source, own: { ending: apiKey.slice(-4), mode: modeOf(apiKey), checkedAt } };
  } catch {
    // Sealed under another platform key (or moved from another venue's row): set, but of no use.
    return { source, own: { ending: null, mode: null, checkedAt } };
  }
}

/**
 * Sets the venue's own Mollie key (a manager of the venue or an admin): its shape checked, a live
 * key only on an https platform (Mollie must reach the webhook), a test key there only when the
 * platform's own key is a test key too (it runs in test mode), then checked with Mollie itself;
 * a key Mollie refuses, or one that cannot be checked now, is not saved. Stored sealed, bound to
 * the venue, with the time of the check; the activity log names the mode, never the key.
 */
export async function setVenueMollieKey(
  db: Db,
  clock: Clock,
  context: PaymentContext,
  member: VenueMember,
  venueId: string,
  typed: string,
): Promise<FormResult<MollieKeyMode>> {
  const venue = await venueFor(db, member, venueId);
  const apiKey = typed.trim();
  if (apiKey === '') return refused('mollieKey', 'required');
  if (!isMollieKeyShape(apiKey)) return refused('mollieKey', 'mollie_key_shape');
  const mode = modeOf(apiKey);
  const https = new URL(context.publicUrl).protocol === 'https:';
  if (mode === 'live' && !https) return refused('mollieKey', 'mollie_live_needs_https');
  // At a test key's checkout anyone may choose "paid": on a platform in production (https) that
  // would confirm real bookings unpaid. Only a platform that itself runs in test mode (its own
  // key a test key) takes test keys of its venues there.
  if (mode === 'test' && https && !(context.settings.platformKey ?? '').startsWith('test_')) {
    return refused('mollieKey', 'mollie_test_on_live');
  }
  const check = await context.settings.provider.checkKey(apiKey);
  if (check === 'invalid') return refused('mollieKey', 'mollie_key_refused');
  if (check === 'unreachable') return refused('mollieKey', 'mollie_unreachable');
  await db.transaction().execute(async (trx) => {
    if (!(await lockVenueInScope(trx, venueScopeOf(member), venue.id))) throw new DomainError('not_found');
    const now = clock.now().toISOString();
    await updateVenueMollieKey(trx, venue.id, sealMollieKey(context.secretKey, venue.id, apiKey), now);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: venue.id,
      action: 'venue.mollie_key_set',
      target: venue.slug,
      detail: { mode },
    });
  });
  return { ok: true, value: mode };
}

/** Removes the venue's own key: its payments then go through the platform's key, if any. Nothing to remove writes nothing. */
export async function removeVenueMollieKey(db: Db, clock: Clock, member: VenueMember, venueId: string): Promise<void> {
  const venue = await venueFor(db, member, venueId);
  await db.transaction().execute(async (trx) => {
    if (!(await lockVenueInScope(trx, venueScopeOf(member), venue.id))) throw new DomainError('not_found');
    if ((await findVenueMollieKey(trx, venue.id)).sealed === null) return;
    await updateVenueMollieKey(trx, venue.id, null, null);
    await recordActivity(trx, clock, { actor: member, venueId: venue.id, action: 'venue.mollie_key_removed', target: venue.slug });
  });
}

/** Whether organisations paying on invoice must give their own reference (PO number); logged when it changes. */
export async function setVenuePoRequired(db: Db, clock: Clock, member: VenueMember, venueId: string, required: boolean): Promise<Venue> {
  const venue = await venueFor(db, member, venueId);
  return db.transaction().execute(async (trx) => {
    const current = await lockVenueInScope(trx, venueScopeOf(member), venue.id);
    if (!current) throw new DomainError('not_found');
    if (current.poRequired === required) return current;
    await updateVenuePoRequired(trx, venue.id, required);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: venue.id,
      action: 'venue.invoicing_changed',
      target: venue.slug,
      detail: { poRequired: required },
    });
    return { ...current, poRequired: required };
  });
}
