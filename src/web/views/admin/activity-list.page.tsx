import type { ActivitySummary } from '../../../core/catalog/activity-admin.repository.js';
import { can } from '../../../core/staff/staff.js';
import type { AdminUi } from './admin-ui.js';
import { DataTable } from '../data-table.js';
import { STATUS_LABELS } from '../practical-labels.js';
import { AdminLayout } from './admin-layout.js';

/**
 * The activities of the member's venues, one table per venue, each with its upcoming slots and,
 * unless published, its status; archived ones only when `archived` (a link switches).
 */
export function ActivityListPage({ ui, activities, archived }: { ui: AdminUi; activities: ActivitySummary[]; archived: boolean }) {
  const { t, lang } = ui;
  const canEdit = can(ui.staff, 'catalog.write');
  const venues = [...new Map(activities.map((a) => [a.venue.id, a.venue])).values()];
  return (
    <AdminLayout ui={ui} title={t('activities_admin.title')}>
      <h1>{t('activities_admin.title')}</h1>
      {canEdit && (
        <p>
          <a class="button" href="/admin/activities/new">
            {t('activities_admin.new')}
          </a>
        </p>
      )}
      <p>
        <a href={archived ? '/admin/activities' : '/admin/activities?archived=1'} data-testid="archived-toggle">
          {t(archived ? 'activities_admin.hide_archived' : 'activities_admin.show_archived')}
        </a>
      </p>
      {activities.length === 0 && <p>{t('activities_admin.none')}</p>}
      {venues.map((venue) => (
        <section key={venue.id} data-testid={`venue-${venue.slug}`}>
          <h2>
            {venue.name} <span class="meta">({venue.city})</span>
          </h2>
          {canEdit && (
            <p>
              <a href={`/admin/venues/${venue.id}/photos`}>{t('photos.manage_venue', { venue: venue.name })}</a>
            </p>
          )}
          <DataTable
            caption={`${venue.name} (${venue.city})`}
            columns={[t('activities_admin.activity'), t('activities_admin.upcoming_slots'), { hidden: t('activities_admin.actions') }]}
            rows={activities.filter((a) => a.venue.id === venue.id)}
            row={(activity) => (
              <tr key={activity.id} data-testid={`activity-${activity.slug}`}>
                <th scope="row">
                  {activity.title[lang]} <span class="meta">/{activity.slug}</span>
                  {activity.status !== 'published' && (
                    <>
                      {' '}
                      <span class="meta" data-testid="activity-status">
                        ({t(STATUS_LABELS[activity.status])})
                      </span>
                    </>
                  )}
                </th>
                <td data-testid="upcoming-slots">{activity.upcomingSlots}</td>
                <td>
                  <a href={`/admin/activities/${activity.id}/slots`}>{t('activities_admin.slots')}</a>
                  {canEdit && (
                    <>
                      {' · '}
                      <a href={`/admin/activities/${activity.id}`}>{t('activities_admin.edit')}</a>
                      {' · '}
                      <a href={`/admin/activities/${activity.id}/photos`}>{t('photos.manage_activity')}</a>
                    </>
                  )}
                </td>
              </tr>
            )}
          />
        </section>
      ))}
    </AdminLayout>
  );
}
