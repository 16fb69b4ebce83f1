import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { VENUE_BILLING_FIELDS, type VenueBillingForm } from '../../core/invoices/venue-billing.js';
import { readVenueBilling, saveVenueBilling } from '../../core/invoices/venue-billing.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { localDateOf } from '../../core/shared/time.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { VenueBillingPage } from '../views/admin/venue-billing.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

type VenueRequest = FastifyRequest<{ Params: { id: string } }>;

function billingFormFrom(body: unknown): VenueBillingForm {
  return Object.fromEntries(VENUE_BILLING_FIELDS.map((name) => [name, formField(body, name)])) as VenueBillingForm;
}

/**
 * A venue's billing details (what its invoices state): every role of the venue sees them, managers
 * and admins change them. Another venue's id finds nothing (404), as everywhere in the back office.
 */
export async function venueBillingRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  const venueIdOf = (request: VenueRequest) => {
    if (!isKey(request.params.id)) throw new DomainError('not_found');
    return request.params.id;
  };
  const year = () => Number(localDateOf(clock.now()).slice(0, 4));

  app.get('/venues/:id/billing', async (request: VenueRequest, reply) => {
    requirePermission(request, 'bookings.read');
    const view = await readVenueBilling(db, request.staff, venueIdOf(request));
    return sendPage(
      reply,
      200,
      <VenueBillingPage
        ui={adminUiFor(request, auth)}
        view={view}
        values={view.form}
        errors={{}}
        saved={formField(request.query, 'saved') === '1'}
        year={year()}
      />,
    );
  });

  app.post('/venues/:id/billing', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venueId = venueIdOf(request);
    const values = billingFormFrom(request.body);
    const result = await saveVenueBilling(db, clock, request.staff, venueId, values, request.lang);
    if (result.ok) return reply.seeOther(`/admin/venues/${venueId}/billing?saved=1`);
    const ui = adminUiFor(request, auth);
    const view = await readVenueBilling(db, request.staff, venueId);
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <VenueBillingPage ui={ui} view={view} values={values} errors={fieldMessages(ui.t, result.errors)} saved={false} year={year()} />,
    );
  });
}
