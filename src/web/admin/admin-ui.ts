import type { FastifyRequest } from 'fastify';
import type { AuthSettings } from '../app-context.js';
import { uiFor } from '../plugins/language.js';
import type { AdminUi } from '../views/admin/admin-ui.js';
import { csrfTokenFor } from '../csrf.js';

/** The back-office page's `AdminUi` for a signed-in request. */
export function adminUiFor(request: FastifyRequest, auth: AuthSettings): AdminUi {
  return {
    ...uiFor(request),
    staff: request.staff,
    csrf: csrfTokenFor(auth.secretKey, request.staffSession.tokenHash),
    idleTimeoutSeconds: auth.idleTimeoutSeconds,
  };
}
