import { z } from 'zod';
import { OFFER_REFUSALS } from '../../core/availability/slot.service.js';
import { ACTIVITY_CATEGORIES, WHEELCHAIR_ACCESS } from '../../core/catalog/activity.js';
import { BOOKING_STATUSES } from '../../core/shared/booking-status.js';
import { BOOKING_INPUT_FIELD_CODES, PARTY_FIELD_CODES } from '../../core/bookings/booking-input.js';
import { EXTRA_BASES } from '../../core/catalog/extras.js';
import { DISCOUNT_REFUSALS } from '../../core/discounts/discount-code.js';
import { VOUCHER_REFUSALS } from '../../core/vouchers/voucher.js';
import type { FieldErrorCode } from '../../core/shared/field-errors.js';
import { BOOKING_PAYMENT_STATUSES } from '../../core/payments/payment.js';
import { PAYMENT_MODES } from '../../core/catalog/payment-terms.js';
import { INVOICE_PURPOSES } from '../../core/invoices/invoice-document.js';
import { INVOICE_STATUSES } from '../../core/invoices/invoice-list.service.js';

/** The JSON the API answers with. The OpenAPI document is generated from these, and tests check real responses against them. */
const translated = z.object({ nl: z.string(), en: z.string() });
const instant = z.iso.datetime().describe('UTC instant, ISO 8601');
const date = z.iso.date().describe('calendar date in Europe/Amsterdam');
/** Whole cents, persons, minutes: never below zero. */
const count = () => z.number().int().nonnegative();
const groupSize = () => z.number().int().min(1);

const TIERS =
  'tiers, longest notice first: cancelling (or making the group smaller) at least `hoursBefore` hours before the start refunds `percent`% of the cancelled price; later than the last tier, or with no tiers, nothing is refunded';

/** A cancellation policy's tiers (core/catalog/refund-policy.ts). */
const refundPolicyJson = z.array(
  z.object({
    hoursBefore: count().describe('cancelled at least this many hours before the start'),
    percent: z.int().min(0).max(100).describe('the part of the cancelled price refunded'),
  }),
);

/** What an activity asks to be paid, and when (core/catalog/payment-terms.ts). */
const paymentTermsJson = z
  .object({
    mode: z
      .enum(PAYMENT_MODES)
      .describe(
        '`venue`: nothing is paid online (paid at the venue); `full`: the whole price online when booking; `deposit`: `depositPercent` % online when booking, the rest due `balanceDaysBefore` days before the visit. `venue` also when the venue cannot take payments online (no Mollie key)',
      ),
    depositPercent: z.int().min(1).max(99).nullable().describe('the part paid when booking; null unless `mode` is `deposit`'),
    balanceDaysBefore: count().nullable().describe('the rest is due this many days before the visit; null unless `mode` is `deposit`'),
    invoiceAllowed: z
      .boolean()
      .describe("whether an organisation may pay on invoice instead (a booking's payBy `invoice`, with billing details)"),
    invoiceTermDays: z.int().min(1).nullable().describe('an invoice is due this many days after booking; null unless `invoiceAllowed`'),
  })
  .describe('what a booking pays, and when');

export const extraJson = z
  .object({
    id: z.string().describe("the extra's key in a booking's `extras`"),
    label: translated,
    basis: z.enum(EXTRA_BASES).describe('per person (as many as the group), per group (one) or per unit (a number the organiser picks)'),
    vat: z.enum(['low', 'high']).describe('its VAT rate: low (9%) or high (21%), as in force on the visit date'),
    amountCents: count().describe('per person, group or unit, including VAT'),
    required: z.boolean().describe('always taken (a per-unit extra at least once)'),
    stock: count()
      .nullable()
      .describe("units per slot (they are in use during it); null: unlimited. A slot's `extrasLeft` says what is left"),
    maxPerBooking: count()
      .nullable()
      .describe('per unit: the most units one booking may take; null: no limit of its own, so up to 999, as every extra'),
  })
  .describe('an extra a booking can take beside the activity: lunch, equipment, a guide');

/** A part of a programme (core/resources/programme.ts), as the catalogue lists it. */
const programmePartJson = z
  .object({
    title: translated,
    offsetMinutes: count().describe("when it starts: this many minutes after a slot's start"),
    durationMinutes: count(),
    activityId: z
      .string()
      .nullable()
      .describe('the published stand-alone activity this part is (its description, its own slots); null for none'),
    resources: z.array(z.string()).describe('the names of the resources it uses (a boat, a room, a guide): where it takes place'),
    subgroupSize: count()
      .nullable()
      .describe(
        'set on a part subgroups take turns at: a group larger than this is split into subgroups of at most this many (one per such part at most, a little larger if need be), each doing these parts at its own turn; null on a part the whole group does together',
      ),
  })
  .describe('a part of a programme: what, when from the start, where');

const bookedPartJson = z.object({
  title: translated,
  startsAt: instant,
  endsAt: instant,
  resources: z.array(z.string()).describe('the names of the resources it uses: where it takes place'),
});

export const activityJson = z.object({
  id: z.string(),
  slug: z.string(),
  title: translated,
  description: translated,
  venue: z.object({
    name: z.string(),
    city: z.string(),
    termsUrl: z
      .url()
      .describe(
        "the page of the venue's current booking terms, which a booking's acceptTerms accepts; it names the version a booking's termsVersion gives",
      ),
  }),
  category: z.enum(ACTIVITY_CATEGORIES),
  location: z.string(),
  durationMinutes: count(),
  minGroupSize: groupSize(),
  maxGroupSize: groupSize(),
  bookingCutoffMinutes: count().describe('bookings close this many minutes before a slot starts'),
  practical: z
    .object({
      minAge: count().describe('the youngest age the activity suits; 0 for all ages'),
      maxAge: count().nullable().describe('the oldest age it suits; null for no upper limit'),
      whatToBring: translated.nullable().describe('what participants bring; null when nothing needs saying'),
      wheelchair: z.enum(WHEELCHAIR_ACCESS).describe('wheelchair access; `unknown` until the venue says'),
      accessibility: translated.nullable().describe('more about accessibility; null when nothing more'),
    })
    .describe('practical information, as the activity page shows it'),
  price: z
    .object({
      currency: z.literal('EUR'),
      groupSize: groupSize(),
      totalCents: count().describe('including VAT'),
      perPersonCents: count().describe('the total divided over the group, rounded to the cent'),
    })
    .describe("for `groupSize` if asked, else the activity's smallest group; VAT of `date` if asked, else today's"),
  priceCategories: z
    .array(
      z.object({
        key: z.string().describe("what a booking's `party` counts this category by"),
        label: translated,
        amountCents: count().describe('per person, including VAT'),
        vatRateBp: count().describe("VAT rate in basis points (today's)"),
        minCount: count().nullable().describe('the fewest a group may have; null for no minimum'),
        maxCount: count().nullable().describe('the most a group may have; null for no maximum'),
        free: z
          .object({ per: count(), of: z.string() })
          .nullable()
          .describe(
            'one person of this category free per `per` persons of the category keyed `of` (one teacher per eight pupils); null for none',
          ),
      }),
    )
    .describe(
      'The kinds of person the price counts (pupil, teacher), each with its own price; empty for an activity priced by group size alone. A booking says how many of each in `party`; the group size is their sum',
    ),
  payment: paymentTermsJson,
  refundPolicy: refundPolicyJson.describe(`the activity's cancellation policy, ${TIERS}. A booking keeps the policy it was placed under`),
  extras: z.array(extraJson).describe('the extras a booking can take, in their order; their prices are not in `price`'),
  parts: z
    .array(programmePartJson)
    .describe(
      "a programme's parts (climbing, then lunch, then a canal tour), in time order; empty for an ordinary activity. A programme's slot is booked as any slot and holds every part, each at the slot's `startsAt` plus its `offsetMinutes`",
    ),
});

export const activityListJson = z.object({ activities: z.array(activityJson) });

export const priceJson = z.object({
  currency: z.literal('EUR'),
  totalCents: count().describe('including VAT'),
  vatCents: count(),
  lines: z.array(
    z.object({
      label: translated,
      basis: z.enum(['person', 'group', 'unit']),
      quantity: count(),
      unitCents: z.number().int().describe("including VAT; negative on a discount's lines"),
      totalCents: z.number().int().describe("including VAT; negative on a discount's lines (one per VAT rate it takes off)"),
      vatRateBp: count().describe('VAT rate in basis points: 900 is 9%'),
      vatCents: z.number().int().describe("the VAT in totalCents; negative on a discount's lines"),
    }),
  ),
});

export const slotJson = z.object({
  id: z.string(),
  startsAt: instant,
  endsAt: instant,
  capacity: count(),
  remaining: count().describe('persons that can still be booked'),
  exclusive: z.boolean().describe('one group per slot'),
  available: z.boolean().describe('whether a group of the requested size can book it now'),
  reason: z
    .enum(OFFER_REFUSALS)
    .optional()
    .describe('why it is not available; extra_sold_out: too few units left of an extra every booking of the group takes'),
  price: priceJson.optional().describe('for the requested group size'),
  extrasLeft: z
    .record(z.string(), count())
    .describe("the units left in this slot of each of the activity's extras with a stock, by extra id; an extra absent is unlimited"),
});

/** A booking's counts per price category. */
const partyJson = z
  .record(z.string(), count())
  .nullable()
  .describe(
    "how many persons of each price category the group has, by the category's key (their sum is groupSize); null for an activity without price categories",
  );

export const slotListJson = z.object({
  activityId: z.string(),
  groupSize: groupSize(),
  from: date,
  to: date,
  slots: z.array(slotJson),
});

const payUrl = z
  .url()
  .describe('a platform URL that starts (or resumes) the checkout at Mollie and comes back to the booking; open it in a browser');

/** What a new booking must pay now, and where. */
export const paymentDueJson = z
  .object({
    status: z.literal('due'),
    amountCents: count().describe('what is paid now: the whole price, or the deposit'),
    url: payUrl,
    expiresAt: instant.describe(
      'the end of the payment window: unpaid by then, the booking expires at the next lifecycle run (after Mollie is asked) and its places are released',
    ),
  })
  .describe('the booking is `awaiting_payment`: it holds its places until `expiresAt` and is confirmed once paid');

export const bookingCreatedJson = z.object({
  reference: z.string(),
  status: z
    .enum(BOOKING_STATUSES)
    .describe(
      '`option`: the places are held until `optionExpiresAt`, then released unless confirmed; `requested`: the venue decides; `confirmed`',
    ),
  optionExpiresAt: instant.nullable().describe("an option's deadline; null for any other status"),
  manageUrl: z.url().describe('private link to see and manage the booking; keep it secret'),
  terms: z
    .object({ version: z.int().min(1), url: z.url().describe('the page of that version') })
    .nullable()
    .describe(
      "the version of the venue's booking terms the booking accepted (the one current when it was placed); null when the venue had published none",
    ),
  slotId: z.string(),
  groupSize: groupSize(),
  party: partyJson,
  startsAt: instant,
  price: priceJson,
  paidCents: count().describe('what is paid already: the part a gift voucher (voucherCode) paid; 0 without one'),
  payment: paymentDueJson.nullable().describe('what must be paid now, and where; null when nothing is due now'),
});

export const bookingReplayedJson = z.object({
  reference: z.string().describe('of the booking this submissionKey placed before'),
  status: z
    .enum(BOOKING_STATUSES)
    .describe(
      'that booking as it is now, which may since be `cancelled`, `expired` or `completed`. No manage link: it was in the first answer and in the mail to the organiser',
    ),
});

/** An invoice or credit note of a booking, as issued (it never changes), with its status now. */
const invoiceJson = z.object({
  number: z.string().describe('unique, sequential per venue and calendar year without gaps, e.g. `GZ-AMS-2027-000123`'),
  kind: z.enum(['invoice', 'credit_note']).describe('a `credit_note` corrects an earlier invoice of the booking; its amounts are negative'),
  purpose: z
    .enum(INVOICE_PURPOSES)
    .describe(
      'what the document bills: `full` the whole booking, `deposit` its deposit, `final` the rest after a deposit invoice, `cancellation` the cancellation costs; `credit` on a credit note',
    ),
  issuedAt: instant,
  dueOn: date.nullable().describe('the day an invoice is due; null on a credit note'),
  correctsNumber: z.string().nullable().describe('on a credit note the number of the invoice it corrects; null on an invoice'),
  totalCents: z.int().describe('including VAT; negative on a credit note'),
  vatCents: z.int().describe('the VAT in it; negative on a credit note'),
  status: z
    .enum(INVOICE_STATUSES)
    .describe(
      "now, from the booking's money: what was paid (net of refunds) pays the standing invoices oldest first. `paid`: covered; `open`: not (yet) covered, not past its due date; `overdue`: not covered after its due date; `credited`: a credit note corrects it; `settled`: a credit note",
    ),
  pdfUrl: z.url().describe('the document as PDF, under the manage link'),
  ublUrl: z.url().describe('the document as a UBL 2.1 e-invoice (Peppol BIS Billing 3.0), under the manage link'),
});

/** A booking as its organiser sees it (`GET /manage/{token}`). */
export const manageBookingJson = z.object({
  reference: z.string(),
  status: z.enum(BOOKING_STATUSES),
  optionExpiresAt: instant.nullable().describe("an option's deadline; null for any other status"),
  groupSize: groupSize(),
  party: partyJson,
  activity: z.object({ id: z.string(), slug: z.string(), title: translated }),
  venue: z.object({ name: z.string(), city: z.string() }),
  slot: z.object({ id: z.string(), startsAt: instant, endsAt: instant }),
  parts: z
    .array(bookedPartJson)
    .describe(
      "the parts of the booked programme at the booking's times (as the venue moved them for it), in time order; when the group is split into subgroups, the first subgroup's; empty for an ordinary activity",
    ),
  subgroups: z
    .array(z.object({ persons: count(), parts: z.array(bookedPartJson) }))
    .describe(
      "the booked programme per subgroup: one entry for a group that is not split, else each subgroup's persons and its parts at its own times (the subgroups take turns at the parts that rotate); empty for an ordinary activity",
    ),
  price: priceJson,
  payment: z
    .object({
      status: z
        .enum(BOOKING_PAYMENT_STATUSES)
        .describe(
          '`none`: nothing to pay online (paid at the venue); `due`: to be paid now (`amountCents` at `url`); `partly_paid`: the deposit is in, the rest due on `dueOn`; `invoice`: paid on invoice, due on `dueOn`; `paid`: nothing outstanding; `refunding`: a cancelled or expired booking with a refund not yet paid out; `refunded`: a cancelled or expired booking that had money refunded, every refund done',
        ),
      paidCents: count().describe('received in all'),
      dueCents: count().describe('still outstanding in all'),
      refundedCents: count().describe('given back in all (refunds under way included)'),
      dueOn: date.nullable().describe('when the outstanding rest is due; null when nothing is due later'),
      amountCents: count().describe('what `url` takes now; 0 when nothing can be paid online now'),
      url: payUrl.nullable().describe('where to pay `amountCents` online; null when nothing can be paid online now'),
      expiresAt: instant.nullable().describe('while `awaiting_payment`: the end of the payment window; else null'),
    })
    .describe("the booking's money; amounts in euro cents"),
  cancellation: z
    .object({
      policy: refundPolicyJson.describe(`the cancellation policy the booking was placed under, ${TIERS}`),
      cancelNow: z
        .object({
          refundPercent: z.int().min(0).max(100).describe('the tier that applies now'),
          refundCents: count().describe(
            'what cancelling now gives back of what was paid: the venue keeps the rest of the price by the policy, and fees kept on earlier changes',
          ),
        })
        .nullable()
        .describe('what cancelling now would refund; null when the organiser can no longer cancel (past the deadline, or not active)'),
    })
    .describe("the booking's cancellation policy and what cancelling now would refund"),
  invoices: z.array(invoiceJson).describe("the booking's invoices and credit notes, oldest first; empty when none were issued"),
});

/** An error answer whose `code` is one of `codes`; `message` is translated (Accept-Language). */
export function errorJson<const C extends readonly [string, ...string[]]>(codes: C) {
  return z.object({ code: z.enum(codes), message: z.string() });
}

/** A 422: `errors` names each refused field with one of `codes`, and the bound its message names. */
export function validationErrorOf<const C extends readonly [FieldErrorCode, ...FieldErrorCode[]]>(codes: C) {
  return errorJson(['validation_failed']).extend({
    errors: z
      .array(
        z.object({
          field: z.string(),
          code: z.enum(codes),
          message: z.string(),
          params: z
            .object({ min: z.number().optional(), max: z.number().optional(), sum: z.number().optional() })
            .optional()
            .describe(
              'the limit the message names, when it names one: `min` for a number under it, `max` for one over it (in cents for total_too_large); `sum`, the sum of the party, for group_size_not_party_sum',
            ),
        }),
      )
      .min(1),
  });
}

/** Why the slots query refuses a parameter (the only codes its route gives). */
export const SLOT_QUERY_FIELD_CODES = [
  'invalid_date',
  'range_too_long',
  'not_a_number',
  'too_small',
  'too_large',
] as const satisfies readonly FieldErrorCode[];

/** Why the activities query refuses a parameter (the only codes its route gives). */
export const ACTIVITY_QUERY_FIELD_CODES = [
  'too_long',
  'invalid_characters',
  'invalid_encoding',
  'invisible_only',
  'invalid_value',
  'invalid_date',
  'not_a_number',
  'too_small',
  'too_large',
] as const satisfies readonly FieldErrorCode[];

/**
 * Why a booking refuses a field: what its schema says, a slot id that names no slot, a group outside
 * the activity's limits, a party or extras the activity refuses, a price above the most one booking
 * may cost, and a discount code refused.
 */
export const BOOKING_FIELD_CODES = [
  ...BOOKING_INPUT_FIELD_CODES,
  ...PARTY_FIELD_CODES,
  'unknown_slot',
  'group_too_small',
  'group_too_large',
  'invoice_not_allowed',
  'unknown_extra',
  'total_too_large',
  ...DISCOUNT_REFUSALS,
  ...VOUCHER_REFUSALS,
] as const satisfies readonly FieldErrorCode[];

/** A 422 of any API operation: the codes of the operations together. */
export const validationErrorJson = validationErrorOf([
  ...new Set([...ACTIVITY_QUERY_FIELD_CODES, ...SLOT_QUERY_FIELD_CODES, ...BOOKING_FIELD_CODES]),
] as [FieldErrorCode, ...FieldErrorCode[]]);
