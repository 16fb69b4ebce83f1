import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AppContext, paymentContextOf } from '../app-context.js';
import type { SlotOffer } from '../../core/availability/slot.service.js';
import { listSlotOffers } from '../../core/availability/slot.service.js';
import { nextChangeByTime } from '../../core/availability/bookability.js';
import { availabilityVersion } from '../../core/availability/availability-version.service.js';
import { AnswerCache } from '../answer-cache.js';
import { parseBookingInput, withSlotErrors } from '../../core/bookings/booking-input.js';
import { FieldsRefused } from '../../core/shared/field-errors.js';
import { offeredPaymentTerms } from '../../core/payments/mollie-key-source.js';
import type { PaymentTerms } from '../../core/catalog/payment-terms.js';
import { quoteCancelNow } from '../../core/booking-flows/policy-refund.service.js';
import type { RefundPolicy } from '../../core/catalog/refund-policy.js';
import { cancelRefusal } from '../../core/bookings/booking-changes.js';
import { findBookingByLink, findSlotToBook, submitBooking } from '../../core/booking-flows/booking.service.js';
import { type OrganiserPayment, readOrganiserPayment } from '../../core/payments/organiser-payment.service.js';
import { clientAddress } from '../../core/activity-log/activity-log.js';
import { type ActivitySearch, parseSearchTerms } from '../../core/catalog/activity-search.js';
import { type ActivityMatch, searchCatalogue } from '../../core/availability/activity-search.service.js';
import { wholeNumber } from '../../core/catalog/admin-fields.js';
import { findCatalogueActivity } from '../../core/catalog/catalog.service.js';
import { categoriesOf, type PriceBreakdown } from '../../core/catalog/pricing.js';
import type { Extra } from '../../core/catalog/extras.js';
import { extrasLeftInSlots, listOfferedExtras, offeredExtrasOf } from '../../core/availability/extra-offers.service.js';
import { extrasLeftToJson, extraToJson } from './extras-json.js';
import { extraSoldOutText } from '../views/extra-refusal.js';
import { DomainError } from '../../core/shared/errors.js';
import { type FieldError, type FieldErrorCode, fieldErrorsOf } from '../../core/shared/field-errors.js';
import { isKey } from '../../core/shared/ids.js';
import { dateRangeErrors, parseDateRange } from '../../core/shared/date-range.js';
import { checkGroupSize } from '../../core/shared/group-size.js';
import { isLocalDate, localDateOf } from '../../core/shared/time.js';
import { FIELD_ERRORS_STATUS, statusOfDomainError } from '../plugins/errors.js';
import { sendCompressed } from '../plugins/compression.js';
import { uiFor } from '../plugins/language.js';
import { fieldErrorsJson } from '../field-errors.js';
import type {
  activityJson,
  activityListJson,
  bookingCreatedJson,
  bookingReplayedJson,
  manageBookingJson,
  paymentDueJson,
  priceJson,
  slotJson,
  slotListJson,
  validationErrorJson,
} from './api.schemas.js';
import type { ACTIVITY_QUERY_FIELD_CODES, BOOKING_FIELD_CODES, SLOT_QUERY_FIELD_CODES } from './api.schemas.js';
import { isThrottled, refuseThrottled } from './booking-throttle.js';
import { formField, formNumber } from '../form-body.js';
import { openApiDocument } from './openapi.js';
import { termsUrl } from '../venue-urls.js';
import { listBookingInvoices } from '../../core/invoices/invoice-list.service.js';
import { organiserInvoiceUrl } from '../invoice-urls.js';
import { bookingProgramme, listPublicParts, type PublicPart } from '../../core/resources/programme-view.service.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The longest date range one slots request may ask for. */
export const MAX_RANGE_DAYS = 92;

function paymentTermsToJson(terms: PaymentTerms): z.infer<typeof activityJson>['payment'] {
  const deposit = terms.mode === 'deposit';
  return {
    mode: terms.mode,
    depositPercent: deposit ? terms.depositPercent : null,
    balanceDaysBefore: deposit ? terms.balanceDaysBefore : null,
    invoiceAllowed: terms.invoiceAllowed,
    invoiceTermDays: terms.invoiceAllowed ? terms.invoiceTermDays : null,
  };
}

const refundPolicyToJson = (policy: RefundPolicy) => policy.map(({ hoursBefore, percent }) => ({ hoursBefore, percent }));

function partToJson(part: PublicPart): z.infer<typeof activityJson>['parts'][number] {
  return {
    title: part.title,
    offsetMinutes: part.offsetMinutes,
    durationMinutes: part.durationMinutes,
    activityId: part.standAlone?.id ?? null,
    resources: part.resources.map((resource) => resource.name),
    subgroupSize: part.subgroupSize,
  };
}

function activityToJson(
  match: ActivityMatch,
  publicUrl: string,
  platformKey: string | null,
  extras: readonly Extra[],
  parts: readonly PublicPart[],
): z.infer<typeof activityJson> {
  const { activity: a, groupSize, price, perPersonCents, rates } = match;
  const { id, slug, title, description, category, location, durationMinutes, minGroupSize, maxGroupSize, bookingCutoffMinutes, practical } =
    a;
  return {
    id,
    slug,
    title,
    description,
    venue: { name: a.venue.name, city: a.venue.city, termsUrl: `${publicUrl}${termsUrl(a.venue)}` },
    category,
    location,
    durationMinutes,
    minGroupSize,
    maxGroupSize,
    bookingCutoffMinutes,
    practical: { ...practical },
    price: { currency: 'EUR', groupSize, totalCents: price.totalCents, perPersonCents },
    priceCategories: categoriesOf(a.pricing).map((c) => ({
      key: c.key,
      label: c.label,
      amountCents: c.amountCents,
      vatRateBp: rates[c.vat],
      minCount: c.minCount ?? null,
      maxCount: c.maxCount ?? null,
      free: c.free ?? null,
    })),
    payment: paymentTermsToJson(offeredPaymentTerms(a, platformKey)),
    refundPolicy: refundPolicyToJson(a.refundPolicy),
    extras: extras.map(extraToJson),
    parts: parts.map(partToJson),
  };
}

/** The most a search may ask to pay per person, in cents: beyond it, a typing error. Plain digits, as every number in a query. */
const maxPricePerPerson = wholeNumber(0, 100_000_00, 'plain');

/** The field errors of a booking that, alone beside valid fields, its rules refuse instead (404, 409). */
const RULE_CODES: ReadonlySet<string> = new Set(['unknown_slot', 'group_too_small', 'group_too_large']);

/** The activities query: the listing page's search, with the price in cents; each refused parameter named. */
function parseActivityQuery(query: unknown): { search: ActivitySearch; errors: FieldErrorOf<typeof ACTIVITY_QUERY_FIELD_CODES>[] } {
  const field = (name: string) => formField(query, name).trim();
  const { search, errors } = parseSearchTerms({ q: field('q'), city: field('city'), category: field('category') });
  const price = field('maxPricePerPersonCents');
  if (price !== '') {
    const parsed = maxPricePerPerson.safeParse(price);
    if (parsed.success) search.maxPerPersonCents = parsed.data;
    else errors.push(...fieldErrorsOf(parsed.error).map((error) => ({ ...error, field: 'maxPricePerPersonCents' })));
  }
  const date = field('date');
  if (date !== '') {
    if (isLocalDate(date)) search.date = date;
    else errors.push({ field: 'date', code: 'invalid_date' });
  }
  const size = formNumber(field('groupSize'), 'plain');
  const checked = size === undefined ? undefined : checkGroupSize(size);
  if (checked?.ok) search.groupSize = checked.groupSize;
  else if (checked) errors.push({ field: 'groupSize', ...checked.fault });
  // Only the codes ACTIVITY_QUERY_FIELD_CODES lists: the API test provokes each.
  return { search, errors: errors as FieldErrorOf<typeof ACTIVITY_QUERY_FIELD_CODES>[] };
}

function priceToJson(price: PriceBreakdown): z.infer<typeof priceJson> {
  return {
    currency: 'EUR',
    totalCents: price.totalCents,
    vatCents: price.vatCents,
    lines: price.lines.map(({ label, basis, quantity, unitCents, totalCents, rateBp, vatCents }) => ({
      label,
      basis,
      quantity,
      unitCents,
      totalCents,
      vatRateBp: rateBp,
      vatCents,
    })),
  };
}

function slotToJson(offer: SlotOffer, extrasLeft: ReadonlyMap<string, number>): z.infer<typeof slotJson> {
  const { slot } = offer;
  return {
    id: slot.id,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    capacity: slot.capacity,
    remaining: offer.remaining,
    exclusive: slot.exclusive,
    available: offer.refusal === undefined,
    ...(offer.refusal && { reason: offer.refusal }),
    ...(offer.price && { price: priceToJson(offer.price) }),
    extrasLeft: extrasLeftToJson(extrasLeft),
  };
}

/** The platform URL that starts the checkout of the booking behind a manage token. */
function payUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/b/${token}/pay`;
}

/** What a new booking must pay now, or null. */
/** What a new booking pays now and where; null when nothing can be paid now (what the pay link would take: `payableCents`). */
export function paymentDueToJson(payment: OrganiserPayment, publicUrl: string, token: string): z.infer<typeof paymentDueJson> | null {
  if (payment.state.status !== 'due' || payment.payableCents <= 0 || !payment.expiresAt) return null;
  return {
    status: 'due',
    amountCents: payment.payableCents,
    url: payUrl(publicUrl, token),
    expiresAt: payment.expiresAt.toISOString(),
  };
}

type FieldErrorOf<C extends readonly FieldErrorCode[]> = FieldError & { code: C[number] };

function sendFieldErrors(
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FieldErrorOf<typeof ACTIVITY_QUERY_FIELD_CODES | typeof SLOT_QUERY_FIELD_CODES | typeof BOOKING_FIELD_CODES>[],
) {
  const body: z.infer<typeof validationErrorJson> = fieldErrorsJson(uiFor(request).t, errors);
  return reply.code(FIELD_ERRORS_STATUS).send(body);
}

/** JSON API v1, described at /api/v1/openapi.json. No CORS: browsers on other sites cannot call it. */
export async function apiRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, publicUrl, linkKey, bookingLimits } = context;
  const payments = paymentContextOf(context);
  app.get('/openapi.json', { config: { cache: 'data' } }, async () => openApiDocument(publicUrl));

  app.get('/activities', { config: { cache: 'data' } }, async (request, reply) => {
    const { search, errors } = parseActivityQuery(request.query);
    if (errors.length > 0) return sendFieldErrors(request, reply, errors);
    const { matches } = await searchCatalogue(db, clock, search);
    const ids = matches.map((match) => match.activity.id);
    const extras = await listOfferedExtras(db, ids);
    const parts = await listPublicParts(db, ids);
    const body: z.infer<typeof activityListJson> = {
      activities: matches.map((match) =>
        activityToJson(
          match,
          publicUrl,
          payments.settings.platformKey,
          extras.get(match.activity.id) ?? [],
          parts.get(match.activity.id) ?? [],
        ),
      ),
    };
    return body;
  });

  // Kept answers, each under its query and the version of what it read (see web/answer-cache.ts).
  const answers = new AnswerCache();
  app.get<{ Params: { id: string } }>('/activities/:id/slots', { config: { cache: 'data' } }, async (request, reply) => {
    const { id } = request.params;
    const version = isKey(id) ? await availabilityVersion(db, { id }) : undefined;
    if (version === undefined) throw new DomainError('not_found');
    const errors: FieldErrorOf<typeof SLOT_QUERY_FIELD_CODES>[] = [];
    const now = clock.now();
    const dates = parseDateRange(
      { from: formField(request.query, 'from'), to: formField(request.query, 'to') },
      { maxDays: MAX_RANGE_DAYS, fallback: { from: localDateOf(now), days: 13 } },
    );
    for (const error of dateRangeErrors(dates.faults, MAX_RANGE_DAYS)) {
      errors.push({ ...error, code: error.code === 'to_before_from' ? 'invalid_date' : error.code });
    }
    const { from, to } = dates.range;
    const size = formNumber(formField(request.query, 'groupSize'), 'plain');
    const checked = size === undefined ? undefined : checkGroupSize(size);
    if (checked && !checked.ok) errors.push({ field: 'groupSize', ...checked.fault });
    if (errors.length > 0) {
      if (!(await findCatalogueActivity(db, { id }))) throw new DomainError('not_found');
      return sendFieldErrors(request, reply, errors);
    }
    const key = `${id} ${from} ${to} ${checked?.ok ? checked.groupSize : ''}`;
    const kept = answers.get(key, version, now);
    if (kept !== undefined) return sendCompressed(request, reply.type(JSON_TYPE), kept);
    const computed = await answers.shared(key, version, async () => {
      const found = await findCatalogueActivity(db, { id });
      if (!found) throw new DomainError('not_found');
      const groupSize = checked?.ok ? checked.groupSize : found.minGroupSize;
      const offers = await listSlotOffers(db, clock, found, { from, to, groupSize });
      const left = await extrasLeftInSlots(
        db,
        await offeredExtrasOf(db, found.id),
        offers.map((offer) => offer.slot.id),
      );
      const slots = offers.map((offer) => slotToJson(offer, left.get(offer.slot.id)!));
      const body: z.infer<typeof slotListJson> = { activityId: found.id, groupSize, from, to, slots };
      const until = nextChangeByTime(
        found,
        offers.map((offer) => offer.slot),
        now,
      );
      return answers.set(key, version, JSON.stringify(body), until);
    });
    return sendCompressed(request, reply.type(JSON_TYPE), computed);
  });

  app.post('/bookings', async (request, reply) => {
    const body: Record<string, unknown> = typeof request.body === 'object' && request.body !== null ? { ...request.body } : {};
    // The booking's language left out (or null, the same) is the request's.
    const raw: Record<string, unknown> = { ...body, language: body.language ?? request.lang };
    const parsed = parseBookingInput(raw);
    // Every fault in one answer: with the given ones, an unknown slot, a group outside the
    // activity's limits and the extras' faults. Looked up only once the input or the rules refuse
    // the booking, so that a booking that passes (or a retry replayed) reads nothing more.
    const allFaults = async (given: readonly FieldError[]) => {
      const found = await findSlotToBook(db, String(raw.slotId));
      const offered = found ? await offeredExtrasOf(db, found.activity.id) : [];
      // Only the codes BOOKING_FIELD_CODES lists: booking-input.test.ts shows the schema gives no other.
      return withSlotErrors(raw, given, found?.activity, offered) as FieldErrorOf<typeof BOOKING_FIELD_CODES>[];
    };
    if (!parsed.ok) return sendFieldErrors(request, reply, await allFaults(parsed.errors));
    try {
      const submitted = await submitBooking(db, clock, linkKey, payments, parsed.input, {
        client: clientAddress(request.ip),
        limits: bookingLimits,
      });
      if (submitted.replayed) {
        const replayed: z.infer<typeof bookingReplayedJson> = { reference: submitted.reference, status: submitted.status };
        return reply.code(200).send(replayed);
      }
      const { booking, manageToken } = submitted;
      // Known as placed, unless a voucher paid part of it.
      const placedPayment = submitted.payment ?? (await readOrganiserPayment(db, booking.id, clock.now()));
      const created: z.infer<typeof bookingCreatedJson> = {
        reference: booking.reference,
        status: booking.status,
        optionExpiresAt: booking.optionExpiresAt?.toISOString() ?? null,
        manageUrl: `${publicUrl}/b/${manageToken}`,
        terms:
          booking.termsVersion === null
            ? null
            : { version: booking.termsVersion, url: `${publicUrl}${termsUrl(booking.activity.venue, booking.termsVersion)}` },
        slotId: booking.slot.id,
        groupSize: booking.groupSize,
        party: booking.party,
        startsAt: booking.slot.startsAt.toISOString(),
        price: priceToJson(booking.price),
        paidCents: placedPayment.state.paidCents,
        payment: paymentDueToJson(placedPayment, publicUrl, manageToken),
      };
      return reply.code(201).send(created);
    } catch (error) {
      // Paying on invoice where the activity does not allow it, or without the reference its venue
      // requires; a party that does not fit the activity's price categories; extras the activity
      // does not offer, or more units than one booking may take; a discount code refused, also one
      // whose last use went to a booking placed meanwhile.
      if (error instanceof FieldsRefused) return sendFieldErrors(request, reply, await allFaults(error.errors));
      // A group outside the activity's limits beside otherwise valid fields is refused by the rule
      // (409 group_too_small or group_too_large), as the API has answered since v1; with other
      // faults, all of them in one answer.
      if (error instanceof DomainError && (error.code === 'group_too_small' || error.code === 'group_too_large')) {
        const errors = await allFaults([]);
        if (errors.some((e) => !RULE_CODES.has(e.code))) return sendFieldErrors(request, reply, errors);
      }
      // An extra sold out: its refusal names it.
      if (error instanceof DomainError && error.code === 'extra_sold_out') {
        return reply.code(statusOfDomainError(error.code)).send({ code: error.code, message: extraSoldOutText(uiFor(request), error) });
      }
      if (error instanceof DomainError && error.code === 'not_found') {
        return sendFieldErrors(request, reply, [{ field: 'slotId', code: 'unknown_slot' }]);
      }
      if (isThrottled(error)) {
        const refusal = { code: error.code, message: refuseThrottled(error, uiFor(request), reply, clock) };
        return reply.code(statusOfDomainError(error.code)).send(refusal);
      }
      throw error;
    }
  });

  // The booking as its organiser sees it, by the manage link's token: a wrong, malformed or re-issued one is 404.
  app.get<{ Params: { token: string } }>('/manage/:token', async (request) => {
    const { token } = request.params;
    const booking = await findBookingByLink(db, 'manage', token);
    if (!booking) throw new DomainError('not_found');
    const payment = await readOrganiserPayment(db, booking.id, clock.now());
    const { state } = payment;
    const cancelNow = await quoteCancelNow(db, clock, booking);
    const cancellable = cancelRefusal(booking, clock.now()) === undefined;
    const invoices = await listBookingInvoices(db, clock, booking.id);
    const programme = (await bookingProgramme(db, booking)).map((subgroup) => ({
      persons: subgroup.persons,
      parts: subgroup.parts.map(({ part, startsAt, endsAt }) => ({
        title: part.title,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
        resources: part.resources.map((resource) => resource.name),
      })),
    }));
    const body: z.infer<typeof manageBookingJson> = {
      reference: booking.reference,
      status: booking.status,
      optionExpiresAt: booking.optionExpiresAt?.toISOString() ?? null,
      groupSize: booking.groupSize,
      party: booking.party,
      activity: { id: booking.activity.id, slug: booking.activity.slug, title: booking.activity.title },
      venue: { name: booking.activity.venue.name, city: booking.activity.venue.city },
      slot: { id: booking.slot.id, startsAt: booking.slot.startsAt.toISOString(), endsAt: booking.slot.endsAt.toISOString() },
      parts: programme[0]?.parts ?? [],
      subgroups: programme,
      price: priceToJson(booking.price),
      payment: {
        status: state.status,
        paidCents: state.paidCents,
        dueCents: state.dueCents,
        refundedCents: state.refundedCents,
        dueOn: state.balanceDueOn,
        amountCents: payment.payableCents,
        url: payment.payableCents > 0 ? payUrl(publicUrl, token) : null,
        expiresAt: payment.expiresAt?.toISOString() ?? null,
      },
      cancellation: {
        policy: refundPolicyToJson(cancelNow.policy),
        cancelNow: cancellable ? { refundPercent: cancelNow.percent, refundCents: cancelNow.amountCents } : null,
      },
      invoices: invoices.map((invoice) => ({
        number: invoice.number,
        kind: invoice.kind,
        purpose: invoice.purpose,
        issuedAt: invoice.issuedAt.toISOString(),
        dueOn: invoice.dueOn,
        correctsNumber: invoice.correctsNumber,
        totalCents: invoice.totalCents,
        vatCents: invoice.vatCents,
        status: invoice.status,
        pdfUrl: `${publicUrl}${organiserInvoiceUrl(token, invoice.number, 'pdf')}`,
        ublUrl: `${publicUrl}${organiserInvoiceUrl(token, invoice.number, 'xml')}`,
      })),
    };
    return body;
  });
}
