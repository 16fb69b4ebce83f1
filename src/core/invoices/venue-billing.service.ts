import type { Db } from '../../db/schema.js';
import type { NumberWriting } from '../catalog/admin-fields.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import type { FormResult } from '../shared/field-errors.js';
import { venueScopeOf } from '../shared/venue-scope.js';
import { can, type StaffMember } from '../staff/staff.js';
import type { VenueMember } from '../venues/venue-profile.service.js';
import { lockVenueInScope } from '../venues/venue.repository.js';
import { reconcileInvoices, WITHHELD_ACTION } from './invoice-issuing.service.js';
import { type SellerField, sellerOf } from './invoice-seller.js';
import {
  parseVenueBilling,
  VENUE_BILLING_FIELDS,
  type VenueBillingForm,
  venueBillingColumnsOf,
  venueBillingFormOf,
} from './venue-billing.js';
import {
  isInvoicePrefixTaken,
  listVenueBillingRows,
  listWithheldBookingIds,
  updateVenueBilling,
  type VenueBillingRow,
  WITHHELD_CATCH_UP_LIMIT,
} from './venue-billing.repository.js';

/** The staff member who reads or changes billing details: who they are, their role, the venues they reach. */
export type BillingMember = VenueMember & Pick<StaffMember, 'role'>;

/** A venue's billing details as its page shows them, and what an invoice still needs of them. */
export interface VenueBillingView {
  venue: { id: string; name: string; slug: string };
  /** The stored details as the form shows them. */
  form: VenueBillingForm;
  /** The details an invoice cannot go without that are still missing (none: the venue can issue invoices). */
  missing: SellerField[];
}

function viewOf(row: VenueBillingRow): VenueBillingView {
  const seller = sellerOf(row);
  return {
    venue: { id: row.id, name: row.name, slug: row.slug },
    form: venueBillingFormOf(row),
    missing: seller.ok ? [] : seller.missing,
  };
}

/** The billing details of a venue in the member's scope (any role may look), or not_found: another venue's id finds nothing. */
export async function readVenueBilling(db: Db, member: BillingMember, venueId: string): Promise<VenueBillingView> {
  const [row] = await listVenueBillingRows(db, venueScopeOf(member), venueId);
  if (!row) throw new DomainError('not_found');
  return viewOf(row);
}

/** The venues of the member's scope that cannot issue invoices yet, each with what it misses, by name. */
export async function listVenuesMissingBilling(db: Db, member: BillingMember): Promise<VenueBillingView[]> {
  const rows = await listVenueBillingRows(db, venueScopeOf(member));
  return rows.map(viewOf).filter((view) => view.missing.length > 0);
}

/**
 * Saves the billing details of a venue in the member's scope (a manager their own venue's, an admin
 * any; other roles not_allowed, another venue not_found), with an activity log entry naming the
 * fields that changed (never their values). A refused form saves nothing; a form that changes
 * nothing writes nothing. The venue's row is locked while it is read and written, so of two saves at
 * once the second logs only what it changed itself. A new invoice prefix only changes how numbers
 * issued from then on print: numbers count per venue per year, whatever the prefix. A prefix another
 * venue has, or has issued numbers with, is refused (invoice numbers are unique across venues).
 * Details saved complete catch up, in the same transaction, the invoices withheld while they were
 * not (the bookings whose history says so, at most WITHHELD_CATCH_UP_LIMIT per save). The term is
 * read as written in `lang`, the page's language.
 */
export async function saveVenueBilling(
  db: Db,
  clock: Clock,
  member: BillingMember,
  venueId: string,
  form: Partial<VenueBillingForm>,
  lang: NumberWriting,
): Promise<FormResult<VenueBillingView>> {
  if (!can(member, 'catalog.write')) throw new DomainError('not_allowed');
  await readVenueBilling(db, member, venueId);
  const parsed = parseVenueBilling(form, lang);
  if (!parsed.ok) return parsed;
  const result = await db.transaction().execute(async (trx): Promise<FormResult<VenueBillingView>> => {
    const scope = venueScopeOf(member);
    if (!(await lockVenueInScope(trx, scope, venueId))) throw new DomainError('not_found');
    const [current] = await listVenueBillingRows(trx, scope, venueId);
    if (!current) throw new DomainError('not_found');
    const before = venueBillingFormOf(current);
    const columns = venueBillingColumnsOf(parsed.value);
    const prefix = columns.invoice_prefix;
    if (prefix !== null && prefix !== current.invoice_prefix && (await isInvoicePrefixTaken(trx, venueId, prefix))) {
      return { ok: false, errors: [{ field: 'invoicePrefix', code: 'invoice_prefix_taken' }] };
    }
    const after = venueBillingFormOf(columns);
    const changed = VENUE_BILLING_FIELDS.filter((field) => before[field] !== after[field]);
    const updated: VenueBillingRow = { ...current, ...columns };
    if (changed.length === 0) return { ok: true, value: viewOf(updated) };
    await updateVenueBilling(trx, venueId, columns);
    await recordActivity(trx, clock, {
      actor: member,
      venueId,
      action: 'venue.billing_changed',
      target: current.slug,
      detail: { changed: changed.join(',') },
    });
    if (sellerOf(updated).ok) {
      for (const bookingId of await listWithheldBookingIds(trx, venueId, WITHHELD_ACTION, WITHHELD_CATCH_UP_LIMIT)) {
        await reconcileInvoices(trx, clock, bookingId);
      }
    }
    return { ok: true, value: viewOf(updated) };
  });
  return result;
}
