import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import {
  createDiscountCode,
  listVenueDiscountCodes,
  readDiscountChoices,
  readDiscountCode,
  saveDiscountCode,
} from '../../core/discounts/discount-admin.service.js';
import { type DiscountCodeForm, discountCodeFormOf, NEW_DISCOUNT_CODE_FORM } from '../../core/discounts/discount-form.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { DiscountFormPage, DiscountListPage } from '../views/admin/discounts.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

type CodeRequest = FastifyRequest<{ Params: { id: string } }>;

/** The form as sent: every field as typed, the activities ticked. */
function discountFormFrom(body: unknown): DiscountCodeForm & { venueId: string } {
  const field = (name: string) => formField(body, name);
  const ticked = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).activityIds : undefined;
  return {
    venueId: field('venueId'),
    code: field('code'),
    kind: field('kind'),
    value: field('value'),
    per: field('per'),
    validFrom: field('validFrom'),
    validUntil: field('validUntil'),
    minGroupSize: field('minGroupSize'),
    maxUses: field('maxUses'),
    active: field('active') === 'yes',
    activityIds: (Array.isArray(ticked) ? ticked : [ticked]).filter((id): id is string => typeof id === 'string'),
  };
}

/**
 * A venue's discount codes: every role of the venue sees them and their uses; managers and admins
 * make, change and switch off codes. Another venue's code finds nothing (404), as everywhere in
 * the back office.
 */
export async function discountRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  const idOf = (request: CodeRequest) => {
    if (!isKey(request.params.id)) throw new DomainError('not_found');
    return request.params.id;
  };

  app.get('/discounts', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const { codes, venues } = await listVenueDiscountCodes(db, request.staff);
    const saved = formField(request.query, 'saved') === '1';
    return sendPage(reply, 200, <DiscountListPage ui={adminUiFor(request, auth)} codes={codes} venues={venues} saved={saved} />);
  });

  app.get('/discounts/new', async (request, reply) => {
    requirePermission(request, 'catalog.write');
    const choices = await readDiscountChoices(db, clock, request.staff);
    const values = { ...NEW_DISCOUNT_CODE_FORM, venueId: '' };
    return sendPage(reply, 200, <DiscountFormPage ui={adminUiFor(request, auth)} choices={choices} values={values} errors={{}} />);
  });

  app.post('/discounts', async (request, reply) => {
    requirePermission(request, 'catalog.write');
    const values = discountFormFrom(request.body);
    const result = await createDiscountCode(db, clock, request.staff, values.venueId, values, request.lang);
    if (result.ok) return reply.seeOther('/admin/discounts?saved=1');
    const ui = adminUiFor(request, auth);
    const choices = await readDiscountChoices(db, clock, request.staff);
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <DiscountFormPage ui={ui} choices={choices} values={values} errors={fieldMessages(ui.t, result.errors)} />,
    );
  });

  app.get('/discounts/:id', async (request: CodeRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const code = await readDiscountCode(db, request.staff, idOf(request));
    const choices = await readDiscountChoices(db, clock, request.staff);
    const values = { ...discountCodeFormOf(code, request.lang), venueId: code.venueId };
    return sendPage(
      reply,
      200,
      <DiscountFormPage ui={adminUiFor(request, auth)} code={code} choices={choices} values={values} errors={{}} />,
    );
  });

  app.post('/discounts/:id', async (request: CodeRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const id = idOf(request);
    const values = discountFormFrom(request.body);
    const result = await saveDiscountCode(db, clock, request.staff, id, values, request.lang);
    if (result.ok) return reply.seeOther('/admin/discounts?saved=1');
    const ui = adminUiFor(request, auth);
    const code = await readDiscountCode(db, request.staff, id);
    const choices = await readDiscountChoices(db, clock, request.staff);
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <DiscountFormPage
        ui={ui}
        code={code}
        choices={choices}
        values={{ ...values, venueId: code.venueId }}
        errors={fieldMessages(ui.t, result.errors)}
      />,
    );
  });

  // Switching a code off: organisers can no longer use it; bookings made with it keep their discount.
  app.post('/discounts/:id/deactivate', async (request: CodeRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const id = idOf(request);
    const code = await readDiscountCode(db, request.staff, id);
    const result = await saveDiscountCode(db, clock, request.staff, id, { ...discountCodeFormOf(code, 'plain'), active: false }, 'plain');
    if (!result.ok) throw new Error(`discount code ${id} refused its own rules`);
    return reply.seeOther('/admin/discounts?saved=1');
  });
}
