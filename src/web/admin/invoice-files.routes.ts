import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { parseInvoiceFileName, readStaffInvoiceFile } from '../../core/invoices/invoice-files.service.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { DomainError } from '../../core/shared/errors.js';
import { sendInvoiceFile } from '../public/invoice-file-reply.js';
import { requirePermission } from './admin-request.js';

/** An invoice or credit note of the member's venues as PDF or UBL: `/admin/invoices/<id>.pdf|.xml`; another venue's is a 404. */
export async function invoiceFileRoutes(app: FastifyInstance, { db, clock }: AppContext): Promise<void> {
  app.get<{ Params: { file: string } }>('/invoices/:file', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const file = parseInvoiceFileName(request.params.file);
    const found = file && (await readStaffInvoiceFile(db, clock, venueScopeOf(request.staff), file.key, file.format));
    if (!found) throw new DomainError('not_found');
    return sendInvoiceFile(reply, found);
  });
}
