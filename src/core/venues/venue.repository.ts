import { lockRow } from '../../db/lock-row.js';
import type { Tx } from '../../db/schema.js';
import type { Venue } from '../catalog/activity.js';
import { findVenueInScope } from '../catalog/activity-admin.repository.js';
import { venueProfileColumns } from '../catalog/catalog.repository.js';
import type { VenueScope } from '../shared/venue-scope.js';

/** A venue of the scope, read under its row's lock, which holds until the transaction ends. */
export async function lockVenueInScope(trx: Tx, scope: VenueScope, id: string): Promise<Venue | undefined> {
  await lockRow(trx, 'venues', id);
  return findVenueInScope(trx, scope, id);
}

/** Writes a venue's profile; its id and slug never change here. */
export async function updateVenueRow(trx: Tx, venue: Venue): Promise<void> {
  await trx.updateTable('venues').set(venueProfileColumns(venue)).where('id', '=', venue.id).execute();
}
