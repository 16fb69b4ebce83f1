import { formatDate } from '../../core/i18n/format.js';
import { addLocalDays, isLocalDate } from '../../core/shared/time.js';
import { availabilityHref } from './availability-links.js';
import type { Ui } from './ui.js';

interface Props {
  ui: Ui;
  slug: string;
  query: { groupSize: string };
  /** The first and last date the list shows, and how many days a page holds. */
  from: string;
  until: string;
  days: number;
  today: string;
}

const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** Which dates the list of times shows, with links to the page of days before (not before today) and after it. */
export function SlotPaging({ ui, slug, query, from, until, days, today }: Props) {
  const { t, lang } = ui;
  const earlier = from > today ? [addLocalDays(from, -days), today].sort().at(-1)! : undefined;
  const later = addLocalDays(until, 1);
  return (
    <nav id="slots" class="slot-paging" aria-label={t('activity.availability')}>
      <p>{t('slots.range', { from: formatDate(noon(from), lang), until: formatDate(noon(until), lang) })}</p>
      {earlier && (
        <a href={availabilityHref(slug, { date: earlier, groupSize: query.groupSize })} rel="prev" data-testid="slots-earlier">
          {t('slots.earlier')}
        </a>
      )}
      {isLocalDate(later) && (
        <a href={availabilityHref(slug, { date: later, groupSize: query.groupSize })} rel="next" data-testid="slots-later">
          {t('slots.later')}
        </a>
      )}
    </nav>
  );
}
