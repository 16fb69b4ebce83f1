import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app.js';
import { findBookingByLink } from '../../core/bookings/booking.service.js';
import { confirmOption } from '../../core/bookings/option.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { statusOfDomainError } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import { ManagePage } from '../views/manage.page.js';
import { OptionRefusal } from '../views/option-panel.js';
import { sendPage } from './respond.js';

type TokenRequest = { Params: { token: string } };

/**
 * The organiser confirms their option from the manage link, in one click. A wrong token gets the
 * plain 404; a refusal (the option expired) shows the manage page again with the reason.
 */
export async function optionRoutes(app: FastifyInstance, { db, clock }: AppContext): Promise<void> {
  app.post<TokenRequest>('/b/:token/confirm', async (request, reply) => {
    const { token } = request.params;
    const booking = await findBookingByLink(db, 'manage', token);
    if (!booking) throw new DomainError('not_found');
    reply.header('cache-control', 'no-store');
    try {
      await confirmOption(db, clock, booking);
      return reply.redirect(`/b/${token}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'option_expired') throw error;
      // The page the organiser came from, so the language switcher returns there.
      const ui = { ...uiFor(request), path: `/b/${token}` };
      const current = (await findBookingByLink(db, 'manage', token)) ?? booking;
      return sendPage(
        reply,
        statusOfDomainError(error.code),
        <OptionRefusal.Provider value={ui.t(`error.${error.code}`)}>
          <ManagePage ui={ui} booking={current} justBooked={false} />
        </OptionRefusal.Provider>,
      );
    }
  });
}
