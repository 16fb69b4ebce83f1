import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import { erasableNow } from '../../core/privacy/data-requests.js';
import { eraseByOrganiser, gatherBookingData, readErasureRequest } from '../../core/privacy/data-requests.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { uiFor } from '../plugins/language.js';
import { ManageDataPage, ManageErasedPage, ManageErasePage } from '../views/manage-data.page.js';
import { sendPage } from './respond.js';

type TokenRequest = FastifyRequest<{ Params: { token: string } }>;

/**
 * The organiser's requests about their data, through the manage link (no account, no cookie):
 * everything held about the booking as a page and as a JSON download (one gathering for both), and
 * erasure (a confirmation page, then the POST). An erasure done at once ends the link, so the POST
 * answers with the outcome itself rather than a redirect to the link. A wrong token is a plain 404.
 */
export async function manageDataRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock } = context;

  async function bookingOf(request: TokenRequest): Promise<BookingDetails> {
    const booking = await findBookingByLink(db, 'manage', request.params.token);
    if (!booking) throw new DomainError('not_found');
    return booking;
  }

  app.get('/b/:token/data', async (request: TokenRequest, reply) => {
    const booking = await bookingOf(request);
    const data = await gatherBookingData(db, booking.id);
    return sendPage(reply, 200, <ManageDataPage ui={uiFor(request)} data={data} token={request.params.token} />);
  });

  app.get('/b/:token/data.json', async (request: TokenRequest, reply) => {
    const booking = await bookingOf(request);
    const data = await gatherBookingData(db, booking.id);
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-${booking.reference}.json"`)
      .send(JSON.stringify(data, null, 2));
  });

  app.get('/b/:token/erase', async (request: TokenRequest, reply) => {
    const booking = await bookingOf(request);
    return sendPage(
      reply,
      200,
      <ManageErasePage
        ui={uiFor(request)}
        token={request.params.token}
        reference={booking.reference}
        erasableNow={erasableNow({ status: booking.status, endsAt: booking.slot.endsAt.toISOString() }, clock.now())}
        endsAt={booking.slot.endsAt}
        requestedAt={await readErasureRequest(db, booking.id)}
      />,
    );
  });

  app.post('/b/:token/erase', async (request: TokenRequest, reply) => {
    const booking = await bookingOf(request);
    const erasure = await eraseByOrganiser(db, clock, booking.id);
    return sendPage(reply, 200, <ManageErasedPage ui={uiFor(request)} token={request.params.token} erasure={erasure} />);
  });
}
