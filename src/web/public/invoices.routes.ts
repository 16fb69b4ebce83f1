import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import { parseInvoiceFileName, readOrganiserInvoiceFile } from '../../core/invoices/invoice-files.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { sendInvoiceFile } from './invoice-file-reply.js';

/**
 * The booking's invoices and credit notes behind its manage link, as PDF or UBL e-invoice:
 * `/b/<token>/invoices/<number>.pdf|.xml`. A wrong token, or a number not of this booking, gets
 * the plain 404.
 */
export async function invoiceRoutes(app: FastifyInstance, { db, clock }: AppContext): Promise<void> {
  app.get<{ Params: { token: string; file: string } }>('/b/:token/invoices/:file', async (request, reply) => {
    const file = parseInvoiceFileName(request.params.file);
    const booking = file && (await findBookingByLink(db, 'manage', request.params.token));
    const found = booking && file && (await readOrganiserInvoiceFile(db, clock, booking.id, file.key, file.format));
    if (!found) throw new DomainError('not_found');
    return sendInvoiceFile(reply, found);
  });
}
