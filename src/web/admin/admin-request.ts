import type { FastifyRequest } from 'fastify';
import type { Session } from '../../core/staff/session.service.js';
import { can, type Permission, type StaffMember } from '../../core/staff/staff.js';
import { HttpError } from '../plugins/errors.js';

// What the admin scope's hook (admin-scope.ts) puts on every request, and the check routes make
// on it. Apart from admin-scope.ts, which registers the routes: importing from there would put
// every admin route in an import cycle.

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member; set by the admin scope's hook before any admin route runs. */
    staff: StaffMember;
    staffSession: Session;
  }
}

/** Refuses a member without the permission, before the handler does anything. */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  if (!can(request.staff, permission)) throw new HttpError(403, 'forbidden');
}
