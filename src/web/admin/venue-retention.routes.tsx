import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { VENUE_RETENTION_KEYS } from '../../core/privacy/retention.js';
import {
  readVenueRetention,
  saveVenueRetention,
  type VenueRetentionForm,
  venueRetentionFormOf,
} from '../../core/privacy/venue-retention.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { retentionPath, VenueRetentionPage } from '../views/admin/venue-retention.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

type VenueRequest = FastifyRequest<{ Params: { id: string } }>;

function retentionFormFrom(body: unknown): VenueRetentionForm {
  return Object.fromEntries(VENUE_RETENTION_KEYS.map((key) => [key, formField(body, key)])) as VenueRetentionForm;
}

/**
 * A venue's retention periods (how long its bookings' personal data is kept): every role of the
 * venue sees them, managers and admins choose shorter ones than the platform's. Another venue's id
 * finds nothing (404), as everywhere in the back office.
 */
export async function venueRetentionRoutes(app: FastifyInstance, { db, clock, auth, retention }: AppContext): Promise<void> {
  const venueIdOf = (request: VenueRequest) => {
    if (!isKey(request.params.id)) throw new DomainError('not_found');
    return request.params.id;
  };

  app.get('/venues/:id/privacy', async (request: VenueRequest, reply) => {
    requirePermission(request, 'bookings.read');
    const view = await readVenueRetention(db, retention, request.staff, venueIdOf(request));
    return sendPage(
      reply,
      200,
      <VenueRetentionPage
        ui={adminUiFor(request, auth)}
        view={view}
        values={venueRetentionFormOf(view.choice, request.lang)}
        errors={{}}
        saved={formField(request.query, 'saved') === '1'}
      />,
    );
  });

  app.post('/venues/:id/privacy', async (request: VenueRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const venueId = venueIdOf(request);
    const values = retentionFormFrom(request.body);
    const result = await saveVenueRetention(db, clock, retention, request.staff, venueId, values, request.lang);
    if (result.ok) return reply.seeOther(`${retentionPath(venueId)}?saved=1`);
    const ui = adminUiFor(request, auth);
    const view = await readVenueRetention(db, retention, request.staff, venueId);
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <VenueRetentionPage ui={ui} view={view} values={values} errors={fieldMessages(ui.t, result.errors)} saved={false} />,
    );
  });
}
