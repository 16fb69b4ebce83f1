import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';
import { findBookingByLink } from '../../core/bookings/booking.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { uiFor } from '../plugins/language.js';
import { ManagePage } from '../views/manage.page.js';
import { formField } from './form-body.js';
import { loadParticipantsSection } from './participants.routes.js';
import { sendPage } from './respond.js';

/** The private manage link. A wrong token gets the same plain 404 as any unknown page. */
export async function manageRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db } = context;
  app.get<{ Params: { token: string } }>('/b/:token', async (request, reply) => {
    const booking = await findBookingByLink(db, 'manage', request.params.token);
    if (!booking) throw new DomainError('not_found');
    reply.header('cache-control', 'no-store');
    const justBooked = formField(request.query, 'created') === '1';
    const participants = await loadParticipantsSection(context, request, booking);
    return sendPage(reply, 200, <ManagePage ui={uiFor(request)} booking={booking} justBooked={justBooked} participants={participants} />);
  });
}
