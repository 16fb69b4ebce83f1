import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, paymentContextOf } from '../app-context.js';
import type { BookingDetails } from '../../core/bookings/booking.js';
import { cancelRefusal, organiserActions } from '../../core/bookings/booking-changes.js';
import { cancelByOrganiser, changeGroupSize } from '../../core/booking-flows/booking-changes.service.js';
import { resendManageLink } from '../../core/booking-flows/booking-links.service.js';
import { findBookingByLink } from '../../core/booking-flows/booking.service.js';
import { confirmOption } from '../../core/booking-flows/option.service.js';
import { readOrganiserPayment } from '../../core/payments/organiser-payment.service.js';
import { listBookingInvoices } from '../../core/invoices/invoice-list.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { quoteCancelNow, readRefundOutlook } from '../../core/booking-flows/policy-refund.service.js';
import { uiFor } from '../plugins/language.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { ManageCancelPage } from '../views/manage-cancel.page.js';
import { ManageGroupSizePage } from '../views/manage-group-size.page.js';
import { quoteGroupSize } from '../../core/booking-flows/group-size-quote.service.js';
import { managePath, refusalMessage } from '../views/manage-actions.js';
import { ManagePage, type ManagePageProps } from '../views/manage.page.js';
import type { Ui } from '../views/ui.js';
import { formField, formNumber, withNumberFaults } from '../form-body.js';
import { wholeNumberFault } from '../../core/catalog/admin-fields.js';
import { loadParticipantsSection } from './participants.routes.js';
import { sendPage } from './respond.js';
import { extraSoldOutText } from '../views/extra-refusal.js';
import { FieldsRefused } from '../../core/shared/field-errors.js';
import { payWithVoucher } from '../../core/booking-flows/voucher-redemption.service.js';
import { type Party, sameGroup } from '../../core/catalog/price-categories.js';
import { categoriesOf, changedGroup } from '../../core/catalog/pricing.js';
import { bookingPricing } from '../../core/bookings/booking-pricing.js';
import { fieldMessage, fieldMessages } from '../field-errors.js';
import { bookingProgramme } from '../../core/resources/programme-view.service.js';
import { readErasureRequest } from '../../core/privacy/data-requests.service.js';
import { partyInputOf, partyValuesFrom, type PartyValues } from '../party-form.js';
import { count } from '../../core/i18n/i18n.js';

/** A group as typed on the manage page's form: its size, and for an activity with price categories the counts of each. */
type TypedGroup = { groupSize: string; party?: PartyValues };

type ByToken = { Params: { token: string } };
export type TokenRequest = FastifyRequest<ByToken>;

/** What the page confirms after an action redirected to it (`?done=`). */
function noticeFor(ui: Ui, booking: BookingDetails, done: string): string | undefined {
  switch (done) {
    case 'changed':
      return ui.t('manage.done.changed', { n: count(booking.groupSize) });
    case 'unchanged':
      return ui.t('manage.done.unchanged', { n: count(booking.groupSize) });
    case 'cancelled':
      return ui.t('manage.done.cancelled');
    case 'confirmed':
      return ui.t(booking.status === 'requested' ? 'manage.done.requested' : 'manage.done.confirmed');
    case 'resent':
      return ui.t('manage.done.resent', { email: booking.email });
    case 'voucher_paid':
      return ui.t('manage.done.voucher_paid');
    case 'nothing_due':
      return ui.t('error.nothing_due');
    default:
      return undefined;
  }
}

/**
 * The manage page of a booking, with its participants and its money; `extra` for what the request
 * adds (a notice, a refusal, the return from the checkout).
 */
export async function sendManagePage(
  context: AppContext,
  request: TokenRequest,
  reply: FastifyReply,
  status: number,
  booking: BookingDetails,
  extra: Pick<ManagePageProps, 'justBooked' | 'notice' | 'refusal' | 'paymentOutcome'> = {},
) {
  const participants = await loadParticipantsSection(context, request, booking);
  const payment = await readOrganiserPayment(context.db, booking.id, context.clock.now());
  const refunds = await readRefundOutlook(context.db, context.clock, {
    id: booking.id,
    startsAt: booking.slot.startsAt,
    totalCents: booking.price.totalCents,
  });
  const invoices = await listBookingInvoices(context.db, context.clock, booking.id);
  const programme = await bookingProgramme(context.db, booking);
  const erasureRequestedAt = await readErasureRequest(context.db, booking.id);
  return sendPage(
    reply,
    status,
    <ManagePage
      ui={uiFor(request)}
      booking={booking}
      token={request.params.token}
      now={context.clock.now()}
      participants={participants}
      payment={payment}
      refunds={refunds}
      invoices={invoices}
      programme={programme}
      erasureRequestedAt={erasureRequestedAt}
      {...extra}
    />,
  );
}

/** Runs a change; a refusal (of the domain, or of fields) comes back as its error, anything else is thrown on. */
async function attempt<T>(change: () => Promise<T>): Promise<T | DomainError | FieldsRefused> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof DomainError || error instanceof FieldsRefused) return error;
    throw error;
  }
}

/**
 * The private manage link and its actions: the page, a new group size, cancelling (a confirmation
 * page, then the post), and mailing the link again. A wrong, malformed or re-issued token gets the
 * same plain 404 as any unknown page; every answer is `no-store`. Changes are POSTs (the app-wide
 * same-origin check applies) and set no cookie.
 */
export async function manageRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock } = context;
  const payments = paymentContextOf(context);

  async function bookingOf(request: TokenRequest): Promise<BookingDetails> {
    const booking = await findBookingByLink(db, 'manage', request.params.token);
    if (!booking) throw new DomainError('not_found');
    return booking;
  }

  function sendManage(
    request: TokenRequest,
    reply: FastifyReply,
    status: number,
    booking: BookingDetails,
    extra: Pick<ManagePageProps, 'justBooked' | 'notice' | 'refusal'> = {},
  ) {
    return sendManagePage(context, request, reply, status, booking, extra);
  }

  /**
   * The page again after a refusal, with the booking as it is now; the typed group (size or counts
   * per category) and the message go to the form's fields while the form is still offered, else
   * the message stands alone. A refusal of fields (a count outside its category's limits) names each.
   */
  async function refuse(request: TokenRequest, reply: FastifyReply, error: DomainError | FieldsRefused, typed?: TypedGroup) {
    const booking = await bookingOf(request);
    const ui = uiFor(request);
    const onField = typed !== undefined && organiserActions(booking, clock.now()).changeGroupSize;
    if (error instanceof FieldsRefused) {
      const refusal = {
        code: error.errors[0]!.code,
        message: ui.t('form.errors_heading'),
        ...typed,
        fields: fieldMessages(ui.t, withNumberFaults(error.errors, request.body, ui.lang)),
      };
      return sendManage(request, reply, FIELD_ERRORS_STATUS, booking, { refusal });
    }
    const message = error.code === 'extra_sold_out' ? extraSoldOutText(ui, error) : refusalMessage(ui, booking, error.code);
    const refusal = { code: error.code, message, ...(onField && typed) };
    return sendManage(request, reply, statusOfDomainError(error.code), booking, { refusal });
  }

  function done(request: TokenRequest, reply: FastifyReply, what: string) {
    return reply.seeOther(`${managePath(request.params.token)}?done=${what}`);
  }

  app.get<ByToken>('/b/:token', async (request, reply) => {
    const booking = await bookingOf(request);
    return sendManage(request, reply, 200, booking, {
      justBooked: formField(request.query, 'created') === '1',
      notice: noticeFor(uiFor(request), booking, formField(request.query, 'done')),
    });
  });

  // The addresses the page's forms post to, opened after a refusal (a reload, a language switch): the page.
  for (const action of ['group-size', 'group-size/preview', 'resend']) {
    app.get<ByToken>(`/b/:token/${action}`, async (request, reply) => {
      await bookingOf(request);
      return reply.seeOther(managePath(request.params.token));
    });
  }

  /**
   * The group posted: a size, or for an activity with price categories the counts of each; or (a
   * count that is no number) undefined, the manage page again having been sent with what was typed
   * and the error. (Awaiting a sent reply gives undefined, so the page's answer is no value to return.)
   */
  async function typedGroup(
    request: TokenRequest,
    reply: FastifyReply,
    booking: BookingDetails,
  ): Promise<{ typed: TypedGroup; change: number | Party } | undefined> {
    const categories = categoriesOf(bookingPricing(booking));
    const ui = uiFor(request);
    if (categories.length > 0) {
      const party = partyValuesFrom(request.body, categories);
      const input = partyInputOf(party, ui.lang);
      const typed = { groupSize: String(input.groupSize ?? ''), party };
      if (input.groupSize !== undefined) return { typed, change: input.party as Party };
      const errors = Object.entries(input.party)
        .filter(([, count]) => typeof count !== 'number')
        .map(([key]) => ({ field: `party.${key}`, code: 'not_a_number' as const }));
      await refuse(request, reply, new FieldsRefused(errors), typed);
      return undefined;
    }
    const groupSize = formNumber(formField(request.body, 'groupSize'), ui.lang);
    const typed = { groupSize: formField(request.body, 'groupSize') };
    if (typeof groupSize === 'number') return { typed, change: groupSize };
    const fault = groupSize === undefined ? { code: 'required' as const } : wholeNumberFault(groupSize, ui.lang);
    const refusal = { code: fault.code, message: fieldMessage(ui.t, { field: 'groupSize', ...fault }), ...typed };
    await sendManage(request, reply, FIELD_ERRORS_STATUS, booking, { refusal });
    return undefined;
  }

  // The form's first step: what the new group does to the price and the money; its button posts the change.
  app.post<ByToken>('/b/:token/group-size/preview', async (request, reply) => {
    const booking = await bookingOf(request);
    const posted = await typedGroup(request, reply, booking);
    if (!posted) return reply;
    const { typed, change } = posted;
    if (sameGroup(changedGroup(bookingPricing(booking), booking, change), booking)) return done(request, reply, 'unchanged');
    const quote = await attempt(() => quoteGroupSize(db, clock, booking, change));
    if (quote instanceof DomainError || quote instanceof FieldsRefused) return refuse(request, reply, quote, typed);
    return sendPage(reply, 200, <ManageGroupSizePage ui={uiFor(request)} booking={booking} token={request.params.token} quote={quote} />);
  });

  app.post<ByToken>('/b/:token/group-size', async (request, reply) => {
    const booking = await bookingOf(request);
    const posted = await typedGroup(request, reply, booking);
    if (!posted) return reply;
    const { typed, change } = posted;
    const changed = await attempt(() => changeGroupSize(db, clock, booking, change, payments));
    if (changed instanceof DomainError || changed instanceof FieldsRefused) return refuse(request, reply, changed, typed);
    return done(request, reply, changed.changed ? 'changed' : 'unchanged');
  });

  async function sendCancelPage(
    request: TokenRequest,
    reply: FastifyReply,
    status: number,
    booking: BookingDetails,
    code?: DomainError['code'],
  ) {
    const ui = uiFor(request);
    const refusal = code && { code, message: refusalMessage(ui, booking, code) };
    const refund = await quoteCancelNow(db, clock, booking);
    return sendPage(
      reply,
      status,
      <ManageCancelPage ui={ui} booking={booking} token={request.params.token} refusal={refusal} refund={refund} now={clock.now()} />,
    );
  }

  app.get<ByToken>('/b/:token/cancel', async (request, reply) => {
    const booking = await bookingOf(request);
    return sendCancelPage(request, reply, 200, booking, cancelRefusal(booking, clock.now()));
  });

  app.post<ByToken>('/b/:token/cancel', async (request, reply) => {
    const booking = await bookingOf(request);
    const cancelled = await attempt(() => cancelByOrganiser(db, clock, booking, payments));
    if (cancelled instanceof DomainError) {
      // The page again with the booking as it is now (another request may have changed it).
      return sendCancelPage(request, reply, statusOfDomainError(cancelled.code), await bookingOf(request), cancelled.code);
    }
    return done(request, reply, 'cancelled');
  });

  // The organiser confirms their option in one click; an option past its deadline is refused.
  app.post<ByToken>('/b/:token/confirm', async (request, reply) => {
    const booking = await bookingOf(request);
    const confirmed = await attempt(() => confirmOption(db, clock, booking));
    if (confirmed instanceof DomainError) return refuse(request, reply, confirmed);
    return done(request, reply, 'confirmed');
  });

  // Paying what is open with a gift voucher; a refused code comes back at its field, as typed.
  app.post<ByToken>('/b/:token/voucher', async (request, reply) => {
    const booking = await bookingOf(request);
    const typed = formField(request.body, 'voucherCode');
    const paid = await attempt(() => payWithVoucher(db, clock, booking.id, typed));
    if (paid instanceof FieldsRefused) {
      const ui = uiFor(request);
      const fields = fieldMessages(ui.t, paid.errors);
      const refusal = {
        code: paid.errors[0]!.code,
        message: fields.voucherCode ?? ui.t('form.errors_heading'),
        voucherCode: typed,
        fields,
      };
      return sendManage(request, reply, FIELD_ERRORS_STATUS, await bookingOf(request), { refusal });
    }
    if (paid instanceof DomainError) return refuse(request, reply, paid);
    return done(request, reply, 'voucher_paid');
  });

  app.post<ByToken>('/b/:token/resend', async (request, reply) => {
    const booking = await bookingOf(request);
    const resent = await attempt(() => resendManageLink(db, clock, booking));
    if (resent instanceof DomainError) return refuse(request, reply, resent);
    return done(request, reply, 'resent');
  });

  // Any other path under /b/, a token too long for the router's parameters among them (it would
  // answer 414 beyond 100 characters): the same 404 as a wrong token, or 405 where the path has
  // routes for other methods.
  app.all('/b/*', async (_request, reply) => reply.callNotFound());
}
