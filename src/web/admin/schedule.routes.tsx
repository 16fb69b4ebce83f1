import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { readDaySchedule } from '../../core/booking-flows/booking-admin.service.js';
import { venuesFor } from '../../core/catalog/activity-admin.service.js';
import { listVenuesMissingBilling } from '../../core/invoices/venue-billing.service.js';
import type { FieldError } from '../../core/shared/field-errors.js';
import { isLocalDate, localDateOf } from '../../core/shared/time.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { fieldMessages } from '../field-errors.js';
import { FIELD_ERRORS_STATUS } from '../plugins/errors.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { can } from '../../core/staff/staff.js';
import { currentDiskWarnings } from '../../core/watch/disk-watch.service.js';
import { SchedulePage } from '../views/admin/schedule.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

/** The back office's home page: a day's slots and groups, per venue in the member's scope. */
export async function scheduleRoutes(app: FastifyInstance, { db, clock, auth }: AppContext): Promise<void> {
  app.get('/', async (request, reply) => {
    requirePermission(request, 'bookings.read');
    const ui = adminUiFor(request, auth);
    const scope = venueScopeOf(request.staff);
    const venues = await venuesFor(db, request.staff);
    const today = localDateOf(clock.now());
    const values = { date: formField(request.query, 'date').trim(), venue: formField(request.query, 'venue').trim() };
    const errors: FieldError[] = [];
    const dateValid = values.date === '' || isLocalDate(values.date);
    if (!dateValid) errors.push({ field: 'date', code: 'invalid_date' });
    // Another venue's slug is as unknown as a made-up one.
    const venue = values.venue === '' ? undefined : venues.find((v) => v.slug === values.venue);
    if (values.venue !== '' && !venue) errors.push({ field: 'venue', code: 'unknown_venue' });
    const refused = errors.length > 0;
    const date = values.date !== '' && dateValid ? values.date : today;
    const schedule = refused ? null : await readDaySchedule(db, scope, date, venue?.id);
    return sendPage(
      reply,
      refused ? FIELD_ERRORS_STATUS : 200,
      <SchedulePage
        ui={ui}
        date={date}
        today={today}
        values={{ ...values, date: values.date || date }}
        errors={fieldMessages(ui.t, errors)}
        venues={venues}
        schedule={schedule}
        now={clock.now()}
        billingGaps={await listVenuesMissingBilling(db, request.staff)}
        diskWarnings={can(request.staff, 'platform.security') ? await currentDiskWarnings(db, clock) : []}
      />,
    );
  });
}
