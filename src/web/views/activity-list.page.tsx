import type { Activity } from '../../core/catalog/activity.js';
import type { Photo } from '../../core/photos/photo.js';
import { formatMoney } from '../../core/i18n/format.js';
import type { FieldMessages } from './components.js';
import { ActivityPhoto } from './activity-photo.js';
import { FilterForm } from './filter-form.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';

export interface ListedActivity {
  activity: Activity;
  /** Total price, VAT included, for the group size shown. */
  priceCents: number;
  groupSize: number;
  /** The activity's first photo, if it has one. */
  photo?: Photo | undefined;
}

interface Props {
  ui: Ui;
  items: ListedActivity[];
  filters: { date: string; groupSize: string };
  errors: FieldMessages;
}

/** A card's width: the grid's column (at least 17rem) on a wide screen, the screen's width on a phone. */
const CARD_SIZES = '(min-width: 40rem) 20rem, 100vw';

export function ActivityListPage({ ui, items, filters, errors }: Props) {
  const { t, lang } = ui;
  const query = new URLSearchParams(Object.entries(filters).filter(([k, v]) => v !== '' && !errors[k])).toString();
  return (
    <Layout ui={ui} title={t('activities.title')} description={t('activities.meta_description')}>
      <h1>{t('activities.title')}</h1>
      <p class="lead">{t('activities.intro')}</p>
      <FilterForm ui={ui} action="/" values={filters} errors={errors} dateLabel="filters.date" submitLabel="filters.submit" />
      {items.length === 0 ? (
        <p data-testid="no-activities">{t('activities.none')}</p>
      ) : (
        <ul class="cards" data-testid="activities">
          {items.map(({ activity, priceCents, groupSize, photo }, index) => (
            <li key={activity.id} class="card">
              {photo && (
                <ActivityPhoto ui={ui} photo={photo} sizes={CARD_SIZES} loading={index < 3 ? 'eager' : 'lazy'} class="card-photo" />
              )}
              <h2>
                <a href={`/activities/${activity.slug}${query ? `?${query}` : ''}`}>{activity.title[lang]}</a>
              </h2>
              <p class="meta">
                {activity.venue.name}, {activity.venue.city} · {t('activity.duration', { minutes: activity.durationMinutes })} ·{' '}
                {t('activity.group_range', { min: activity.minGroupSize, max: activity.maxGroupSize })}
              </p>
              <p>{activity.description[lang]}</p>
              <p class="price-hint">{t('activities.price_for_group', { price: formatMoney(priceCents, lang), n: groupSize })}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
