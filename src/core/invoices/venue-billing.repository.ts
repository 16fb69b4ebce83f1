import { sql } from 'kysely';
import type { Executor, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import { SELLER_COLUMNS, type SellerColumns } from './invoice-seller.js';
import type { VenueBillingColumns } from './venue-billing.js';

/** A venue's billing columns with what sellerOf reads besides (its contact details), its name and slug. */
export type VenueBillingRow = SellerColumns & { id: string; name: string; slug: string; invoice_term_days: number };

const COLUMNS = ['id', 'name', 'slug', ...SELLER_COLUMNS, 'invoice_term_days'] as const;

/** The billing details of the venues in the scope (one id, or all when none is given), by name. */
export async function listVenueBillingRows(db: Executor, scope: VenueScope, venueId?: string): Promise<VenueBillingRow[]> {
  let query = db.selectFrom('venues').select(COLUMNS).orderBy('name').orderBy('id');
  if (!scope.all) query = query.where('id', '=', scope.venueId);
  if (venueId !== undefined) query = query.where('id', '=', venueId);
  return query.execute();
}

/** Writes a venue's billing details. */
export async function updateVenueBilling(trx: Tx, venueId: string, columns: VenueBillingColumns): Promise<void> {
  await trx.updateTable('venues').set(columns).where('id', '=', venueId).execute();
}

/**
 * Whether a venue other than this one has the invoice prefix now, or has issued numbers with it
 * (`PREFIX-YYYY-NNNNNN`; a prefix holds only A-Z, 0-9 and '-', so it needs no escaping in LIKE).
 */
export async function isInvoicePrefixTaken(db: Executor, venueId: string, prefix: string): Promise<boolean> {
  const holder = await db
    .selectFrom('venues')
    .select('id')
    .where('invoice_prefix', '=', prefix)
    .where('id', '<>', venueId)
    .limit(1)
    .executeTakeFirst();
  if (holder) return true;
  const issued = await db
    .selectFrom('invoices')
    .select('id')
    .where('venue_id', '<>', venueId)
    .where(sql<boolean>`number like ${`${prefix}-____-______`}`)
    .limit(1)
    .executeTakeFirst();
  return issued !== undefined;
}

/** Most bookings whose invoices a save of complete billing details catches up at once. */
export const WITHHELD_CATCH_UP_LIMIT = 500;

/** The bookings of a venue whose history says an invoice was withheld (the action given), at most the limit. */
export async function listWithheldBookingIds(db: Executor, venueId: string, action: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('bookings')
    .select('bookings.id')
    .where('bookings.venue_id', '=', venueId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('activity_log')
          .select('activity_log.id')
          .whereRef('activity_log.venue_id', '=', 'bookings.venue_id')
          .whereRef('activity_log.target', '=', 'bookings.reference')
          .where('activity_log.action', '=', action),
      ),
    )
    // Caught up already: its documents stand, so a later save looks further.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('invoices').select('invoices.id').whereRef('invoices.booking_id', '=', 'bookings.id'))))
    .orderBy('bookings.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
