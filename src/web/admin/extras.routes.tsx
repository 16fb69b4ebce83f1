import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { type ExtraForm, extraFor, extraFormOf, extrasFor, saveExtraFromForm } from '../../core/catalog/extras-admin.service.js';
import type { FieldError } from '../../core/shared/field-errors.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { ExtrasPage } from '../views/admin/extras.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

type ExtrasRequest = FastifyRequest<{ Params: { id: string; extraId?: string } }>;

const FIELDS = ['labelNl', 'labelEn', 'basis', 'vat', 'amount', 'required', 'stock', 'maxPerBooking', 'position', 'active'] as const;

function formFrom(body: unknown): ExtraForm {
  return Object.fromEntries(FIELDS.map((name) => [name, formField(body, name)])) as unknown as ExtraForm;
}

function ids(request: ExtrasRequest): { activityId: string; extraId: string | undefined } {
  const { id, extraId } = request.params;
  if (!isKey(id) || (extraId !== undefined && !isKey(extraId))) throw new DomainError('not_found');
  return { activityId: id, extraId };
}

/**
 * An activity's extras in the back office (/admin/activities/:id/extras): listed, added, changed
 * and deactivated by staff who edit the catalogue, for their own venue's activities only.
 */
export async function extrasAdminRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth } = context;

  async function page(request: ExtrasRequest, status: number, form?: { values: ExtraForm; errors: FieldError[] }) {
    const { activityId, extraId } = ids(request);
    const editing = extraId === undefined ? undefined : (await extraFor(db, request.staff, activityId, extraId)).extra;
    const { activity, extras } = await extrasFor(db, request.staff, activityId);
    const ui = adminUiFor(request, auth);
    return (
      <ExtrasPage
        ui={ui}
        activity={activity}
        extras={extras}
        editing={editing}
        values={form?.values ?? extraFormOf(editing, ui.lang)}
        errors={form ? fieldMessages(ui.t, form.errors) : {}}
        saved={status === 200 && formField(request.query, 'saved') === '1'}
      />
    );
  }

  for (const path of ['/activities/:id/extras', '/activities/:id/extras/:extraId']) {
    app.get(path, async (request: ExtrasRequest, reply) => {
      requirePermission(request, 'catalog.write');
      return sendPage(reply, 200, await page(request, 200));
    });

    app.post(path, async (request: ExtrasRequest, reply) => {
      requirePermission(request, 'catalog.write');
      const { activityId, extraId } = ids(request);
      const values = formFrom(request.body);
      const result = await saveExtraFromForm(db, clock, request.staff, activityId, extraId, values, request.lang);
      if (result.ok) return reply.seeOther(`/admin/activities/${activityId}/extras?saved=1`);
      return sendPage(reply, FIELD_ERRORS_STATUS, await page(request, FIELD_ERRORS_STATUS, { values, errors: result.errors }));
    });
  }
}
