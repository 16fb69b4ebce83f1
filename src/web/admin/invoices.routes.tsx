import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { zipSync } from 'fflate';
import type { AppContext } from '../app-context.js';
import { venuesFor } from '../../core/catalog/activity-admin.service.js';
import { readRegisterUblFiles } from '../../core/invoices/invoice-files.service.js';
import { readInvoiceRegister, REGISTER_PAGE_LIMIT } from '../../core/invoices/invoice-list.service.js';
import { localDateOf } from '../../core/shared/time.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { InvoiceRegisterPage } from '../views/admin/invoice-register.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { type ParsedInvoiceFilter, parseInvoiceFilter } from '../invoice-filters.js';
import { invoicesCsv } from './invoices-csv.js';

/** The invoice register of the member's venues (all venues for an admin): the page, the period's CSV export and its UBL files in a zip. */
export async function invoiceRegisterRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  /** The page; `parsed` refused (errors) shows the filter again as typed, with the messages, and no list. */
  async function sendRegister(request: FastifyRequest, reply: FastifyReply, parsed: ParsedInvoiceFilter) {
    const ui = adminUiFor(request, auth);
    const showVenue = (await venuesFor(db, request.staff)).length > 1;
    if (parsed.errors.length > 0) {
      const errors = fieldMessages(ui.t, parsed.errors);
      return sendPage(
        reply,
        FIELD_ERRORS_STATUS,
        <InvoiceRegisterPage ui={ui} values={parsed.values} errors={errors} filter={null} register={null} showVenue={showVenue} />,
      );
    }
    const register = await readInvoiceRegister(db, clock, venueScopeOf(request.staff), parsed.filter, REGISTER_PAGE_LIMIT);
    return sendPage(
      reply,
      200,
      <InvoiceRegisterPage ui={ui} values={parsed.values} errors={{}} filter={parsed.filter} register={register} showVenue={showVenue} />,
    );
  }

  app.get('/invoices', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    return sendRegister(request, reply, parseInvoiceFilter(request.query, localDateOf(clock.now())));
  });

  app.get('/invoices.csv', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const parsed = parseInvoiceFilter(request.query, localDateOf(clock.now()));
    if (parsed.errors.length > 0) return sendRegister(request, reply, parsed);
    const ui = adminUiFor(request, auth);
    const register = await readInvoiceRegister(db, clock, venueScopeOf(request.staff), parsed.filter);
    const { from, to } = parsed.filter;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-invoices-${from}-${to}.csv"`)
      .send(invoicesCsv(register, ui.t, ui.lang));
  });

  app.get('/invoices.zip', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const parsed = parseInvoiceFilter(request.query, localDateOf(clock.now()));
    if (parsed.errors.length > 0) return sendRegister(request, reply, parsed);
    const files = await readRegisterUblFiles(db, clock, venueScopeOf(request.staff), parsed.filter);
    const { from, to } = parsed.filter;
    // XML compresses well; the archive's dates are the export's, not the documents'.
    const zip = zipSync(Object.fromEntries(files.map((file) => [file.filename, new Uint8Array(file.content)])), { level: 6 });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="groupz-invoices-ubl-${from}-${to}.zip"`)
      .send(Buffer.from(zip));
  });
}
