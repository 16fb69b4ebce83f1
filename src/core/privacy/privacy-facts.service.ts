import type { Executor } from '../../db/schema.js';
import { listVenues } from '../catalog/catalog.repository.js';
import { buildPrivacyFacts, type PrivacyFacts, type PrivacySettings } from './privacy-facts.js';
import { listVenueRetentionChoices } from './retention.repository.js';

/**
 * The privacy facts as they are now: the live settings with every venue and its own retention
 * choice, read from the database. The statement and the register both ask here.
 */
export async function readPrivacyFacts(db: Executor, settings: PrivacySettings): Promise<PrivacyFacts> {
  const choices = await listVenueRetentionChoices(db);
  const venues = await listVenues(db);
  return buildPrivacyFacts(
    settings,
    venues.map((venue) => ({
      id: venue.id,
      name: venue.name,
      slug: venue.slug,
      city: venue.city,
      contactEmail: venue.contactEmail,
      ownMollieKey: venue.ownMollieKey,
      choice: choices.get(venue.id) ?? null,
    })),
  );
}
