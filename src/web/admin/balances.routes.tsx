import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { venuesFor } from '../../core/catalog/activity-admin.service.js';
import { readOpenBalances } from '../../core/booking-flows/balances.service.js';
import { localDateOf } from '../../core/shared/time.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { BalancesPage } from '../views/admin/balances.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { balancesCsv } from './balances-csv.js';

/** The open balances of the member's venues (all venues for an admin): the page and its CSV export. */
export async function balanceRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  /** `?overdue=1` shows only what is past its due date; anything else shows all. */
  const overdueOf = (request: FastifyRequest) => formField(request.query, 'overdue') === '1';

  app.get('/balances', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const overdue = overdueOf(request);
    const balances = await readOpenBalances(db, clock, venueScopeOf(request.staff), { overdue });
    const showVenue = (await venuesFor(db, request.staff)).length > 1;
    return sendPage(
      reply,
      200,
      <BalancesPage ui={adminUiFor(request, auth)} balances={balances} overdue={overdue} showVenue={showVenue} />,
    );
  });

  app.get('/balances.csv', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const ui = adminUiFor(request, auth);
    const balances = await readOpenBalances(db, clock, venueScopeOf(request.staff), { overdue: overdueOf(request) });
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-open-balances-${localDateOf(clock.now())}.csv"`)
      .send(balancesCsv(balances, ui.t, ui.lang));
  });
}
