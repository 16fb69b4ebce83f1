import { z } from 'zod';
import { bookingInputSchema } from '../../core/bookings/booking-input.js';
import { activityListJson, bookingCreatedJson, bookingReplayedJson, errorJson, slotListJson, validationErrorJson } from './api.schemas.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: z.toJSONSchema(schema, { io, unrepresentable: 'any' }) },
});
const response = (description: string, schema: z.ZodType) => ({ description, content: json(schema) });

const notFound = response('Unknown activity', errorJson);
const invalid = response('Invalid input; `errors` names each field and why', validationErrorJson);
const invalidBooking = response(
  "Invalid input; `errors` names each field and why. A group outside the activity's limits sent with other faulty fields is one of them (`groupSize`: `group_too_small` or `group_too_large`); alone it gets 409",
  validationErrorJson,
);

/** OpenAPI 3.1 description of API v1, generated from the same schemas the API validates and answers with. */
export function openApiDocument(publicUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Groupz API',
      version: '1',
      description:
        'Find activities, see availability for a group size, and book. No authentication and no cookies: a booking answers with a private manage link. Messages follow Accept-Language (nl or en).',
    },
    servers: [{ url: `${publicUrl}/api/v1` }],
    paths: {
      '/activities': {
        get: {
          operationId: 'listActivities',
          summary: 'All bookable activities',
          responses: { 200: response('The activities', activityListJson) },
        },
      },
      '/activities/{id}/slots': {
        get: {
          operationId: 'listSlots',
          summary: 'Slots of an activity with what a group of the given size can book',
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
              schema: { type: 'integer', minimum: 1 },
            },
          ],
          responses: { 200: response('The slots', slotListJson), 404: notFound, 422: invalid },
        },
      },
      '/bookings': {
        post: {
          operationId: 'createBooking',
          summary: 'Book a slot for a group',
          requestBody: { required: true, content: json(bookingInputSchema, 'input') },
          responses: {
            200: response(
              'Placed nothing: the submissionKey placed a booking before (a retry). Its reference and status only; never a manage link',
              bookingReplayedJson,
            ),
            201: response('Booked', bookingCreatedJson),
            400: response('Not valid JSON', errorJson),
            403: response('Sent by a browser from another site', errorJson),
            409: response(
              'A rule refuses the booking: slot_full, group_too_small, group_too_large (when the group size is the only faulty field), booking_closed; for an option also option_not_allowed, option_too_late, option_limit_reached; submission_reused for a submissionKey sent before with another slot or e-mail address',
              errorJson,
            ),
            413: response('Body too large', errorJson),
            415: response('Not application/json', errorJson),
            422: invalidBooking,
            429: {
              ...response(
                'code `throttled`: too many bookings in a row from this client network or for this organiser address (GROUPZ_BOOKING_LIMIT_PER_NETWORK, GROUPZ_BOOKING_LIMIT_PER_EMAIL); try again after Retry-After seconds',
                errorJson,
              ),
              headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer', minimum: 1 } } },
            },
          },
        },
      },
    },
  };
}
