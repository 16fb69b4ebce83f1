/**
 * The venues a member may see: every venue for an admin, else their own. Every query for venue
 * data takes this scope, so an id from another venue simply finds nothing. Here rather than in
 * core/staff, which builds on catalog/ and activity-log/: those take a scope too.
 */
export type VenueScope = { all: true } | { all: false; venueId: string };

/** What a scope follows from: a staff member's role and venue (null for the platform's admins). */
export interface ScopedMember {
  role: string;
  venueId: string | null;
}

export function venueScopeOf(member: ScopedMember): VenueScope {
  return member.role === 'admin' || member.venueId === null ? { all: true } : { all: false, venueId: member.venueId };
}
