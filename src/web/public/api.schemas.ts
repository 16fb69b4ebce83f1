import { z } from 'zod';
import { BOOKING_STATUSES } from '../../core/bookings/booking.js';
import { DOMAIN_ERROR_CODES } from '../../core/shared/errors.js';
import { FIELD_ERROR_CODES } from '../../core/shared/field-errors.js';

/** The JSON the API answers with. The OpenAPI document is generated from these, and tests check real responses against them. */
const translated = z.object({ nl: z.string(), en: z.string() });
const instant = z.string().describe('UTC instant, ISO 8601');

export const activityJson = z.object({
  id: z.string(),
  slug: z.string(),
  title: translated,
  description: translated,
  venue: z.object({ name: z.string(), city: z.string() }),
  location: z.string(),
  durationMinutes: z.number().int(),
  minGroupSize: z.number().int(),
  maxGroupSize: z.number().int(),
  bookingCutoffMinutes: z.number().int().describe('bookings close this many minutes before a slot starts'),
});

export const activityListJson = z.object({ activities: z.array(activityJson) });

export const priceJson = z.object({
  currency: z.literal('EUR'),
  totalCents: z.number().int().describe('including VAT'),
  vatCents: z.number().int(),
  lines: z.array(
    z.object({
      label: translated,
      basis: z.enum(['person', 'group']),
      quantity: z.number().int(),
      unitCents: z.number().int(),
      totalCents: z.number().int(),
      vatRateBp: z.number().int().describe('VAT rate in basis points: 900 is 9 %'),
      vatCents: z.number().int(),
    }),
  ),
});

export const slotJson = z.object({
  id: z.string(),
  startsAt: instant,
  endsAt: instant,
  capacity: z.number().int(),
  remaining: z.number().int().describe('persons that can still be booked'),
  exclusive: z.boolean().describe('one group per slot'),
  available: z.boolean().describe('whether a group of the requested size can book it now'),
  reason: z.enum(DOMAIN_ERROR_CODES).optional().describe('why it is not available'),
  price: priceJson.optional().describe('for the requested group size'),
});

export const slotListJson = z.object({
  activityId: z.string(),
  groupSize: z.number().int(),
  from: z.string(),
  to: z.string(),
  slots: z.array(slotJson),
});

export const bookingCreatedJson = z.object({
  reference: z.string(),
  status: z
    .enum(BOOKING_STATUSES)
    .describe(
      '`option`: the places are held until `optionExpiresAt`, then released unless confirmed; `requested`: the venue decides; `confirmed`',
    ),
  optionExpiresAt: instant.nullable().describe("an option's deadline; null for any other status"),
  manageUrl: z.string().describe('private link to see and manage the booking; keep it secret'),
  slotId: z.string(),
  groupSize: z.number().int(),
  startsAt: instant,
  price: priceJson,
});

export const bookingReplayedJson = z.object({
  reference: z.string().describe('of the booking this submissionKey placed before'),
  status: z
    .enum(BOOKING_STATUSES)
    .describe(
      'that booking as it is now, which may since be `cancelled`, `expired` or `completed`. No manage link: it was in the first answer and in the mail to the organiser',
    ),
});

export const errorJson = z.object({ code: z.string(), message: z.string() });

export const validationErrorJson = errorJson.extend({
  errors: z.array(z.object({ field: z.string(), code: z.enum(FIELD_ERROR_CODES), message: z.string() })),
});
