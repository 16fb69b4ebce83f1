import { optionalNumberText } from '../../core/catalog/admin-fields.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, paymentContextOf } from '../app-context.js';
import { bookForCaller, findSlotForStaff } from '../../core/booking-flows/phone-booking.service.js';
import { staffStatusChoices } from '../../core/bookings/staff-booking-input.js';
import { optionOffer } from '../../core/bookings/option.js';
import { DomainError } from '../../core/shared/errors.js';
import { newToken } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { formField, organiserValuesFrom, withNumberFaults } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import type { FieldMessages } from '../field-errors.js';
import { PhoneBookingPage, type PhoneBookingValues } from '../views/admin/phone-booking.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { staffActorOf } from './client.js';
import { organiserInput } from './organiser-form.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import { partyInputOf, partyValuesFrom } from '../party-form.js';
import { extrasInputOf, extrasValuesFrom } from '../views/extras-fields.js';
import { extrasLeftInSlots, offeredExtrasOf } from '../../core/availability/extra-offers.service.js';

type BySlot = FastifyRequest<{ Params: { slotId: string } }>;

/**
 * Booking for a caller (a phone booking) on a slot of the member's venues: the form, and placing
 * it through the same service as an organiser's booking. Another venue's slot is not found.
 */
export async function phoneBookingRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth, linkKey } = context;
  const payments = paymentContextOf(context);
  async function formPage(
    request: BySlot,
    reply: FastifyReply,
    status: number,
    values: PhoneBookingValues,
    errors: FieldMessages = {},
    refusal?: string,
  ) {
    const { slot, activity } = await findSlotForStaff(db, request.staff, request.params.slotId);
    const now = clock.now();
    const extras = await offeredExtrasOf(db, activity.id);
    return sendPage(
      reply,
      status,
      <PhoneBookingPage
        ui={adminUiFor(request, auth)}
        slot={slot}
        activity={activity}
        statuses={staffStatusChoices(activity, slot, now)}
        optionUntil={optionOffer(activity.rules.options, slot, now)}
        values={values}
        errors={errors}
        refusal={refusal}
        extras={extras}
        extrasLeft={(await extrasLeftInSlots(db, extras, [slot.id])).get(slot.id)!}
      />,
    );
  }

  app.get('/slots/:slotId/book', async (request: BySlot, reply) => {
    requirePermission(request, 'bookings.write');
    const { activity } = await findSlotForStaff(db, request.staff, request.params.slotId);
    const values = {
      ...organiserValuesFrom({}),
      party: partyValuesFrom({}, categoriesOf(activity.pricing)),
      language: adminUiFor(request, auth).lang,
      status: 'confirmed',
      submissionKey: newToken(),
      extras: {},
      discountCode: '',
      voucherCode: '',
    };
    return formPage(request, reply, 200, values);
  });

  app.post('/slots/:slotId/book', async (request: BySlot, reply) => {
    requirePermission(request, 'bookings.write');
    const ui = adminUiFor(request, auth);
    const { activity } = await findSlotForStaff(db, request.staff, request.params.slotId);
    // For an activity with price categories, the counts of each; the group size is their sum.
    const party = partyValuesFrom(request.body, categoriesOf(activity.pricing));
    const counted = Object.keys(party).length > 0 ? partyInputOf(party, ui.lang) : undefined;
    const values = {
      ...organiserValuesFrom(request.body),
      ...(counted && { groupSize: optionalNumberText(counted.groupSize, ui.lang) }),
      party,
      language: formField(request.body, 'language'),
      status: formField(request.body, 'status'),
      submissionKey: formField(request.body, 'submissionKey'),
      extras: extrasValuesFrom(request.body),
      discountCode: formField(request.body, 'discountCode'),
      voucherCode: formField(request.body, 'voucherCode'),
    };
    try {
      const input = {
        ...organiserInput(values, ui.lang),
        party: counted?.party,
        submissionKey: values.submissionKey || undefined,
        extras: extrasInputOf(values.extras, ui.lang),
        discountCode: values.discountCode.trim() || undefined,
        voucherCode: values.voucherCode.trim() || undefined,
      };
      const result = await bookForCaller(db, clock, linkKey, payments, staffActorOf(request), request.params.slotId, input);
      if (!result.ok)
        return await formPage(
          request,
          reply,
          FIELD_ERRORS_STATUS,
          values,
          fieldMessages(ui.t, withNumberFaults(result.errors, request.body, ui.lang)),
        );
      return reply.seeOther(`/admin/bookings/${result.value.bookingId}?done=phone_booked`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      // A rule of the moment (the slot filled up, closed, too many options): the form, as typed, says why.
      return formPage(request, reply, statusOfDomainError(error.code), values, {}, ui.t(`error.${error.code}`));
    }
  });
}
