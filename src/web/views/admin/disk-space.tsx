import { formatBinaryBytes, formatDateTime, formatPercent, formatShare } from '../../../core/i18n/format.js';
import type { PlatformCondition } from '../../../core/watch/platform-condition.repository.js';
import { DataTable } from '../data-table.js';
import type { AdminUi } from './admin-ui.js';
import { age } from './age.js';

function numberOf(condition: PlatformCondition, name: string): number {
  const value = condition.detail[name];
  return typeof value === 'number' ? value : 0;
}

/** "9 GiB / 100 GiB (9%)" and the host and path of a data directory's last look. */
function spaceOf(ui: AdminUi, condition: PlatformCondition) {
  const free = numberOf(condition, 'free');
  const total = numberOf(condition, 'total');
  return {
    host: String(condition.detail.host ?? ''),
    path: String(condition.detail.path ?? ''),
    free: formatBinaryBytes(free, ui.lang),
    total: formatBinaryBytes(total, ui.lang),
    share: formatShare(total > 0 ? free / total : 0, ui.lang),
  };
}

function limitText(ui: AdminUi, condition: PlatformCondition): string {
  const share = numberOf(condition, 'warn_percent');
  const size = formatBinaryBytes(numberOf(condition, 'warn_bytes'), ui.lang);
  const percent = formatPercent(share, ui.lang);
  if (share > 0 && numberOf(condition, 'warn_bytes') > 0) return ui.t('watch.limit_both', { percent, size });
  return share > 0 ? percent : size;
}

/** The admins' notice of each data directory low on space (on the back office's home page). */
export function DiskWarnings({ ui, conditions }: { ui: AdminUi; conditions: PlatformCondition[] }) {
  return (
    <>
      {conditions.map((condition) => (
        <p key={condition.name} class="warning" role="alert" data-testid="disk-low" data-host={String(condition.detail.host)}>
          {ui.t('watch.disk_low', { ...spaceOf(ui, condition), limit: limitText(ui, condition) })}{' '}
          <a href="/admin/security#disk-space">{ui.t('watch.disk_details')}</a>
        </p>
      ))}
    </>
  );
}

/** Each data directory's last look (the self-audit page): its space, its limit, whether it is low and since when. */
export function DiskSpaceSection({ ui, conditions, now }: { ui: AdminUi; conditions: PlatformCondition[]; now: Date }) {
  const { t, lang } = ui;
  return (
    <section id="disk-space" data-testid="disk-space">
      <h2>{t('watch.disk_title')}</h2>
      <p>{t('watch.disk_intro')}</p>
      <DataTable
        caption={t('watch.disk_title')}
        columns={[t('watch.host'), t('watch.path'), t('watch.free'), t('watch.limit'), t('watch.state'), t('watch.checked')]}
        rows={conditions}
        empty={<p data-testid="disk-space-none">{t('watch.disk_none')}</p>}
        row={(condition) => {
          const space = spaceOf(ui, condition);
          return (
            <tr key={condition.name} data-low={String(condition.raised)}>
              <th scope="row">{space.host}</th>
              <td>{space.path}</td>
              <td>{`${space.free} / ${space.total} (${space.share})`}</td>
              <td>{limitText(ui, condition)}</td>
              <td>
                {condition.raised ? t('watch.state_low', { when: formatDateTime(new Date(condition.since), lang) }) : t('watch.state_ok')}
              </td>
              <td>{age(ui, now.getTime() - new Date(condition.checkedAt).getTime())}</td>
            </tr>
          );
        }}
      />
    </section>
  );
}
