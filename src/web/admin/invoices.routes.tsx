import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { venuesFor } from '../../core/catalog/activity-admin.service.js';
import { readRegisterUblFiles } from '../../core/invoices/invoice-files.service.js';
import { readInvoiceRegister, REGISTER_PAGE_LIMIT } from '../../core/invoices/invoice-list.service.js';
import { localDateOf } from '../../core/shared/time.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { sendPage } from '../public/respond.js';
import { InvoiceRegisterPage, type VenueChoice } from '../views/admin/invoice-register.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { type ParsedInvoiceFilter, parseInvoiceFilter } from '../invoice-filters.js';
import { invoicesCsv } from './invoices-csv.js';

/** The invoice register of the member's venues (all venues for an admin): the page, the period's CSV export and its UBL files in a zip. */
export async function invoiceRegisterRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  /** The filter from the query string, its venue checked against the venues in the member's scope. */
  async function filterOf(request: FastifyRequest): Promise<{ parsed: ParsedInvoiceFilter; venues: VenueChoice[] }> {
    const venues = (await venuesFor(db, request.staff)).map(({ id, name }) => ({ id, name }));
    const parsed = parseInvoiceFilter(
      request.query,
      localDateOf(clock.now()),
      venues.map((venue) => venue.id),
    );
    return { parsed, venues };
  }

  /** The page; `parsed` refused (errors) shows the filter again as typed, with the messages, and no list. */
  async function sendRegister(request: FastifyRequest, reply: FastifyReply, { parsed, venues }: Awaited<ReturnType<typeof filterOf>>) {
    const ui = adminUiFor(request, auth);
    if (parsed.errors.length > 0) {
      const errors = fieldMessages(ui.t, parsed.errors);
      return sendPage(
        reply,
        FIELD_ERRORS_STATUS,
        <InvoiceRegisterPage ui={ui} values={parsed.values} errors={errors} filter={null} register={null} venues={venues} />,
      );
    }
    const register = await readInvoiceRegister(db, clock, venueScopeOf(request.staff), parsed.filter, REGISTER_PAGE_LIMIT);
    return sendPage(
      reply,
      200,
      <InvoiceRegisterPage ui={ui} values={parsed.values} errors={{}} filter={parsed.filter} register={register} venues={venues} />,
    );
  }

  app.get('/invoices', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    return sendRegister(request, reply, await filterOf(request));
  });

  app.get('/invoices.csv', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const found = await filterOf(request);
    if (found.parsed.errors.length > 0) return sendRegister(request, reply, found);
    const ui = adminUiFor(request, auth);
    const register = await readInvoiceRegister(db, clock, venueScopeOf(request.staff), found.parsed.filter);
    const { from, to } = found.parsed.filter;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-invoices-${from}-${to}.csv"`)
      .send(invoicesCsv(register, ui.t, ui.lang));
  });

  app.get('/invoices.zip', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const found = await filterOf(request);
    if (found.parsed.errors.length > 0) return sendRegister(request, reply, found);
    const files = await readRegisterUblFiles(db, clock, venueScopeOf(request.staff), found.parsed.filter);
    const { from, to } = found.parsed.filter;
    // XML compresses well; the archive's dates are the export's, not the documents'. fflate is loaded at the first export.
    const { zipSync } = await import('fflate');
    const zip = zipSync(Object.fromEntries(files.map((file) => [file.filename, new Uint8Array(file.content)])), { level: 6 });
    return reply
      .type('application/zip')
      .header('content-disposition', `attachment; filename="groupz-invoices-ubl-${from}-${to}.zip"`)
      .send(Buffer.from(zip));
  });
}
