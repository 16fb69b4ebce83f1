import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { type PartForm, partFormOf, removePart, savePartFromForm } from '../../core/resources/programme-admin.service.js';
import { readProgramme } from '../../core/resources/programme-overview.service.js';
import { priceFromParts } from '../../core/resources/programme-price.service.js';
import { type RotationForm, rotationFormOf, saveRotationFromForm } from '../../core/resources/rotation-admin.service.js';
import { DomainError } from '../../core/shared/errors.js';
import type { FieldError } from '../../core/shared/field-errors.js';
import { isKey } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { ProgrammePage } from '../views/admin/programme.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { formBuffers, formFields } from './catalog-form.js';

type ProgrammeRequest = FastifyRequest<{ Params: { id: string; partId?: string } }>;

/** The part form as the body sent it: every field as typed, the resources ticked, a buffer per resource id. */
function partFormFrom(body: unknown): PartForm {
  const field = (name: string) => formField(body, name);
  return {
    titleNl: field('titleNl'),
    titleEn: field('titleEn'),
    offset: field('offset'),
    duration: field('duration'),
    partActivityId: field('partActivityId'),
    resources: formFields(body, 'resources'),
    buffers: formBuffers(body),
  };
}

/** The ids in the path; anything that is no id finds nothing. */
function idsOf(request: ProgrammeRequest): { activityId: string; partId: string | undefined } {
  const { id, partId } = request.params;
  if (!isKey(id) || (partId !== undefined && !isKey(partId))) throw new DomainError('not_found');
  return { activityId: id, partId };
}

/**
 * An activity's programme in the back office (/admin/activities/:id/programme): its parts listed
 * in time order, added, changed and removed, its subgroups, its price taken from the parts, by staff who edit the
 * catalogue, for their own venue's activities only (another venue's: 404).
 */
export async function programmeAdminRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  /** The page: the part in the path in the form (or a new part's), or after a refusal the form as typed with its errors. */
  async function sendProgramme(
    request: ProgrammeRequest,
    reply: FastifyReply,
    refused?: { values?: PartForm; rotation?: RotationForm; errors: FieldError[] },
  ) {
    const { activityId, partId } = idsOf(request);
    const ui = adminUiFor(request, auth);
    const programme = await readProgramme(db, clock, request.staff, activityId);
    const editing = partId === undefined ? undefined : programme.parts.find((part) => part.id === partId);
    if (partId !== undefined && !editing) throw new DomainError('not_found');
    const query = formField(request.query, 'saved');
    return sendPage(
      reply,
      refused ? FIELD_ERRORS_STATUS : 200,
      <ProgrammePage
        ui={ui}
        programme={programme}
        editing={editing}
        values={refused?.values ?? partFormOf(editing, programme.parts, programme.activity.durationMinutes, ui.lang)}
        rotationValues={refused?.rotation ?? rotationFormOf(programme.subgroupSize, programme.parts, ui.lang)}
        errors={refused ? fieldMessages(ui.t, refused.errors) : {}}
        notice={refused ? undefined : query === 'price' ? 'priced' : query === '1' ? 'saved' : undefined}
      />,
    );
  }

  for (const path of ['/activities/:id/programme', '/activities/:id/programme/parts/:partId']) {
    app.get(path, async (request: ProgrammeRequest, reply) => {
      requirePermission(request, 'catalog.write');
      return sendProgramme(request, reply);
    });
  }

  for (const path of ['/activities/:id/programme/parts', '/activities/:id/programme/parts/:partId']) {
    app.post(path, async (request: ProgrammeRequest, reply) => {
      requirePermission(request, 'catalog.write');
      const { activityId, partId } = idsOf(request);
      const values = partFormFrom(request.body);
      const result = await savePartFromForm(db, clock, request.staff, activityId, partId, values, request.lang);
      if (result.ok) return reply.seeOther(`/admin/activities/${activityId}/programme?saved=1`);
      return sendProgramme(request, reply, { values, errors: result.errors });
    });
  }

  app.post('/activities/:id/programme/subgroups', async (request: ProgrammeRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const { activityId } = idsOf(request);
    const rotation = { subgroupSize: formField(request.body, 'subgroupSize'), rotating: formFields(request.body, 'rotating') };
    const result = await saveRotationFromForm(db, clock, request.staff, activityId, rotation, request.lang);
    if (result.ok) return reply.seeOther(`/admin/activities/${activityId}/programme?saved=1`);
    return sendProgramme(request, reply, { rotation, errors: result.errors });
  });

  app.post('/activities/:id/programme/parts/:partId/delete', async (request: ProgrammeRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const { activityId, partId } = idsOf(request);
    const result = await removePart(db, clock, request.staff, activityId, partId!);
    if (result.ok) return reply.seeOther(`/admin/activities/${activityId}/programme?saved=1`);
    return sendProgramme(request, reply, { errors: result.errors });
  });

  app.post('/activities/:id/programme/price', async (request: ProgrammeRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const { activityId } = idsOf(request);
    const result = await priceFromParts(db, clock, request.staff, activityId);
    if (result.ok) return reply.seeOther(`/admin/activities/${activityId}/programme?saved=price`);
    return sendProgramme(request, reply, { errors: result.errors });
  });
}
