import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import {
  erasePersonalData,
  exportPersonalData,
  findPersonalData,
  type PersonMatches,
  parseSubjectEmail,
} from '../../core/privacy/data-requests.service.js';
import { fieldMessages, type FieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { PersonalDataErasedPage, PersonalDataPage } from '../views/admin/personal-data.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { staffActorOf } from './client.js';

/**
 * Requests of data subjects in the back office: find a person by e-mail address among the venue's
 * bookings and gift vouchers, export everything held about them (JSON), erase it. Managers (and
 * the platform's admins) handle them; staff and viewers do not (403). A person the member's venue
 * holds nothing of is not found (404), as another venue's objects are everywhere in the back office.
 */
export async function personalDataRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  function sendSearch(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    email: string,
    errors: FieldMessages,
    matches: PersonMatches | null,
  ) {
    return sendPage(reply, status, <PersonalDataPage ui={adminUiFor(request, auth)} email={email} errors={errors} matches={matches} />);
  }

  /** The address sent, parsed; or the page again with it as typed and why it was refused (422). */
  function emailOf(request: FastifyRequest, reply: FastifyReply, source: unknown) {
    const typed = formField(source, 'email');
    const parsed = parseSubjectEmail(typed);
    if (parsed.ok) return parsed.value;
    return sendSearch(request, reply, FIELD_ERRORS_STATUS, typed, fieldMessages(adminUiFor(request, auth).t, parsed.errors), null);
  }

  app.get('/personal-data', async (request, reply) => {
    requirePermission(request, 'privacy.requests');
    if (!Object.hasOwn(request.query as object, 'email')) return sendSearch(request, reply, 200, '', {}, null);
    const email = emailOf(request, reply, request.query);
    if (typeof email !== 'string') return email;
    return sendSearch(request, reply, 200, email, {}, await findPersonalData(db, clock, staffActorOf(request), email));
  });

  // A POST, though it changes no data: each export is recorded in the activity log.
  app.post('/personal-data/export.json', async (request, reply) => {
    requirePermission(request, 'privacy.requests');
    const email = emailOf(request, reply, request.body);
    if (typeof email !== 'string') return email;
    const data = await exportPersonalData(db, clock, staffActorOf(request), email);
    const day = data.exportedAt.slice(0, 10);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-personal-data-${day}.json"`)
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/personal-data/erase', async (request, reply) => {
    requirePermission(request, 'privacy.requests');
    const email = emailOf(request, reply, request.body);
    if (typeof email !== 'string') return email;
    const actor = staffActorOf(request);
    if (formField(request.body, 'confirm') !== 'yes') {
      const matches = await findPersonalData(db, clock, actor, email);
      const errors = fieldMessages(adminUiFor(request, auth).t, [{ field: 'confirm', code: 'erase_unconfirmed' }]);
      return sendSearch(request, reply, FIELD_ERRORS_STATUS, email, errors, matches);
    }
    const erasure = await erasePersonalData(db, clock, actor, email);
    return sendPage(reply, 200, <PersonalDataErasedPage ui={adminUiFor(request, auth)} erasure={erasure} />);
  });
}
