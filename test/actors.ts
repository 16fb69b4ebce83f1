import type { StaffActor } from '../src/core/booking-flows/booking-admin.service.js';
import type { StaffMember } from '../src/core/staff/staff.js';

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

export const TEST_ADMIN_ACTOR: StaffActor = { member: TEST_ADMIN, client: null };
