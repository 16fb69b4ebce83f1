import type { StaffActor } from '../src/core/booking-flows/booking-admin.service.js';
import type { StaffMember } from '../src/core/staff/staff.js';
import { insertStaff } from '../src/core/staff/staff.repository.js';
import type { Db } from '../src/db/schema.js';

/** A platform admin for service tests that act as staff without signing in. */
export const TEST_ADMIN: StaffMember = {
  id: 'admin-1',
  email: 'admin@groupz.test',
  name: 'Admin',
  role: 'admin',
  venueId: null,
  active: true,
  disabled: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** A member of a venue's staff in `role` (id `manager-1`, manager@venue.test), for service tests that act as staff without signing in. */
export function venueMember(
  role: Exclude<StaffMember['role'], 'admin'>,
  venueId: string,
): Pick<StaffMember, 'id' | 'email' | 'role' | 'venueId'> {
  return { id: `${role}-1`, email: `${role}@venue.test`, role, venueId };
}

export const TEST_ADMIN_ACTOR: StaffActor = { member: TEST_ADMIN, client: null };

/** Stores TEST_ADMIN as a staff row, for services that record who acted by a reference to it. */
export async function storeTestAdmin(db: Db, at: string): Promise<void> {
  await insertStaff(db, {
    ...{ id: TEST_ADMIN.id, email: TEST_ADMIN.email, name: TEST_ADMIN.name, role: TEST_ADMIN.role, venue_id: null },
    ...{ password_hash: null, totp_secret: null, totp_pending_secret: null, totp_last_step: null },
    ...{ setup_token_hash: null, setup_expires_at: null, disabled_at: null, created_at: at, updated_at: at },
  });
}
