import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { Slot } from '../../core/availability/slot.js';
import { refusalFor } from '../../core/availability/bookability.js';
import { groupLimitError, parseBookingInput, withSlotErrors } from '../../core/bookings/booking-input.js';
import { findSlotToBook, quoteBooking, submitBooking } from '../../core/bookings/booking.service.js';
import { clientAddress } from '../../core/activity-log/activity-log.js';
import { optionOffer } from '../../core/bookings/option.js';
import type { Activity } from '../../core/catalog/activity.js';
import { DomainError } from '../../core/shared/errors.js';
import { newToken } from '../../core/shared/ids.js';
import { readCurrentTerms } from '../../core/venues/venue-terms.service.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import type { FieldMessages } from '../views/components.js';
import { type BookingFormValues, BookingFormPage } from '../views/booking-form.page.js';
import { BookingReviewPage } from '../views/booking-review.page.js';
import { SubmissionReplayedPage } from '../views/submission-replayed.page.js';
import { refuseThrottled } from './booking-throttle.js';
import { formField, formNumber } from './form-body.js';
import { sendPage } from './respond.js';

type SlotRequest = FastifyRequest<{ Params: { slotId: string } }>;

function valuesFrom(body: unknown): BookingFormValues {
  const field = (name: string) => formField(body, name);
  return {
    groupSize: field('groupSize'),
    name: field('name'),
    email: field('email'),
    phone: field('phone'),
    organisation: field('organisation'),
    notes: field('notes'),
    acceptTerms: field('acceptTerms') === 'yes',
    option: field('option') === 'yes',
    submissionKey: field('submissionKey'),
  };
}

/** The booking flow: form, review with the price, confirmation. Works with plain HTML forms. */
export async function bookingRoutes(app: FastifyInstance, { db, clock, linkKey, bookingLimits }: AppContext): Promise<void> {
  async function slotOf(request: SlotRequest): Promise<{ slot: Slot; activity: Activity }> {
    const found = await findSlotToBook(db, request.params.slotId);
    if (!found) throw new DomainError('not_found');
    return found;
  }

  async function form(
    request: SlotRequest,
    found: { slot: Slot; activity: Activity },
    values: BookingFormValues,
    errors: FieldMessages = {},
    refusal?: string,
  ) {
    return (
      <BookingFormPage
        terms={await readCurrentTerms(db, found.activity.venue.id)}
        ui={uiFor(request)}
        activity={found.activity}
        slot={found.slot}
        values={values}
        errors={errors}
        refusal={refusal}
        optionUntil={optionOffer(found.activity.rules.options, found.slot, clock.now())}
      />
    );
  }

  app.get('/book/:slotId', async (request: SlotRequest, reply) => {
    const found = await slotOf(request);
    const requested = formNumber(formField(request.query, 'groupSize'));
    const groupSize = typeof requested === 'number' ? requested : found.activity.minGroupSize;
    const values = { ...valuesFrom({}), groupSize: String(groupSize) };
    const ui = uiFor(request);
    // A group outside the activity's limits is the group size field's error; other rules refuse the slot.
    const limit = groupLimitError(found.activity, groupSize);
    if (limit) return sendPage(reply, 200, await form(request, found, values, fieldMessages(ui.t, [limit])));
    const refusal = refusalFor(found.activity, found.slot, groupSize, clock.now());
    return sendPage(reply, 200, await form(request, found, values, {}, refusal && ui.t(`error.${refusal}`)));
  });

  app.post('/book/:slotId', async (request: SlotRequest, reply) => {
    const found = await slotOf(request);
    const ui = uiFor(request);
    const values = valuesFrom(request.body);
    const action = formField(request.body, 'action');
    if (action === 'edit') return sendPage(reply, 200, await form(request, found, values));

    const raw = {
      ...values,
      slotId: found.slot.id,
      groupSize: formNumber(values.groupSize),
      acceptTerms: values.acceptTerms,
      language: ui.lang,
      option: values.option,
      submissionKey: values.submissionKey || undefined,
    };
    const parsed = parseBookingInput(raw);
    // A group outside the activity's limits is a field error here, reported with the others.
    const errors = withSlotErrors(raw, parsed.ok ? [] : parsed.errors, found.activity);
    if (!parsed.ok || errors.length > 0) {
      return sendPage(reply, FIELD_ERRORS_STATUS, await form(request, found, values, fieldMessages(ui.t, errors)));
    }
    try {
      if (action === 'confirm') {
        const submitted = await submitBooking(db, clock, linkKey, parsed.input, {
          client: clientAddress(request.ip),
          limits: bookingLimits,
        });
        if (!submitted.replayed) return reply.seeOther(`/b/${submitted.manageToken}?created=1`);
        return sendPage(reply, 200, <SubmissionReplayedPage ui={ui} {...submitted} />);
      }
      const quote = await quoteBooking(db, clock, parsed.input);
      return sendPage(
        reply,
        200,
        <BookingReviewPage
          ui={ui}
          activity={quote.activity}
          slot={quote.slot}
          values={{ ...values, submissionKey: newToken() }}
          price={quote.price}
          status={quote.status}
          optionExpiresAt={quote.optionExpiresAt}
          terms={await readCurrentTerms(db, quote.activity.venue.id)}
        />,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const refusal = error.code === 'throttled' ? refuseThrottled(error, ui, reply, clock) : ui.t(`error.${error.code}`);
      return sendPage(reply, statusOfDomainError(error.code), await form(request, found, values, {}, refusal));
    }
  });
}
