import type { FastifyReply } from 'fastify';
import type { InvoiceFile } from '../../core/invoices/invoice-files.service.js';

/** A document as a download named by its number, never cached (it holds personal data and its status changes). */
export function sendInvoiceFile(reply: FastifyReply, file: InvoiceFile) {
  return reply
    .header('content-disposition', `attachment; filename="${file.filename}"`)
    .header('cache-control', 'no-store')
    .type(file.contentType)
    .send(file.content);
}
