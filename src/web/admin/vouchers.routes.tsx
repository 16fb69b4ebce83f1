import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { localDateOf } from '../../core/shared/time.js';
import {
  issueVoucher,
  listVenueVouchers,
  mailVoucherAgain,
  readIssuedCode,
  readVoucher,
  voucherVenues,
} from '../../core/vouchers/voucher-admin.service.js';
import { can } from '../../core/staff/staff.js';
import { VOUCHER_LIST_LIMIT } from '../../core/vouchers/voucher.js';
import { readVoucherBalances, readVoucherMovements } from '../../core/vouchers/voucher-exports.service.js';
import { NEW_VOUCHER_FORM, type VoucherForm } from '../../core/vouchers/voucher-form.js';
import { fieldMessages } from '../field-errors.js';
import { formField } from '../form-body.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { parseVoucherFilter, type ParsedVoucherFilter } from '../voucher-filters.js';
import { VoucherDetailPage } from '../views/admin/voucher-detail.page.js';
import { VoucherFormPage } from '../views/admin/voucher-form.page.js';
import { VoucherListPage } from '../views/admin/vouchers.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { voucherBalancesCsv, voucherMovementsCsv } from './vouchers-csv.js';

type VoucherRequest = FastifyRequest<{ Params: { id: string } }>;

/** The issue form as sent: every field as typed. */
function voucherFormFrom(body: unknown): VoucherForm {
  const fields = Object.keys(NEW_VOUCHER_FORM) as (keyof VoucherForm)[];
  return Object.fromEntries(fields.map((name) => [name, formField(body, name)])) as unknown as VoucherForm;
}

/**
 * A venue's gift vouchers: every role of the venue sees them, their ledgers and the accountant's
 * exports; roles that handle bookings issue them (viewers do not). Another venue's voucher finds
 * nothing (404), as everywhere in the back office.
 */
export async function voucherRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  async function filterOf(request: FastifyRequest) {
    const venues = await voucherVenues(db, request.staff);
    const ids = venues.map((v) => v.id);
    return { parsed: parseVoucherFilter(request.query, localDateOf(clock.now()), ids), venues };
  }

  /** The list; a refused filter (or export) shows the page again as typed, with its messages, and no list. */
  async function sendList(request: FastifyRequest, reply: FastifyReply, parsed: ParsedVoucherFilter) {
    const ui = adminUiFor(request, auth);
    const today = localDateOf(clock.now());
    const refused = parsed.errors.length > 0;
    const { vouchers, venues } = await listVenueVouchers(db, clock, request.staff, { status: parsed.status, venueId: parsed.venueId });
    return sendPage(
      reply,
      refused ? FIELD_ERRORS_STATUS : 200,
      <VoucherListPage
        ui={ui}
        values={parsed.values}
        errors={fieldMessages(ui.t, parsed.errors)}
        vouchers={refused ? null : vouchers}
        venues={venues}
        today={today}
        limit={VOUCHER_LIST_LIMIT}
      />,
    );
  }

  app.get('/vouchers', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    return sendList(request, reply, (await filterOf(request)).parsed);
  });

  app.get('/vouchers.csv', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const { parsed } = await filterOf(request);
    if (parsed.errors.length > 0) return sendList(request, reply, parsed);
    const ui = adminUiFor(request, auth);
    const balances = await readVoucherBalances(db, request.staff, parsed.on, parsed.venueId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-voucher-balances-${parsed.on}.csv"`)
      .send(voucherBalancesCsv(balances, ui.t, ui.lang));
  });

  app.get('/voucher-movements.csv', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const { parsed } = await filterOf(request);
    if (parsed.errors.length > 0) return sendList(request, reply, parsed);
    const ui = adminUiFor(request, auth);
    const report = await readVoucherMovements(db, request.staff, parsed.from, parsed.to, parsed.venueId);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-voucher-movements-${parsed.from}-${parsed.to}.csv"`)
      .send(voucherMovementsCsv(report, ui.t, ui.lang));
  });

  app.get('/vouchers/new', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    const venues = await voucherVenues(db, request.staff);
    return sendPage(reply, 200, <VoucherFormPage ui={adminUiFor(request, auth)} venues={venues} values={NEW_VOUCHER_FORM} errors={{}} />);
  });

  app.post('/vouchers', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    const values = voucherFormFrom(request.body);
    const result = await issueVoucher(db, clock, auth.secretKey, request.staff, values, request.lang);
    // The voucher's page shows the code to the member who issued it, once: a reload does not issue another.
    if (result.ok) return reply.seeOther(`/admin/vouchers/${result.value.id}?issued=1`);
    const ui = adminUiFor(request, auth);
    const venues = await voucherVenues(db, request.staff);
    return sendPage(
      reply,
      FIELD_ERRORS_STATUS,
      <VoucherFormPage ui={ui} venues={venues} values={values} errors={fieldMessages(ui.t, result.errors)} />,
    );
  });

  app.get('/vouchers/:id', async (request: VoucherRequest, reply) => {
    requirePermission(request, 'bookings.read');
    const { id } = request.params;
    if (!isKey(id)) throw new DomainError('not_found');
    const { voucher, venue, ledger } = await readVoucher(db, request.staff, id);
    const code =
      formField(request.query, 'issued') === '1' ? await readIssuedCode(db, clock, auth.secretKey, request.staff, id) : undefined;
    if (code) reply.header('cache-control', 'no-store');
    const today = localDateOf(clock.now());
    return sendPage(
      reply,
      200,
      <VoucherDetailPage
        ui={adminUiFor(request, auth)}
        voucher={voucher}
        venue={venue}
        ledger={ledger}
        today={today}
        code={code}
        canMail={can(request.staff, 'bookings.write') && voucher.status === 'active' && voucher.buyerEmail !== ''}
        mailed={formField(request.query, 'done') === 'mailed'}
      />,
    );
  });

  app.post('/vouchers/:id/mail', async (request: VoucherRequest, reply) => {
    requirePermission(request, 'bookings.write');
    const { id } = request.params;
    if (!isKey(id)) throw new DomainError('not_found');
    const mailed = await mailVoucherAgain(db, clock, request.staff, id);
    return reply.seeOther(`/admin/vouchers/${id}${mailed ? '?done=mailed' : ''}`);
  });
}
