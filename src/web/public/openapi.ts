import { z } from 'zod';
import { BOOKING_REFUSALS } from '../../core/booking-flows/booking.service.js';
import { bookingInputSchema } from '../../core/bookings/booking-input.js';
import { MAX_GROUP_SIZE } from '../../core/shared/group-size.js';
import { DEFAULT_LANGUAGE } from '../../core/shared/language.js';
import { takesNullAsAbsent } from '../../core/shared/json-input.js';
import { ACTIVITY_CATEGORIES } from '../../core/catalog/activity.js';
import {
  ACTIVITY_QUERY_FIELD_CODES,
  activityListJson,
  BOOKING_FIELD_CODES,
  bookingCreatedJson,
  bookingReplayedJson,
  errorJson,
  manageBookingJson,
  SLOT_QUERY_FIELD_CODES,
  slotListJson,
  validationErrorOf,
} from './api.schemas.js';

/**
 * A field that takes null as left out (core/shared/json-input.ts) says it takes null: its type
 * and null (`"type": ["integer", "null"]`, its limits as they were, as they hold for its type only),
 * or for a list of values its schema or null (anyOf); its description and default (what null
 * gives too) as they were.
 */
function nullable({ jsonSchema, zodSchema }: { jsonSchema: Record<string, unknown>; zodSchema: unknown }): void {
  if (!takesNullAsAbsent(zodSchema)) return;
  const { description, default: fallback, ...own } = jsonSchema;
  const typed = typeof own.type === 'string' && own.enum === undefined && own.const === undefined;
  for (const key of Object.keys(jsonSchema)) delete jsonSchema[key];
  Object.assign(jsonSchema, {
    ...(description !== undefined && { description }),
    ...(fallback !== undefined && { default: fallback }),
    ...(typed ? { ...own, type: [own.type, 'null'] } : { anyOf: [own, { type: 'null' }] }),
  });
}

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any', override: nullable }) },
});
const response = (description: string, schema: z.ZodType, headers?: Record<string, { description: string; schema: object }>) => ({
  description,
  ...(headers && { headers }),
  content: json(schema),
});
const error = (description: string, ...codes: [string, ...string[]]) => response(description, errorJson(codes));

/** What every operation may answer besides its own: the platform's rules for any request. */
const ANY_REQUEST = {
  405: response('The path has no operation for this method; `Allow` lists those it has', errorJson(['method_not_allowed']), {
    Allow: { description: 'the methods the path takes, comma-separated', schema: { type: 'string' } },
  }),
  400: error(
    'The request cannot be read: a malformed request line, header, URL or body; no Host header, or two; user information in the target',
    'bad_request',
  ),
  408: error('The request did not arrive in time: its headers or its body came too slowly', 'request_timeout'),
  421: response(
    'Sent to another host than the platform answers (Host, :authority, an absolute target or the TLS server name)',
    errorJson(['misdirected_request']),
  ),
  431: error('The request headers are too large', 'headers_too_large'),
};
/** What every operation that uses the database may answer while it cannot serve. */
const DATABASE_UNAVAILABLE = {
  503: response(
    'code `unavailable`: the database cannot serve now (stopped, unreachable, its disk full). Try again after Retry-After seconds; a booking sent again with the same submissionKey is placed once at most',
    errorJson(['unavailable']),
    { 'Retry-After': { description: 'seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } },
  ),
};
/**
 * The booking request as the API reads it (api.routes.ts, parseBookingInput), where the schema
 * alone says less: a group is `groupSize` or `party` (withPartySize: a party without a group size
 * is a group of its sum), and a booking's `language` left out is the request's, not a fixed one.
 */
function bookingRequestJson() {
  const content = json(bookingInputSchema, 'input');
  const schema = content['application/json'].schema as {
    required?: string[];
    properties: Record<string, Record<string, unknown>>;
    [key: string]: unknown;
  };
  schema.description =
    'A booking. Its group is `groupSize` or `party`, one of them required: a party without groupSize (or with null) is a group of its sum; sent together, groupSize must equal that sum (else 422, `groupSize` `invalid_value`)';
  schema.required = (schema.required ?? []).filter((key) => key !== 'groupSize');
  // Each alternative says what its field is, not only its type: a generator types an alternative on
  // its own, and openapi-typescript takes a bare `type: object` for an empty one (no counts at all).
  const given = (key: 'groupSize' | 'party') => {
    const { description: _described, type, ...own } = schema.properties[key]!;
    return { [key]: { ...own, type: Array.isArray(type) ? type.filter((t) => t !== 'null')[0] : type } };
  };
  schema.anyOf = [
    { required: ['groupSize'], properties: given('groupSize') },
    { required: ['party'], properties: given('party') },
  ];
  const { default: _fixed, ...language } = schema.properties.language!;
  schema.properties.language = {
    ...language,
    description: `The language of the booking's mails and invoices. Left out (or null): the request's language, the one its messages are in: the \`lang\` cookie a visitor chose on the platform's pages, else Accept-Language, else ${DEFAULT_LANGUAGE}`,
  };
  return content;
}

const invalid = (codes: Parameters<typeof validationErrorOf>[0]) =>
  response('Invalid input; `errors` names each field and why', validationErrorOf(codes));

/** OpenAPI 3.1 description of API v1, generated from the same schemas and code lists the API answers with. */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Groupz API',
      version: '1',
      description:
        'Find activities, see availability for a group size, and book. No authentication and no cookies: a booking answers with a private manage link. Messages follow Accept-Language (nl or en). Catalogue answers may be cached for a minute (Cache-Control); everything else is `no-store`.',
      license: { name: 'Proprietary: all rights reserved', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    paths: {
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document',
          security: [],
          responses: {
            200: { description: 'The OpenAPI document', content: { 'application/json': { schema: { type: 'object' } } } },
            ...ANY_REQUEST,
          },
        },
      },
      '/activities': {
        get: {
          operationId: 'listActivities',
          summary: 'The bookable (published) activities, by Dutch title; every filter given must hold',
          security: [],
          parameters: [
            {
              name: 'q',
              in: 'query',
              description:
                "words that must each occur in the title or description (Dutch or English), the venue's name or city; case and accents are ignored, a word may be part of a longer one; at most 100 characters",
              schema: { type: 'string', maxLength: 100 },
            },
            {
              name: 'city',
              in: 'query',
              description: "the venue's city, case and accents ignored",
              schema: { type: 'string', maxLength: 120 },
            },
            { name: 'category', in: 'query', schema: { type: 'string', enum: [...ACTIVITY_CATEGORIES] } },
            {
              name: 'maxPricePerPersonCents',
              in: 'query',
              description: 'the most per person, VAT included, for `groupSize` (see `price`)',
              schema: { type: 'integer', minimum: 0, maximum: 100_000_00 },
            },
            {
              name: 'date',
              in: 'query',
              description: 'only activities a group of `groupSize` can still book on this date (YYYY-MM-DD, Europe/Amsterdam)',
              schema: { type: 'string', format: 'date' },
            },
            {
              name: 'groupSize',
              in: 'query',
              description: "persons in the group: only activities that take a group this size; default each activity's minimum",
              schema: { type: 'integer', minimum: 1, maximum: MAX_GROUP_SIZE },
            },
          ],
          responses: {
            200: response('The activities', activityListJson),
            422: invalid(ACTIVITY_QUERY_FIELD_CODES),
            ...ANY_REQUEST,
            ...DATABASE_UNAVAILABLE,
          },
        },
      },
      '/activities/{id}/slots': {
        get: {
          operationId: 'listSlots',
          summary: 'Slots of an activity with what a group of the given size can book',
          security: [],
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            {
              name: 'from',
              in: 'query',
              description: 'first date (YYYY-MM-DD, Europe/Amsterdam); default today',
              schema: { type: 'string', format: 'date' },
            },
            {
              name: 'to',
              in: 'query',
              description: 'last date, inclusive; default from + 13 days; at most 92 days',
              schema: { type: 'string', format: 'date' },
            },
            {
              name: 'groupSize',
              in: 'query',
              description: "persons in the group; default the activity's minimum",
              schema: { type: 'integer', minimum: 1, maximum: MAX_GROUP_SIZE },
            },
          ],
          responses: {
            200: response('The slots', slotListJson),
            404: error('Unknown activity, or one no longer offered (unpublished or archived)', 'not_found'),
            414: error('The activity id is longer than any id', 'bad_request'),
            422: invalid(SLOT_QUERY_FIELD_CODES),
            ...ANY_REQUEST,
            ...DATABASE_UNAVAILABLE,
          },
        },
      },
      '/manage/{token}': {
        get: {
          operationId: 'getManagedBooking',
          summary:
            "A booking as its organiser sees it, with its payment state and its invoices; the token is the last part of the booking's manageUrl",
          security: [],
          parameters: [
            {
              name: 'token',
              in: 'path',
              required: true,
              description: "the manage link's secret (from `manageUrl`); keep it secret",
              schema: { type: 'string' },
            },
          ],
          responses: {
            200: response('The booking', manageBookingJson),
            404: error('No booking has this token (wrong, malformed, or replaced by a new link)', 'not_found'),
            414: error('The token is longer than any token', 'bad_request'),
            ...ANY_REQUEST,
            ...DATABASE_UNAVAILABLE,
          },
        },
      },
      '/bookings': {
        post: {
          operationId: 'createBooking',
          summary:
            "Book a slot for a group. When the activity is paid online, the booking is `awaiting_payment` and `payment` says what to pay and where (a link for the organiser's browser)",
          security: [],
          requestBody: { required: true, content: bookingRequestJson() },
          responses: {
            200: response(
              'Placed nothing: the submissionKey placed a booking before (a retry). Its reference and status only; never a manage link',
              bookingReplayedJson,
            ),
            201: response('Booked', bookingCreatedJson),
            403: error('Sent by a browser from another site', 'forbidden'),
            409: error(
              "A rule refuses the booking (activity_unavailable when the activity is no longer offered; group_too_small and group_too_large when the group size is the only faulty field); for an option also its own rules; submission_reused for a submissionKey sent before with another slot or e-mail address; terms_changed when termsVersion is no longer the venue's current version",
              ...BOOKING_REFUSALS,
            ),
            413: error('Body too large', 'body_too_large'),
            415: error('Not application/json', 'unsupported_media_type'),
            422: response(
              "Invalid input; `errors` names each field and why. A group outside the activity's limits sent with other faulty fields is one of them (`groupSize`: `group_too_small` or `group_too_large`); alone it gets 409, unless it is over 10,000 or below 1 (`group_too_large` or `group_too_small` here, naming the activity's limit). A groupSize sent with a party that is not its sum is `group_size_not_party_sum`, naming the sum in params.sum; an extra's units over its maximum are `too_large` at `extras.<id>`, naming that maximum, also over 999. A price above the most one booking may cost is `total_too_large` (params.max in cents) at the extra sent that adds the most to the price (per unit, or optional) when the group alone stays within it, else at `groupSize`",
              validationErrorOf(BOOKING_FIELD_CODES),
            ),
            429: response(
              'code `throttled`: too many bookings in a row from this client address or for this organiser address (GROUPZ_BOOKING_LIMIT_PER_NETWORK, GROUPZ_BOOKING_LIMIT_PER_EMAIL); try again after Retry-After seconds',
              errorJson(['throttled']),
              {
                'Retry-After': { description: 'seconds until a booking is taken again', schema: { type: 'integer', minimum: 0 } },
              },
            ),
            ...ANY_REQUEST,
            ...DATABASE_UNAVAILABLE,
          },
        },
      },
    },
  };
}
