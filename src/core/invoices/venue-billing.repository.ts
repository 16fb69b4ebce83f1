import type { Executor, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { SellerColumns } from './invoice-seller.js';
import type { VenueBillingColumns } from './venue-billing.js';

/** A venue's billing columns with what sellerOf reads besides (its contact details), its name and slug. */
export type VenueBillingRow = SellerColumns & { id: string; name: string; slug: string; invoice_term_days: number };

const COLUMNS = [
  'id',
  'name',
  'slug',
  'billing_legal_name',
  'billing_street',
  'billing_postcode',
  'billing_city',
  'kvk_number',
  'vat_id',
  'iban',
  'bic',
  'invoice_prefix',
  'invoice_term_days',
  'contact_email',
  'contact_phone',
] as const;

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
