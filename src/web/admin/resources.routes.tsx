import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import {
  addClosureFromForm,
  type ClosureForm,
  createResourceFromForm,
  type HoursForm,
  linkActivityFromForm,
  type LinkForm,
  removeClosure,
  type ResourceForm,
  saveHoursFromForm,
  unlinkActivity,
  updateResourceFromForm,
} from '../../core/resources/resource-admin.service.js';
import { readResourceList, readResourceSettings } from '../../core/resources/resource-overview.service.js';
import { readResourcePlanning } from '../../core/resources/resource-planning.service.js';
import { DomainError } from '../../core/shared/errors.js';
import type { FieldError, FormResult } from '../../core/shared/field-errors.js';
import { isKey } from '../../core/shared/ids.js';
import { isLocalDate, localDateOf } from '../../core/shared/time.js';
import { fieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { EMPTY_CLOSURE, ResourceDetailPage, type ResourceForms, resourceFormsOf } from '../views/admin/resource-detail.page.js';
import { WEEKDAYS } from '../views/admin/resource-labels.js';
import { ResourcePlanningPage } from '../views/admin/resource-planning.page.js';
import { ResourceListPage } from '../views/admin/resources.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

type ResourceRequest = FastifyRequest<{ Params: { id: string; closureId?: string; activityId?: string } }>;

function fieldsOf<T>(body: unknown, names: readonly string[]): T {
  return Object.fromEntries(names.map((name) => [name, formField(body, name)])) as T;
}

const RESOURCE_FIELDS = ['venueId', 'name', 'kind', 'capacity'];
const HOURS_FIELDS = WEEKDAYS.flatMap((d) => [`open${d}`, `opens${d}`, `closes${d}`]);
const CLOSURE_FIELDS = Object.keys(EMPTY_CLOSURE);
const LINK_FIELDS = ['activityId', 'buffer'];

/** The ids in the path; anything that is no id finds nothing. */
function idsOf(request: ResourceRequest): { id: string; other: string | undefined } {
  const { id, closureId, activityId } = request.params;
  const other = closureId ?? activityId;
  if (!isKey(id) || (other !== undefined && !isKey(other))) throw new DomainError('not_found');
  return { id, other };
}

/**
 * A venue's resources (boats, rooms, guides) in the back office: every role of the venue sees the
 * list and a resource's day planning; members who change the catalogue add resources and change
 * their details, hours, closures and activities. Another venue's resource finds nothing (404).
 */
export async function resourceRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  async function sendList(request: FastifyRequest, reply: FastifyReply, form?: { values: ResourceForm; errors: FieldError[] }) {
    const ui = adminUiFor(request, auth);
    const { resources, venues } = await readResourceList(db, clock, request.staff);
    return sendPage(
      reply,
      form ? FIELD_ERRORS_STATUS : 200,
      <ResourceListPage
        ui={ui}
        resources={resources}
        venues={venues}
        values={form?.values ?? { venueId: '', name: '', kind: 'persons', capacity: '' }}
        errors={form ? fieldMessages(ui.t, form.errors) : {}}
        saved={!form && formField(request.query, 'saved') === '1'}
      />,
    );
  }

  /** The settings page; after a refusal, with the refused form as typed and its errors. */
  async function sendDetail(
    request: ResourceRequest,
    reply: FastifyReply,
    refused?: { form: Partial<ResourceForms>; errors: FieldError[] },
  ) {
    const ui = adminUiFor(request, auth);
    const settings = await readResourceSettings(db, clock, request.staff, idsOf(request).id);
    const stored = resourceFormsOf(settings.resource, ui.lang);
    return sendPage(
      reply,
      refused ? FIELD_ERRORS_STATUS : 200,
      <ResourceDetailPage
        ui={ui}
        settings={settings}
        values={{ ...stored, ...refused?.form }}
        errors={refused ? fieldMessages(ui.t, refused.errors) : {}}
        saved={!refused && formField(request.query, 'saved') === '1'}
      />,
    );
  }

  /** A change's outcome: back to the settings page, or the page again with the form as typed. */
  async function afterChange<T>(
    request: ResourceRequest,
    reply: FastifyReply,
    result: FormResult<T>,
    form: Partial<ResourceForms>,
  ): Promise<FastifyReply> {
    if (result.ok) return reply.seeOther(`/admin/resources/${idsOf(request).id}?saved=1`);
    return sendDetail(request, reply, { form, errors: result.errors });
  }

  app.get('/resources', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    return sendList(request, reply);
  });

  app.post('/resources', async (request, reply) => {
    requirePermission(request, 'catalog.write');
    const values = fieldsOf<ResourceForm>(request.body, RESOURCE_FIELDS);
    const result = await createResourceFromForm(db, clock, request.staff, values, request.lang);
    if (result.ok) return reply.seeOther(`/admin/resources/${result.value.id}?saved=1`);
    return sendList(request, reply, { values, errors: result.errors });
  });

  app.get('/resources/:id', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    return sendDetail(request, reply);
  });

  app.post('/resources/:id', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const details = fieldsOf<ResourceForm>(request.body, RESOURCE_FIELDS);
    const result = await updateResourceFromForm(db, clock, request.staff, idsOf(request).id, details, request.lang);
    return afterChange(request, reply, result, { details });
  });

  app.post('/resources/:id/hours', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const hours = fieldsOf<HoursForm>(request.body, HOURS_FIELDS);
    const result = await saveHoursFromForm(db, clock, request.staff, idsOf(request).id, hours);
    return afterChange(request, reply, result, { hours });
  });

  app.post('/resources/:id/closures', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const closure = fieldsOf<ClosureForm>(request.body, CLOSURE_FIELDS);
    const result = await addClosureFromForm(db, clock, request.staff, idsOf(request).id, closure);
    return afterChange(request, reply, result, { closure });
  });

  app.post('/resources/:id/closures/:closureId/delete', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const { id, other } = idsOf(request);
    await removeClosure(db, clock, request.staff, id, other!);
    return reply.seeOther(`/admin/resources/${id}?saved=1`);
  });

  app.post('/resources/:id/links', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const link = fieldsOf<LinkForm>(request.body, LINK_FIELDS);
    const result = await linkActivityFromForm(db, clock, request.staff, idsOf(request).id, link, request.lang);
    return afterChange(request, reply, result, { link });
  });

  app.post('/resources/:id/links/:activityId/delete', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const { id, other } = idsOf(request);
    await unlinkActivity(db, clock, request.staff, id, other!);
    return reply.seeOther(`/admin/resources/${id}?saved=1`);
  });

  app.get('/resources/:id/planning', async (request: ResourceRequest, reply) => {
    requirePermission(request, 'bookings.read');
    const ui = adminUiFor(request, auth);
    const today = localDateOf(clock.now());
    const typed = formField(request.query, 'date').trim();
    const valid = typed === '' || isLocalDate(typed);
    const date = valid && typed !== '' ? typed : today;
    const planning = await readResourcePlanning(db, clock, request.staff, idsOf(request).id, date);
    return sendPage(
      reply,
      valid ? 200 : FIELD_ERRORS_STATUS,
      <ResourcePlanningPage
        ui={ui}
        planning={planning}
        today={today}
        value={typed || date}
        errors={valid ? {} : fieldMessages(ui.t, [{ field: 'date', code: 'invalid_date' }])}
      />,
    );
  });
}
