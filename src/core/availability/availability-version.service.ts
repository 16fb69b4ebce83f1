import type { Db } from '../../db/schema.js';
import { readAvailabilityVersion } from './availability-version.repository.js';

/**
 * The version of what an activity's availability reads (its venue's and the platform's change
 * counters, see readAvailabilityVersion): an answer kept under it is still right while it holds.
 * Ask it before computing the answer. Undefined when no activity has that id or slug.
 */
export async function availabilityVersion(db: Db, by: { id: string } | { slug: string }): Promise<string | undefined> {
  return readAvailabilityVersion(db, by);
}
