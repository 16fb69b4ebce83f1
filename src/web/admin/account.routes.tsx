import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';
import { recordAudit } from '../../core/audit-log/audit-log.service.js';
import { isKey } from '../../core/shared/ids.js';
import { deleteSessionsOf, listSessionsOf, deleteSessionOf } from '../../core/staff/session.repository.js';
import { sendPage } from '../public/respond.js';
import { AccountPage } from '../views/admin/account.page.js';
import { adminUiFor } from './admin-ui.js';
import { clientOf } from './client.js';

/** The signed-in member's own account: active sessions, password, second factor, recovery codes. */
export async function accountRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  app.get('/account', async (request, reply) => {
    const sessions = await listSessionsOf(db, request.staff.id);
    return sendPage(
      reply,
      200,
      <AccountPage ui={adminUiFor(request, auth)} sessions={sessions} current={request.staffSession.tokenHash} />,
    );
  });

  app.post('/account/sessions/end', async (request, reply) => {
    const { staff, staffSession } = request;
    const which = (request.body as Record<string, unknown>).session;
    let ended = 0;
    if (which === 'others') ended = await deleteSessionsOf(db, staff.id, staffSession.tokenHash);
    else if (typeof which === 'string' && isKey(which)) ended = await deleteSessionOf(db, staff.id, which);
    await recordAudit(db, clock, {
      actor: staff,
      venueId: staff.venueId,
      action: 'auth.sessions_ended',
      target: staff.email,
      detail: { ended },
      client: clientOf(request).network,
    });
    return reply.redirect('/admin/account', 303);
  });
}
