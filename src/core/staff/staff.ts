/** Who works in the back office, and what each role may do. */
export const ROLES = ['admin', 'manager', 'staff', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export interface StaffMember {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** null for the platform's admins, who see every venue. */
  venueId: string | null;
  /** Both a password and a confirmed second factor: the account can log in. */
  active: boolean;
  disabled: boolean;
  createdAt: string;
}

/**
 * What a role may do. Admins run the platform; managers run one venue including its staff;
 * staff handle its bookings and slots; viewers only look.
 */
export type Permission =
  | 'bookings.read'
  | 'bookings.write'
  | 'catalog.write'
  | 'slots.write'
  | 'staff.manage'
  | 'activity_log.read'
  | 'platform.security'
  | 'platform.backups'
  | 'platform.privacy'
  /** Requests of data subjects: find, export and erase a person's data (core/privacy/data-requests.service.ts). */
  | 'privacy.requests';

const PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    'bookings.read',
    'bookings.write',
    'catalog.write',
    'slots.write',
    'staff.manage',
    'activity_log.read',
    'platform.security',
    'platform.backups',
    'platform.privacy',
    'privacy.requests',
  ],
  manager: ['bookings.read', 'bookings.write', 'catalog.write', 'slots.write', 'staff.manage', 'activity_log.read', 'privacy.requests'],
  staff: ['bookings.read', 'bookings.write', 'slots.write'],
  viewer: ['bookings.read'],
};

export function can(member: Pick<StaffMember, 'role'>, permission: Permission): boolean {
  return PERMISSIONS[member.role].includes(permission);
}

/** Each role's rank: a manager acts only on the roles below theirs. */
const RANK: Record<Role, number> = { admin: 3, manager: 2, staff: 1, viewer: 0 };

/** Whether `member` may act on an account of `role`: an admin on anyone, a manager on the roles below theirs. */
export function actsOn(member: Pick<StaffMember, 'role'>, role: Role): boolean {
  return can(member, 'staff.manage') && (member.role === 'admin' || RANK[role] < RANK[member.role]);
}

/** Whether `member` ranks above `role`: only then may a setup link for such an account reach their screen. */
export function outranks(member: Pick<StaffMember, 'role'>, role: Role): boolean {
  return RANK[member.role] > RANK[role];
}

/** Roles a member may give to others: an admin any, a manager those below manager (only admins act on managers). */
export function assignableRoles(member: Pick<StaffMember, 'role'>): Role[] {
  return can(member, 'staff.manage') ? ROLES.filter((role) => actsOn(member, role)) : [];
}
