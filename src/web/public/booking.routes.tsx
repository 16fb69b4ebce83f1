import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, paymentContextOf } from '../app-context.js';
import type { Slot } from '../../core/availability/slot.js';
import { refusalFor } from '../../core/availability/bookability.js';
import { type BookingInput, groupLimitError, parseBookingInput, withSlotErrors } from '../../core/bookings/booking-input.js';
import { findEarlierBookings } from '../../core/bookings/earlier-bookings.service.js';
import { isRandomKey } from '../../core/bookings/submission-key.js';
import { findSlotToBook, quoteBooking, submitBooking } from '../../core/booking-flows/booking.service.js';
import { FieldsRefused } from '../../core/shared/field-errors.js';
import { clientAddress } from '../../core/activity-log/activity-log.js';
import { optionOffer, optionRefusal } from '../../core/bookings/option.js';
import type { Activity } from '../../core/catalog/activity.js';
import { DomainError } from '../../core/shared/errors.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import { newToken } from '../../core/shared/ids.js';
import { isLanguage, type Language } from '../../core/shared/language.js';
import { readCurrentTerms } from '../../core/venues/venue-terms.service.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, noteOutage, markUnavailable, statusOfDomainError } from '../plugins/errors.js';
import { setLanguageCookie, uiFor } from '../plugins/language.js';
import type { FieldMessages } from '../field-errors.js';
import { type BookingFormValues, BookingFormPage } from '../views/booking-form.page.js';
import { BookingReviewPage } from '../views/booking-review.page.js';
import { slotRefusalText } from '../views/slot-refusal.js';
import { SubmissionReplayedPage } from '../views/submission-replayed.page.js';
import { refuseThrottled } from './booking-throttle.js';
import { formField, formNumber, organiserValuesFrom, withNumberFaults } from '../form-body.js';
import { sendPage } from './respond.js';
import type { Ui } from '../views/ui.js';
import { BILLING_FIELDS, billingInputOf } from '../views/billing-fields.js';
import { type PaymentPlanView, planViewOf } from '../views/payment-plan.js';
import { categoriesOf, partyOf } from '../../core/catalog/pricing.js';
import { partyInputOf, partyValuesFrom, partyValuesOf } from '../party-form.js';
import { extrasInputOf, extrasValuesFrom } from '../views/extras-fields.js';
import { extraSoldOutText } from '../views/extra-refusal.js';
import { extrasLeftInSlots, offeredExtrasOf } from '../../core/availability/extra-offers.service.js';
import { plannedProgramme } from '../../core/resources/programme-view.service.js';

type SlotRequest = FastifyRequest<{ Params: { slotId: string } }>;

/**
 * The form's fields as sent; a submission key only when it is one (a form carries it from the
 * review step). For an activity with price categories, the counts per category, and the group
 * size their sum (when they are numbers).
 */
function valuesFrom(body: unknown, activity: Activity, lang: Language): BookingFormValues {
  const field = (name: string) => formField(body, name);
  const key = field('submissionKey');
  const party = partyValuesFrom(body, categoriesOf(activity.pricing));
  const sum = partyInputOf(party, lang).groupSize;
  return {
    ...organiserValuesFrom(body),
    ...(Object.keys(party).length > 0 && { groupSize: sum === undefined ? '' : String(sum) }),
    party,
    acceptTerms: field('acceptTerms') === 'yes',
    option: field('option') === 'yes',
    submissionKey: isRandomKey(key) ? key : '',
    discountCode: field('discountCode'),
    voucherCode: field('voucherCode'),
    payBy: field('payBy') === 'invoice' ? 'invoice' : field('payBy') === 'online' ? 'online' : '',
    ...(Object.fromEntries(BILLING_FIELDS.map((name) => [name, field(name)])) as Record<(typeof BILLING_FIELDS)[number], string>),
    extras: extrasValuesFrom(body),
  };
}

/**
 * The version of the venue's terms the page showed, as its hidden field sends it: null for none
 * (and for anything that is not a version, so the terms are shown again); undefined when the body
 * has no such field (a page from before the field), which checks nothing.
 */
function termsVersionFrom(body: unknown): number | null | undefined {
  if (typeof body !== 'object' || body === null || !('termsVersion' in body)) return undefined;
  const sent = formNumber(formField(body, 'termsVersion'), 'plain');
  return typeof sent === 'number' && sent > 0 ? sent : null;
}

/**
 * The booking flow: form, review with the price, confirmation. Works with plain HTML forms. The
 * form is opened with a submission key, which the steps carry through "change details" and back,
 * so that confirming again answers with the booking placed the first time (the review step says so).
 * Nothing on these pages depends on other bookings of the address typed: whoever types an address
 * learns nothing about its bookings (its owner hears of them by mail, see placeBooking). The
 * language switcher submits the form, which comes back in the language picked.
 */
export async function bookingRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, linkKey, bookingLimits, publicUrl } = context;
  const payments = paymentContextOf(context);
  async function slotOf(request: SlotRequest): Promise<{ slot: Slot; activity: Activity }> {
    const found = await findSlotToBook(db, request.params.slotId);
    if (!found) throw new DomainError('not_found');
    return found;
  }

  /** A programme as the form's group would do it (its subgroups when it splits); none for an ordinary activity. */
  async function programmeOf({ slot, activity }: { slot: Slot; activity: Activity }, groupSize: string, lang: Language) {
    const size = formNumber(groupSize, lang);
    return plannedProgramme(db, activity.id, slot.startsAt, typeof size === 'number' && size > 0 ? size : activity.minGroupSize);
  }

  async function form(
    ui: Ui,
    found: { slot: Slot; activity: Activity },
    values: BookingFormValues,
    errors: FieldMessages = {},
    refusal?: string,
  ) {
    const extras = await offeredExtrasOf(db, found.activity.id);
    return (
      <BookingFormPage
        terms={await readCurrentTerms(db, found.activity.venue.id)}
        ui={ui}
        activity={found.activity}
        slot={found.slot}
        values={values}
        errors={errors}
        refusal={refusal}
        optionUntil={optionOffer(found.activity.rules.options, found.slot, clock.now())}
        optionTooLate={optionRefusal(found.activity.rules.options, found.slot, clock.now()) === 'option_too_late'}
        paymentPlan={await planFor(found, values, ui.lang)}
        extras={extras}
        extrasLeft={(await extrasLeftInSlots(db, extras, [found.slot.id])).get(found.slot.id)!}
        programme={await programmeOf(found, values.groupSize, ui.lang)}
      />
    );
  }

  /**
   * What a booking of the form's group would pay when, by the way of paying chosen; undefined while
   * a rule refuses it (the form says why).
   */
  async function planFor(found: { slot: Slot }, values: BookingFormValues, lang: Language): Promise<PaymentPlanView | undefined> {
    const size = formNumber(values.groupSize, lang);
    if (typeof size !== 'number') return undefined;
    try {
      const payBy = values.payBy === 'invoice' ? 'invoice' : undefined;
      const party = Object.keys(values.party).length > 0 ? (partyInputOf(values.party, lang).party as Record<string, number>) : undefined;
      const extras = extrasInputOf(values.extras, lang) as Record<string, number>;
      const discountCode = values.discountCode.trim() || undefined;
      const voucherCode = values.voucherCode.trim() || undefined;
      const quote = await quoteBooking(db, clock, payments, {
        slotId: found.slot.id,
        groupSize: size,
        party,
        payBy,
        extras,
        discountCode,
        voucherCode,
      });
      return planViewOf(quote.payment, quote.price.totalCents, payments.settings.windowMinutes, quote.voucher);
    } catch (error) {
      if (error instanceof DomainError || error instanceof FieldsRefused) return undefined;
      throw error;
    }
  }

  /**
   * The database could not store the booking (a full disk, say) or answer: the step the organiser
   * was on again, 503, with everything typed and its submission key, when the database can still
   * show it: the review for a confirmation (`confirming`), else the form; otherwise the plain
   * "temporarily unavailable" page (errors.tsx), which sends the form again as it was.
   */
  async function unavailableStep(
    request: FastifyRequest,
    reply: FastifyReply,
    ui: Ui,
    found: { slot: Slot; activity: Activity },
    values: BookingFormValues,
    confirming: BookingInput | undefined,
    error: unknown,
  ) {
    const refusal = ui.t('error.booking_unavailable');
    const shown = confirming
      ? review(reply, ui, values, confirming, 503, refusal)
      : form(ui, found, values, {}, refusal).then((page) => sendPage(markUnavailable(reply), 503, page));
    const sent = await shown.catch(() => {
      throw error;
    });
    noteOutage(request, error);
    return sent;
  }

  app.get('/book/:slotId', async (request: SlotRequest, reply) => {
    const found = await slotOf(request);
    const ui = uiFor(request);
    const requested = formNumber(formField(request.query, 'groupSize'), ui.lang);
    const groupSize = typeof requested === 'number' ? requested : found.activity.minGroupSize;
    // The submission key is made with the form, so that a form sent again (Back from the
    // confirmation, then Reload) is the same submission as the first.
    const party = partyOf(found.activity.pricing, { groupSize });
    const values = {
      ...valuesFrom({}, found.activity, ui.lang),
      groupSize: String(groupSize),
      party: party ? partyValuesOf(party) : {},
      submissionKey: newToken(),
    };
    // A group outside the activity's limits is the group size field's error; other rules refuse the slot.
    const limit = groupLimitError(found.activity, groupSize);
    if (limit) return sendPage(reply, 200, await form(ui, found, values, fieldMessages(ui.t, [limit])));
    const refusal = refusalFor(found.activity, found.slot, groupSize, clock.now());
    return sendPage(reply, 200, await form(ui, found, values, {}, refusal && slotRefusalText(ui, found.slot, refusal)));
  });

  /**
   * The review step: the price, what confirming places, and whether this form placed its booking
   * already; `refusal` when confirming did not place it (the terms changed since the organiser was
   * shown them, which the caller then does not check again; the database could not store it).
   */
  async function review(reply: FastifyReply, ui: Ui, values: BookingFormValues, input: BookingInput, status = 200, refusal?: string) {
    const earlier = await findEarlierBookings(db, input);
    // This form placed its booking already (Back, "change details", Continue) and its slot has no
    // room for the change now: that booking, rather than a refusal that sends them to another time.
    const quote = await quoteBooking(db, clock, payments, input).catch((error: unknown) => {
      if (earlier.placed && error instanceof DomainError) return undefined;
      throw error;
    });
    if (!quote) return sendPage(reply, 200, <SubmissionReplayedPage ui={ui} {...earlier.placed!} />);
    // The key survives "change details"; a new one only for a form sent without one or a key that placed another booking.
    const submissionKey = values.submissionKey && !earlier.keyTaken ? values.submissionKey : newToken();
    return sendPage(
      status === 503 ? markUnavailable(reply) : reply,
      status,
      <BookingReviewPage
        ui={ui}
        activity={quote.activity}
        slot={quote.slot}
        values={{ ...values, submissionKey }}
        price={quote.price}
        status={quote.status}
        optionExpiresAt={quote.optionExpiresAt}
        paymentPlan={planViewOf(quote.payment, quote.price.totalCents, payments.settings.windowMinutes, quote.voucher)}
        earlier={earlier}
        terms={await readCurrentTerms(db, quote.activity.venue.id)}
        refusal={refusal}
        now={clock.now()}
        programme={await programmeOf(quote, values.groupSize, ui.lang)}
      />,
    );
  }

  app.post('/book/:slotId', async (request: SlotRequest, reply) => {
    const found = await slotOf(request);
    const picked = formField(request.body, 'lang');
    const switching = isLanguage(picked);
    if (switching) setLanguageCookie(request, reply, picked, publicUrl);
    const ui = uiFor(request, switching ? picked : undefined);
    const values = valuesFrom(request.body, found.activity, ui.lang);
    const action = switching ? 'switch' : formField(request.body, 'action');
    if (action === 'edit') return sendPage(reply, 200, await form(ui, found, values));

    const raw = {
      ...values,
      slotId: found.slot.id,
      groupSize: formNumber(values.groupSize, ui.lang),
      party: Object.keys(values.party).length > 0 ? partyInputOf(values.party, ui.lang).party : undefined,
      acceptTerms: values.acceptTerms,
      language: ui.lang,
      option: values.option,
      termsVersion: termsVersionFrom(request.body),
      ...billingInputOf(values),
      extras: extrasInputOf(values.extras, ui.lang),
      // Confirming checks the key as sent: a malformed one is refused, never dropped.
      submissionKey: (action === 'confirm' ? formField(request.body, 'submissionKey') : values.submissionKey) || undefined,
    };
    const parsed = parseBookingInput(raw);
    // A group outside the activity's limits is a field error here, reported with the others.
    const errors = withSlotErrors(raw, parsed.ok ? [] : parsed.errors, found.activity, await offeredExtrasOf(db, found.activity.id));
    // A language switch shows the same step again, in the language picked: the form as typed, or the review.
    if (action === 'switch' && (formField(request.body, 'step') !== 'review' || !parsed.ok || errors.length > 0)) {
      return sendPage(reply, 200, await form(ui, found, values));
    }
    if (!parsed.ok || errors.length > 0) {
      return sendPage(
        reply,
        FIELD_ERRORS_STATUS,
        await form(ui, found, values, fieldMessages(ui.t, withNumberFaults(errors, request.body, ui.lang))),
      );
    }
    try {
      if (action === 'confirm') {
        const submitted = await submitBooking(db, clock, linkKey, payments, parsed.input, {
          client: clientAddress(request.ip),
          limits: bookingLimits,
        });
        if (!submitted.replayed) return reply.seeOther(`/b/${submitted.manageToken}?created=1`);
        return sendPage(reply, 200, <SubmissionReplayedPage ui={ui} {...submitted} />);
      }
      return await review(reply, ui, values, parsed.input);
    } catch (error) {
      // Fields the activity refuses since the form was checked (its venue now requires a reference,
      // an extra is no longer offered, a discount code was used up meanwhile, say): the form with those errors.
      if (error instanceof FieldsRefused) {
        return sendPage(
          reply,
          FIELD_ERRORS_STATUS,
          await form(ui, found, values, fieldMessages(ui.t, withNumberFaults(error.errors, request.body, ui.lang))),
        );
      }
      if (isDatabaseUnavailable(error)) {
        return unavailableStep(request, reply, ui, found, values, action === 'confirm' ? parsed.input : undefined, error);
      }
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      let refused = error;
      // Terms published since the page was shown: the review step again, with the new terms to read.
      if (refused.code === 'terms_changed') {
        const terms = ui.t('error.terms_changed');
        const shown = await review(
          reply,
          ui,
          values,
          { ...parsed.input, termsVersion: undefined },
          statusOfDomainError(refused.code),
          terms,
        ).catch((again: unknown) => {
          // The slot changed too (full, closed): the form with that refusal and everything typed.
          if (again instanceof DomainError && again.code !== 'not_found') return again;
          // A field refused meanwhile too (its discount code used up, an extra withdrawn): the form with its error.
          if (again instanceof FieldsRefused) return again;
          throw again;
        });
        if (shown instanceof FieldsRefused) {
          return sendPage(
            reply,
            FIELD_ERRORS_STATUS,
            await form(ui, found, values, fieldMessages(ui.t, withNumberFaults(shown.errors, request.body, ui.lang))),
          );
        }
        if (!(shown instanceof DomainError)) return shown;
        refused = shown;
      }
      const refusal =
        refused.code === 'throttled'
          ? refuseThrottled(refused, ui, reply, clock)
          : refused.code === 'extra_sold_out'
            ? extraSoldOutText(ui, refused)
            : slotRefusalText(ui, found.slot, refused.code);
      return sendPage(reply, statusOfDomainError(refused.code), await form(ui, found, values, {}, refusal));
    }
  });
}
