import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, paymentContextOf } from '../app-context.js';
import {
  addBookingNote,
  changeBookingStatus,
  editBookingAsStaff,
  extendOption,
  listBookingActivityEntries,
  listActivityFilterChoices,
  listBookingsForExport,
  readStaffBooking,
  searchBookings,
  setBookingPaid,
} from '../../core/booking-flows/booking-admin.service.js';
import { reissueBookingLink } from '../../core/booking-flows/booking-links.service.js';
import type { StatusAction } from '../../core/bookings/booking-status.js';
import { venuesFor } from '../../core/catalog/activity-admin.service.js';
import type { MessageKey } from '../i18n/i18n.js';
import { readParticipantList } from '../../core/participants/participant.service.js';
import { DomainError, type DomainErrorCode } from '../../core/shared/errors.js';
import { type FieldError, fieldErrorOfRefusal } from '../../core/shared/field-errors.js';
import { localDateOf } from '../../core/shared/time.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { formField, withNumberFaults } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import type { FieldMessages } from '../field-errors.js';
import { BookingDetailPage } from '../views/admin/booking-detail.page.js';
import { BookingListPage } from '../views/admin/booking-list.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';
import { parseBookingFilter } from '../booking-filters.js';
import { bookingsCsv } from './bookings-csv.js';
import { staffActorOf } from './client.js';
import { atPrefixed, staffEditErrorsAt, staffEditOf } from './organiser-form.js';
import type { StaffEditValues } from '../views/admin/organiser-fields.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import { bookingPricing } from '../../core/bookings/booking-pricing.js';
import type { RefundFormValues } from '../views/admin/booking-refunds.js';
import { quoteCancelNow, STAFF_CANCEL_REFUNDS, type StaffCancelRefund } from '../../core/booking-flows/policy-refund.service.js';
import { refundAsStaff } from '../../core/booking-flows/staff-refund.service.js';
import { readBookingMoney } from '../../core/booking-flows/balances.service.js';
import { listBookingInvoices } from '../../core/invoices/invoice-list.service.js';
import { recordBankPayment } from '../../core/booking-flows/bank-payment.service.js';
import type { BankPaymentValues } from '../views/admin/booking-money.js';
import { movePartFromForm, readBookingProgramme, resetPartMove } from '../../core/booking-flows/part-move.service.js';
import type { PartMoveForm } from '../../core/resources/part-move.js';
import { moveFieldPrefix } from '../views/admin/booking-programme.js';
import { formBuffers, formFields } from './catalog-form.js';

type ById = { Params: { id: string } };
type ByPart = { Params: { id: string; partId: string } };

/** What a redirect after a change confirms on the detail page. */
const DONE: Record<string, MessageKey> = {
  cancelled: 'booking_admin.done_cancelled',
  paid: 'booking_admin.done_paid',
  unpaid: 'booking_admin.done_unpaid',
  note: 'booking_admin.done_note',
  manage_link: 'booking_admin.done_manage_link',
  participant_link: 'booking_admin.done_participant_link',
  accepted: 'option_admin.done_accepted',
  declined: 'option_admin.done_declined',
  confirmed: 'option_admin.done_confirmed',
  extended: 'option_admin.done_extended',
  phone_booked: 'phone_booking.done',
  edited: 'booking_edit.done',
  refunded: 'refunds.admin.done',
  payment: 'money.done_recorded',
  part_moved: 'booking_programme.done_moved',
  part_reset: 'booking_programme.done_reset',
};

/** The staff refund form's fields, by the ids of their inputs on the booking's page. */
const REFUND_FIELDS: Record<string, string> = { amount: 'refund-amount', reason: 'refund-reason' };

/** The cancel form's refund choice; by the policy unless it names another. */
function cancelRefundOf(body: unknown): StaffCancelRefund {
  const value = formField(body, 'refund');
  return (STAFF_CANCEL_REFUNDS as readonly string[]).includes(value) ? (value as StaffCancelRefund) : 'policy';
}

/** The ids of the record-payment form's fields on the booking's page. */
const PAYMENT_PREFIX = 'payment-';

/** The ids of the change form's fields on the booking's page (beside the note and confirmation fields). */
const EDIT_PREFIX = 'edit-';

/** Status changes that cannot be undone go only with their box ticked: the error at the box (its id on the page) when it is not. */
const NEEDS_TICK: Partial<Record<StatusAction, FieldError>> = {
  cancel: { field: 'confirm', code: 'cancel_unconfirmed' },
  decline: { field: 'decline-confirm', code: 'decline_unconfirmed' },
};

/** The option's refusals, shown at the option panel. */
const OPTION_REFUSALS: Partial<Record<DomainErrorCode, string>> = { option_expired: 'option', option_already_extended: 'option' };

/** What each status change confirms after the redirect. */
const STATUS_DONE: Record<StatusAction, string> = { accept: 'accepted', decline: 'declined', confirm: 'confirmed', cancel: 'cancelled' };

/** The bookings list, its CSV export, and one booking with its status, payment and internal notes. */
export async function bookingAdminRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth, linkKey } = context;
  const payments = paymentContextOf(context);
  /** The filter from the query string, checked against the activities in the member's scope. */
  async function filterOf(request: FastifyRequest) {
    const scope = venueScopeOf(request.staff);
    const ui = adminUiFor(request, auth);
    const [activities, venues] = await Promise.all([listActivityFilterChoices(db, scope), venuesFor(db, request.staff)]);
    const parsed = parseBookingFilter(
      request.query,
      activities.map((a) => a.id),
    );
    const showVenue = venues.length > 1;
    const choices = activities.map((a) => ({
      id: a.id,
      label: showVenue ? `${ui.lang === 'en' ? a.title_en : a.title_nl} · ${a.venue_name}` : ui.lang === 'en' ? a.title_en : a.title_nl,
    }));
    return { scope, ui, parsed, choices, showVenue };
  }

  app.get('/bookings', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const { scope, ui, parsed, choices, showVenue } = await filterOf(request);
    const refused = parsed.errors.length > 0;
    const result = refused ? null : await searchBookings(db, scope, parsed.filter, parsed.page);
    const errors = fieldMessages(ui.t, parsed.errors);
    return sendPage(
      reply,
      refused ? FIELD_ERRORS_STATUS : 200,
      <BookingListPage ui={ui} values={parsed.values} errors={errors} activities={choices} result={result} showVenue={showVenue} />,
    );
  });

  app.get('/bookings.csv', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const { scope, ui, parsed, choices, showVenue } = await filterOf(request);
    if (parsed.errors.length > 0) {
      const errors = fieldMessages(ui.t, parsed.errors);
      return sendPage(
        reply,
        FIELD_ERRORS_STATUS,
        <BookingListPage ui={ui} values={parsed.values} errors={errors} activities={choices} result={null} showVenue={showVenue} />,
      );
    }
    const items = await listBookingsForExport(db, scope, parsed.filter);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="groupz-bookings-${localDateOf(clock.now())}.csv"`)
      .send(bookingsCsv(items, ui.t, ui.lang));
  });

  async function sendDetail(
    request: FastifyRequest<ById>,
    reply: FastifyReply,
    status: number,
    extra: {
      note?: string;
      edit?: StaffEditValues;
      payment?: BankPaymentValues;
      errors?: FieldMessages;
      refund?: RefundFormValues;
      moving?: { partId: string; values: PartMoveForm };
    } = {},
  ) {
    const scope = venueScopeOf(request.staff);
    const ui = adminUiFor(request, auth);
    const booking = await readStaffBooking(db, scope, request.params.id);
    const money = await readBookingMoney(db, clock, booking.id);
    const invoices = await listBookingInvoices(db, clock, booking.id);
    const history = await listBookingActivityEntries(db, scope, booking.reference);
    const participants = await readParticipantList(db, clock, booking);
    const policy = await quoteCancelNow(db, clock, booking);
    const programme = await readBookingProgramme(db, clock, booking);
    const key = formField(request.query, 'done');
    const done = Object.hasOwn(DONE, key) ? DONE[key] : undefined;
    return sendPage(
      reply,
      status,
      <BookingDetailPage
        ui={ui}
        booking={booking}
        money={money}
        invoices={invoices}
        refunds={{
          refunds: money.refunds,
          paidCents: money.payment.paidCents,
          refundedCents: money.payment.refundedCents,
          refundableCents: money.payment.paidCents - money.payment.refundedCents,
          policyRefundCents: policy.amountCents,
        }}
        history={history}
        participants={participants}
        notice={done && ui.t(done)}
        programme={programme}
        {...extra}
      />,
    );
  }

  app.get<ById>('/bookings/:id', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    return sendDetail(request, reply, 200);
  });

  /** Runs a change and redirects to the booking with what it did; an option the rules refuse shows the page with the reason. */
  async function applyChange(request: FastifyRequest<ById>, reply: FastifyReply, change: () => Promise<boolean>, done: string) {
    try {
      const changed = await change();
      return reply.seeOther(`/admin/bookings/${request.params.id}${changed ? `?done=${done}` : ''}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const refusal = fieldErrorOfRefusal(error, OPTION_REFUSALS);
      if (!refusal) throw error;
      const ui = adminUiFor(request, auth);
      return sendDetail(request, reply, statusOfDomainError(error.code), { errors: fieldMessages(ui.t, [refusal]) });
    }
  }

  for (const action of ['accept', 'decline', 'confirm', 'cancel'] as const) {
    app.post<ById>(`/bookings/:id/${action}`, async (request, reply) => {
      requirePermission(request, 'bookings.write');
      const tick = NEEDS_TICK[action];
      if (tick && formField(request.body, 'confirm') !== 'yes') {
        // Nothing changes without the confirmation; the page says so (and a foreign id is still not found).
        const ui = adminUiFor(request, auth);
        return sendDetail(request, reply, FIELD_ERRORS_STATUS, { errors: fieldMessages(ui.t, [tick]) });
      }
      return applyChange(
        request,
        reply,
        () =>
          changeBookingStatus(db, clock, staffActorOf(request), request.params.id, action, {
            refund: action === 'cancel' ? cancelRefundOf(request.body) : 'none',
            payments,
          }),
        STATUS_DONE[action],
      );
    });
  }

  app.post<ById>('/bookings/:id/extend', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    return applyChange(request, reply, () => extendOption(db, clock, staffActorOf(request), request.params.id), 'extended');
  });

  for (const paid of [true, false]) {
    app.post<ById>(`/bookings/:id/${paid ? 'paid' : 'unpaid'}`, async (request, reply) => {
      requirePermission(request, 'bookings.write');
      const changed = await setBookingPaid(db, clock, staffActorOf(request), request.params.id, paid);
      return reply.seeOther(`/admin/bookings/${request.params.id}${changed ? `?done=${paid ? 'paid' : 'unpaid'}` : ''}`);
    });
  }

  // A bank transfer received, partial or full: refused fields all at once, as typed; a booking that owes nothing says so at the amount.
  app.post<ById>('/bookings/:id/payments', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    const ui = adminUiFor(request, auth);
    const payment: BankPaymentValues = {
      amount: formField(request.body, 'amount'),
      receivedOn: formField(request.body, 'receivedOn'),
      note: formField(request.body, 'note'),
    };
    try {
      const recorded = await recordBankPayment(db, clock, staffActorOf(request), request.params.id, { ...payment });
      if (!recorded.ok) {
        return await sendDetail(request, reply, FIELD_ERRORS_STATUS, {
          payment,
          errors: fieldMessages(ui.t, atPrefixed(PAYMENT_PREFIX, recorded.errors)),
        });
      }
      return reply.seeOther(`/admin/bookings/${request.params.id}?done=payment`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'nothing_due') throw error;
      const errors = fieldMessages(ui.t, [{ field: `${PAYMENT_PREFIX}amount`, code: error.code }]);
      return sendDetail(request, reply, statusOfDomainError(error.code), { payment, errors });
    }
  });

  app.post<ById>('/bookings/:id/notes', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    const text = formField(request.body, 'note');
    const added = await addBookingNote(db, clock, staffActorOf(request), request.params.id, text);
    if (!added.ok) {
      const ui = adminUiFor(request, auth);
      return sendDetail(request, reply, FIELD_ERRORS_STATUS, { note: text, errors: fieldMessages(ui.t, added.errors) });
    }
    return reply.seeOther(`/admin/bookings/${request.params.id}?done=note`);
  });

  // Staff's change of the group size and the organiser's details: refused fields all at once, as typed;
  // a rule of the moment (slot full, a concurrent change) at the group size.
  app.post<ById>('/bookings/:id/details', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    const ui = adminUiFor(request, auth);
    // The booking's categories (the prices it keeps): staff type the counts of each, as the organiser does.
    const categories = categoriesOf(bookingPricing(await readStaffBooking(db, venueScopeOf(request.staff), request.params.id)));
    const { values: edit, input } = staffEditOf(request.body, categories, ui.lang);
    const at = (errors: FieldError[]) => staffEditErrorsAt(EDIT_PREFIX, errors, categories.length > 0);
    try {
      const result = await editBookingAsStaff(db, clock, staffActorOf(request), request.params.id, input, payments);
      if (!result.ok) {
        return await sendDetail(request, reply, FIELD_ERRORS_STATUS, {
          edit,
          errors: fieldMessages(ui.t, at(withNumberFaults(result.errors, request.body, ui.lang))),
        });
      }
      const changed = result.value.groupSize.changed || result.value.fields.length > 0;
      return reply.seeOther(`/admin/bookings/${request.params.id}${changed ? '?done=edited' : ''}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found') throw error;
      const errors = fieldMessages(ui.t, at([{ field: 'groupSize', code: error.code }]));
      return sendDetail(request, reply, statusOfDomainError(error.code), { edit, errors });
    }
  });

  // Staff refund an amount up to what was paid net of refunds, with a reason; refused fields all at once, as typed.
  app.post<ById>('/bookings/:id/refund', async (request, reply) => {
    requirePermission(request, 'bookings.write');
    const ui = adminUiFor(request, auth);
    const typed = { amount: formField(request.body, 'amount'), reason: formField(request.body, 'reason') };
    const result = await refundAsStaff(db, clock, payments, staffActorOf(request), request.params.id, typed);
    if (!result.ok) {
      const errors = fieldMessages(
        ui.t,
        result.errors.map((error) => ({ ...error, field: REFUND_FIELDS[error.field] ?? error.field })),
      );
      return sendDetail(request, reply, FIELD_ERRORS_STATUS, { refund: typed, errors });
    }
    return reply.seeOther(`/admin/bookings/${request.params.id}?done=refunded`);
  });

  // Move one part of a booked programme for this booking only, or put it back as planned: refused
  // fields (a booked time that would lose its room among them) at the part's form, as typed.
  for (const action of ['move', 'reset'] as const) {
    app.post<ByPart>(`/bookings/:id/parts/:partId/${action}`, async (request, reply) => {
      requirePermission(request, 'bookings.write');
      const ui = adminUiFor(request, auth);
      const { id, partId } = request.params;
      const values: PartMoveForm = {
        start: formField(request.body, 'start'),
        resources: formFields(request.body, 'resources'),
        buffers: formBuffers(request.body),
      };
      try {
        const result =
          action === 'move'
            ? await movePartFromForm(db, clock, staffActorOf(request), id, partId, values, request.lang)
            : await resetPartMove(db, clock, staffActorOf(request), id, partId);
        if (result.ok)
          return reply.seeOther(
            `/admin/bookings/${id}${result.value === false ? '' : `?done=part_${action === 'move' ? 'moved' : 'reset'}`}`,
          );
        const errors = fieldMessages(ui.t, atPrefixed(moveFieldPrefix(partId), result.errors));
        return await sendDetail(request, reply, FIELD_ERRORS_STATUS, { errors, ...(action === 'move' && { moving: { partId, values } }) });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'booking_not_active') throw error;
        const errors = fieldMessages(ui.t, [{ field: 'programme', code: error.code }]);
        return sendDetail(request, reply, statusOfDomainError(error.code), { errors });
      }
    });
  }

  // Revoke a private link of the booking and issue the next one (the panel's two buttons).
  for (const [purpose, done] of [
    ['manage', 'manage_link'],
    ['participants', 'participant_link'],
  ] as const) {
    app.post<ById>(`/bookings/:id/links/${purpose}`, async (request, reply) => {
      requirePermission(request, 'bookings.write');
      const reissued = await reissueBookingLink(db, clock, linkKey, staffActorOf(request), request.params.id, purpose);
      return reply.seeOther(`/admin/bookings/${request.params.id}${reissued ? `?done=${done}` : ''}`);
    });
  }
}
