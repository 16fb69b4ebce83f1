import type { Tx } from '../../db/schema.js';
import type { Venue } from '../catalog/activity.js';
import { venueProfileColumns } from '../catalog/catalog.repository.js';

/** Writes a venue's profile; its id and slug never change here. */
export async function updateVenueRow(trx: Tx, venue: Venue): Promise<void> {
  await trx.updateTable('venues').set(venueProfileColumns(venue)).where('id', '=', venue.id).execute();
}
