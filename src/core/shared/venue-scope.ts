/**
 * The venues a member may see: every venue for an admin, else their own. Every query for venue
 * data takes this scope, so an id from another venue simply finds nothing.
 */
export type VenueScope = { all: true } | { all: false; venueId: string };
