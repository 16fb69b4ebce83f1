import type { FastifyRequest } from 'fastify';
import type { AuthSettings } from '../app-context.js';
import type { StaffMember } from '../../core/staff/staff.js';
import { uiFor } from '../plugins/language.js';
import type { Ui } from '../views/ui.js';
import { csrfTokenFor } from './csrf.js';

/** What a back-office page needs beyond a public one: who is signed in, the form token, the idle limit. */
export interface AdminUi extends Ui {
  staff: StaffMember;
  csrf: string;
  idleTimeoutSeconds: number;
}

export function adminUiFor(request: FastifyRequest, auth: AuthSettings): AdminUi {
  return {
    ...uiFor(request),
    staff: request.staff,
    csrf: csrfTokenFor(auth.secretKey, request.staffSession.tokenHash),
    idleTimeoutSeconds: auth.idleTimeoutSeconds,
  };
}
