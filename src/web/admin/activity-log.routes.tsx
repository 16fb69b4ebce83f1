import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { readActivityActions, readActivityEntryPage } from '../../core/activity-log/activity-log.service.js';
import { withoutControls } from '../../core/shared/control-characters.js';
import { normaliseEmail } from '../../core/staff/staff.service.js';
import { venueScopeOf } from '../../core/shared/venue-scope.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { ActivityLogPage, filterActions } from '../views/admin/activity-log.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

/** An ISO-8601 instant from the "older" link; anything else means "from the newest". */
function instantOf(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The activity log: an admin sees every entry, a manager those of their own venue. Newest first, a page at a time. */
export async function activityLogRoutes(app: FastifyInstance, { db, auth }: AppContext): Promise<void> {
  // Its address until the log was renamed: bookmarks keep working, for those who may read the log.
  app.get('/audit', async (request, reply) => {
    requirePermission(request, 'activity_log.read');
    const query = request.url.indexOf('?');
    return reply.movedTo(`/admin/activity${query === -1 ? '' : request.url.slice(query)}`);
  });

  app.get('/activity', async (request, reply) => {
    requirePermission(request, 'activity_log.read');
    const scope = venueScopeOf(request.staff);
    const filter = {
      // As the email: a control character (which PostgreSQL's text cannot all hold) matches nothing.
      action: withoutControls(formField(request.query, 'action').trim().slice(0, 100)),
      email: normaliseEmail(formField(request.query, 'email')).slice(0, 254),
    };
    const before = instantOf(formField(request.query, 'before'));
    const [page, occurring] = await Promise.all([
      readActivityEntryPage(db, scope, { before, action: filter.action || undefined, email: filter.email || undefined }),
      readActivityActions(db, scope),
    ]);
    return sendPage(
      reply,
      200,
      <ActivityLogPage
        ui={adminUiFor(request, auth)}
        entries={page.entries}
        actions={filterActions(occurring)}
        filter={filter}
        older={page.older}
        paged={before !== undefined}
      />,
    );
  });
}
