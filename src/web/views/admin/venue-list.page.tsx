import type { Venue } from '../../../core/catalog/activity.js';
import type { AdminUi } from './admin-ui.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';

/** A venue as the list shows it: with its current terms version (null: none published). */
export interface ListedVenue {
  venue: Venue;
  termsVersion: number | null;
}

/** The venues an admin edits (a manager goes straight to their own). */
export function VenueListPage({ ui, venues }: { ui: AdminUi; venues: ListedVenue[] }) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={t('venues_admin.title')}>
      <h1>{t('venues_admin.title')}</h1>
      <DataTable
        caption={t('venues_admin.title')}
        columns={[t('venues_admin.venue'), t('venues_admin.city'), t('venues_admin.terms')]}
        rows={venues}
        row={({ venue, termsVersion }) => (
          <tr key={venue.id} data-testid={`venue-${venue.slug}`}>
            <th scope="row">
              <a href={`/admin/venues/${venue.id}`}>{venue.name}</a>
            </th>
            <td>{venue.city}</td>
            <td>{termsVersion === null ? t('venues_admin.no_terms') : t('venues_admin.terms_version', { version: termsVersion })}</td>
          </tr>
        )}
      />
    </AdminLayout>
  );
}
