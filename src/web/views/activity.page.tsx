import type { SlotOffer } from '../../core/availability/slot.service.js';
import type { Activity, Venue } from '../../core/catalog/activity.js';
import { formatDate, formatMoney, formatTime } from '../../core/i18n/format.js';
import type { MonthAvailability } from '../../core/availability/month.service.js';
import { daysBetween, localDateOf } from '../../core/shared/time.js';
import type { FieldMessages } from './components.js';
import { FilterForm } from './filter-form.js';
import { Layout } from './layout.js';
import { MonthCalendar } from './month-calendar.js';
import { PracticalInfoSection } from './practical-info.js';
import { SlotPaging } from './slot-paging.js';
import type { Ui } from './ui.js';

interface Props {
  ui: Ui;
  activity: Activity;
  query: { date: string; groupSize: string };
  errors: FieldMessages;
  offers: SlotOffer[];
  /** The first and last date shown, inclusive. */
  from: string;
  until: string;
  today: string;
  /** The month calendar, and why the month asked for was refused, if it was. */
  calendar: MonthAvailability;
  monthError?: string | undefined;
}

function SlotRow({ ui, offer, groupSize }: { ui: Ui; offer: SlotOffer; groupSize: string }) {
  const { t, lang } = ui;
  const { slot } = offer;
  const places = slot.exclusive
    ? offer.remaining > 0
      ? t('slot.exclusive')
      : t('slot.taken')
    : t('slot.places_left', { n: offer.remaining });
  return (
    <li class={offer.refusal ? 'slot unavailable' : 'slot'} data-testid="slot">
      <span class="time">
        {formatTime(slot.startsAt)}–{formatTime(slot.endsAt)}
      </span>
      <span class="places">{places}</span>
      {offer.price && !offer.refusal && <span class="amount">{formatMoney(offer.price.totalCents, lang)}</span>}
      {offer.refusal ? (
        <span class="reason">{t(`error.${offer.refusal}`)}</span>
      ) : (
        <a class="button" href={`/book/${slot.id}?groupSize=${encodeURIComponent(groupSize)}`}>
          {t('slot.book', { time: formatTime(slot.startsAt) })}
        </a>
      )}
    </li>
  );
}

/** A text as a search result shows it: one line, at most 160 characters, cut at a word. */
function summary(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.lastIndexOf(' ', max - 1);
  return `${line.slice(0, cut > 0 ? cut : max - 1)}…`;
}

export function ActivityPage({ ui, activity, query, errors, offers, from, until, today, calendar, monthError }: Props) {
  const { t, lang } = ui;
  const days = new Map<string, SlotOffer[]>();
  for (const offer of offers) {
    const day = localDateOf(offer.slot.startsAt);
    days.set(day, [...(days.get(day) ?? []), offer]);
  }
  return (
    <Layout
      ui={ui}
      title={activity.title[lang]}
      description={summary(`${activity.description[lang]} (${activity.venue.name}, ${activity.venue.city})`)}
    >
      <p class="breadcrumb">
        <a href="/">{t('activities.back')}</a>
      </p>
      <h1>{activity.title[lang]}</h1>
      <p class="meta">
        {activity.venue.name}, {activity.venue.city} · {activity.location}
      </p>
      <p>{activity.description[lang]}</p>
      <VenueContact ui={ui} venue={activity.venue} />
      <ul class="facts">
        <li>{t('activity.duration', { minutes: activity.durationMinutes })}</li>
        <li>{t('activity.group_range', { min: activity.minGroupSize, max: activity.maxGroupSize })}</li>
        {activity.bookingCutoffMinutes > 0 && <li>{t('activity.cutoff', { hours: Math.ceil(activity.bookingCutoffMinutes / 60) })}</li>}
      </ul>
      <PracticalInfoSection ui={ui} practical={activity.practical} />
      <h2>{t('activity.availability')}</h2>
      <FilterForm
        ui={ui}
        action={`/activities/${activity.slug}`}
        values={query}
        errors={errors}
        dateLabel="filters.date_from"
        submitLabel="filters.show_slots"
        groupRange={{ min: activity.minGroupSize, max: activity.maxGroupSize }}
      />
      <MonthCalendar ui={ui} slug={activity.slug} query={query} calendar={calendar} today={today} error={monthError} />
      <SlotPaging ui={ui} slug={activity.slug} query={query} from={from} until={until} days={daysBetween(from, until) + 1} today={today} />
      {Object.keys(errors).length === 0 &&
        (days.size === 0 ? (
          <p data-testid="no-slots">{t('activity.no_slots', { until: formatDate(new Date(`${until}T12:00:00Z`), lang) })}</p>
        ) : (
          [...days].map(([day, dayOffers]) => (
            <section key={day} class="day">
              <h3>{formatDate(dayOffers[0]!.slot.startsAt, lang)}</h3>
              <ul class="slots">
                {dayOffers.map((offer) => (
                  <SlotRow key={offer.slot.id} ui={ui} offer={offer} groupSize={query.groupSize} />
                ))}
              </ul>
            </section>
          ))
        ))}
    </Layout>
  );
}

/** How organisers reach the venue, when it gave an address or number. */
function VenueContact({ ui, venue }: { ui: Ui; venue: Venue }) {
  const { contactEmail: email, contactPhone: phone } = venue;
  if (!email && !phone) return null;
  return (
    <p class="meta" data-testid="venue-contact">
      {ui.t('activity.contact', { venue: venue.name })} {email && <a href={`mailto:${email}`}>{email}</a>}
      {email && phone && ' · '}
      {phone && <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>}
    </p>
  );
}
