import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import { bookingCalendarFile } from '../../core/mail/calendar.service.js';
import { DomainError } from '../../core/shared/errors.js';

/** The booking's visit as an .ics file, behind its manage link; a wrong token gets the plain 404. */
export async function calendarRoutes(app: FastifyInstance, { db, clock, publicUrl }: AppContext): Promise<void> {
  app.get<{ Params: { token: string } }>('/b/:token/calendar.ics', async (request, reply) => {
    const booking = await findBookingByLink(db, 'manage', request.params.token);
    if (!booking) throw new DomainError('not_found');
    const file = await bookingCalendarFile(db, clock, { booking, publicUrl });
    return reply
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .type('text/calendar; charset=utf-8')
      .send(file.content);
  });
}
