import type { ActivityMatch } from '../../core/availability/activity-search.service.js';
import type { Photo } from '../../core/photos/photo.js';
import { formatMoney } from '../../core/i18n/format.js';
import { CATEGORY_LABELS } from './category-labels.js';
import type { FieldMessages } from '../field-errors.js';
import { ActivityPhoto } from './activity-photo.js';
import { FilterForm } from './filter-form.js';
import { Layout } from './layout.js';
import { SEARCH_LABELS, SearchFields, type SearchValues } from './search-fields.js';
import type { Ui } from './ui.js';
import { count, money } from '../../core/i18n/i18n.js';
import { MAX_GROUP_SIZE } from '../../core/shared/group-size.js';

interface Props {
  ui: Ui;
  matches: ActivityMatch[];
  /** Each listed activity's first photo, by activity id. */
  photos: ReadonlyMap<string, Photo>;
  filters: { date: string; groupSize: string };
  search: SearchValues;
  /** What the city filter offers. */
  cities: string[];
  errors: FieldMessages;
}

/** A card's width: the grid's column (at least 17rem) on a wide screen, the screen's width on a phone. */
const CARD_SIZES = '(min-width: 40rem) 20rem, 100vw';

export function ActivityListPage({ ui, matches, photos, filters, search, cities, errors }: Props) {
  const { t, lang } = ui;
  // The filters as typed, without the spaces around, that the activity page applies too.
  const applied = Object.entries(filters).map(([name, typed]) => [name, typed.trim()] as [string, string]);
  const query = new URLSearchParams(applied.filter(([name, value]) => value !== '' && !errors[name])).toString();
  const filtered = [...Object.values(filters), ...Object.values(search)].some((value) => value.trim() !== '');
  return (
    <Layout ui={ui} title={t('activities.title')} description={t('activities.meta_description')}>
      <h1>{t('activities.title')}</h1>
      <p class="lead">{t('activities.intro')}</p>
      <FilterForm
        ui={ui}
        action="/"
        values={filters}
        errors={errors}
        dateLabel="filters.date"
        submitLabel="filters.submit"
        groupRange={{ min: 1, max: MAX_GROUP_SIZE }}
        labels={SEARCH_LABELS}
      >
        <SearchFields ui={ui} values={search} errors={errors} cities={cities} />
      </FilterForm>
      {filtered && (
        <p class="search-result" role="status" data-testid="search-result">
          {t('search.found', { n: count(matches.length) })} <a href="/">{t('search.clear')}</a>
        </p>
      )}
      {matches.length === 0 ? (
        <p data-testid="no-activities">{t('activities.none')}</p>
      ) : (
        <ul class="cards" data-testid="activities">
          {matches.map(({ activity, price, perPersonCents, groupSize }, index) => {
            const photo = photos.get(activity.id);
            return (
              <li key={activity.id} class="card">
                {photo && (
                  <ActivityPhoto ui={ui} photo={photo} sizes={CARD_SIZES} loading={index < 3 ? 'eager' : 'lazy'} class="card-photo" />
                )}
                <h2>
                  <a href={`/activities/${activity.slug}${query ? `?${query}` : ''}`}>{activity.title[lang]}</a>
                </h2>
                <p class="meta">
                  {activity.venue.name}, {activity.venue.city} · {t(CATEGORY_LABELS[activity.category])}
                </p>
                <p class="meta">
                  {t('activity.duration', { minutes: count(activity.durationMinutes) })} ·{' '}
                  {t('activity.group_range', { min: count(activity.minGroupSize), max: count(activity.maxGroupSize) })}
                </p>
                <p>{activity.description[lang]}</p>
                <p class="price-per-person" data-testid="price-per-person">
                  {t('activities.price_per_person', { price: formatMoney(perPersonCents, lang) })}
                </p>
                <p class="price-hint">{t('activities.price_for_group', { price: money(price.totalCents), n: count(groupSize) })}</p>
              </li>
            );
          })}
        </ul>
      )}
    </Layout>
  );
}
