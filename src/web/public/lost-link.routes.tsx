import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { clientAddress } from '../../core/activity-log/activity-log.js';
import { requestManageLink } from '../../core/booking-flows/lost-link.service.js';
import { isThrottled, refuseThrottled } from './booking-throttle.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import { LostLinkPage } from '../views/lost-link.page.js';
import { formField } from '../form-body.js';
import { sendPage } from './respond.js';

const PATH = '/manage-link';

/**
 * A lost manage link: the form (reference and e-mail address), and its post, which answers the
 * same whether a booking matched or not (a redirect to `?sent=1`, so a reload sends nothing again).
 * The post is a public POST like the booking form's: the app-wide same-origin check applies.
 */
export async function lostLinkRoutes(app: FastifyInstance, { db, clock }: AppContext): Promise<void> {
  app.get(PATH, async (request, reply) => {
    const ui = uiFor(request);
    const sent = formField(request.query, 'sent') === '1';
    return sendPage(reply, 200, <LostLinkPage ui={ui} values={{ reference: '', email: '' }} sent={sent} />);
  });

  app.post(PATH, async (request, reply) => {
    const ui = uiFor(request);
    const values = { reference: formField(request.body, 'reference'), email: formField(request.body, 'email') };
    try {
      const result = await requestManageLink(db, clock, values, clientAddress(request.ip));
      if (!result.ok) {
        const errors = fieldMessages(ui.t, result.errors);
        return sendPage(reply, FIELD_ERRORS_STATUS, <LostLinkPage ui={ui} values={values} errors={errors} />);
      }
    } catch (error) {
      if (!isThrottled(error)) throw error;
      const refusal = refuseThrottled(error, ui, reply, clock, 'lost_link.throttled');
      return sendPage(reply, statusOfDomainError(error.code), <LostLinkPage ui={ui} values={values} refusal={refusal} />);
    }
    return reply.seeOther(`${PATH}?sent=1`);
  });
}
