import type { SlotOffer } from '../../core/availability/slot.service.js';
import type { Activity } from '../../core/catalog/activity.js';
import { formatDate, formatMoney, formatTime } from '../../core/i18n/format.js';
import type { MonthAvailability } from '../../core/availability/month.service.js';
import { daysBetween, localDateOf } from '../../core/shared/time.js';
import type { Photo, VenuePhotos } from '../../core/photos/photo.js';
import { ActivityPhoto } from './activity-photo.js';
import type { FieldMessages } from '../field-errors.js';
import { FilterForm } from './filter-form.js';
import { Layout } from './layout.js';
import { MonthCalendar } from './month-calendar.js';
import { PracticalInfoSection } from './practical-info.js';
import { SlotPaging } from './slot-paging.js';
import { policyApplies, RefundPolicySection } from './refund-policy.js';
import { optionWindowText } from './option-window.js';
import { isFull } from './slot-refusal.js';
import { heldElsewhere } from '../../core/availability/slot.js';
import type { Ui } from './ui.js';
import { categoriesOf } from '../../core/catalog/pricing.js';
import { categoryHint } from './party-fields.js';
import { VenueAbout, VenueContact } from './venue-details.js';
import { vouchersUrl } from '../venue-urls.js';
import type { PublicPart } from '../../core/resources/programme-view.service.js';
import { partTimes } from '../../core/resources/programme.js';
import { ProgrammeSection } from './programme.js';
import { count } from '../../core/i18n/i18n.js';

interface Props {
  ui: Ui;
  activity: Activity;
  /** In the venue's order: the first large at the top, the others in a row below the text. */
  photos: Photo[];
  venuePhotos: VenuePhotos;
  /** The filters as the form shows them (as typed), and as the links carry them. */
  values: { date: string; groupSize: string };
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
  /** A programme's parts in time order; none for an ordinary activity. */
  parts: readonly PublicPart[];
}

/** "Klimmen 9:30 · Rondvaart 13:00": when each part of a programme starts at a slot, one short line under it. */
function PartStarts({ ui, parts, slot }: { ui: Ui; parts: readonly PublicPart[]; slot: SlotOffer['slot'] }) {
  if (parts.length === 0) return null;
  const starts = partTimes(parts, slot.startsAt).map(({ part, startsAt }) => `${part.title[ui.lang]} ${formatTime(startsAt)}`);
  return (
    <span class="part-starts" data-testid="part-starts">
      {starts.join(' · ')}
    </span>
  );
}

function SlotRow({ ui, offer, groupSize, parts }: { ui: Ui; offer: SlotOffer; groupSize: string; parts: readonly PublicPart[] }) {
  const { t, lang } = ui;
  const { slot } = offer;
  const full = isFull(slot);
  const places =
    offer.refusal === 'slot_unavailable' || heldElsewhere(slot)
      ? t('slot.unavailable')
      : slot.exclusive
        ? full
          ? t('slot.taken')
          : t('slot.exclusive')
        : full
          ? t('slot.full')
          : t('slot.places_left', { n: count(offer.remaining) });
  // A full slot's label says why it cannot be booked; a slot with too few places says it for the group.
  const reason =
    offer.refusal === 'slot_full' || offer.refusal === 'slot_unavailable'
      ? heldElsewhere(slot)
        ? t('slot.resource_taken')
        : full || offer.refusal === 'slot_unavailable'
          ? undefined
          : t('slot.too_few')
      : offer.shortExtra
        ? t('slot.required_extra_short', { extra: offer.shortExtra.label[lang] })
        : offer.refusal && t(`error.${offer.refusal}`);
  return (
    <li class={offer.refusal ? 'slot unavailable' : 'slot'} data-testid="slot">
      <span class="time">
        {formatTime(slot.startsAt)}–{formatTime(slot.endsAt)}
      </span>
      <span class="places">{places}</span>
      {offer.price && !offer.refusal && <span class="amount">{formatMoney(offer.price.totalCents, lang)}</span>}
      {offer.refusal ? (
        reason && <span class="reason">{reason}</span>
      ) : (
        <a class="button" href={`/book/${slot.id}?groupSize=${encodeURIComponent(groupSize)}`}>
          {t('slot.book', { time: formatTime(slot.startsAt) })}
        </a>
      )}
      <PartStarts ui={ui} parts={parts} slot={slot} />
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

export function ActivityPage({
  ui,
  activity,
  photos,
  venuePhotos,
  values,
  query,
  errors,
  offers,
  from,
  until,
  today,
  calendar,
  monthError,
  parts,
}: Props) {
  const [lead, ...more] = photos;
  const { t, lang } = ui;
  const optionWindow = optionWindowText(ui, activity.rules.options);
  const categories = categoriesOf(activity.pricing);
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
      {lead && <ActivityPhoto ui={ui} photo={lead} sizes="(min-width: 60rem) 57rem, 100vw" loading="eager" class="lead-photo" />}
      <p class="meta">
        {activity.venue.name}, {activity.venue.city} · {activity.location}
      </p>
      <p>{activity.description[lang]}</p>
      {more.length > 0 && (
        <ul class="photo-row">
          {more.map((photo) => (
            <li key={photo.id}>
              <ActivityPhoto ui={ui} photo={photo} sizes="(min-width: 40rem) 18rem, 50vw" loading="lazy" />
            </li>
          ))}
        </ul>
      )}
      <VenueContact ui={ui} venue={activity.venue} />
      {/* The venue's gift vouchers: sold online there, or the page says they are sold at the venue. */}
      <p>
        <a href={vouchersUrl(activity.venue)} data-testid="voucher-link">
          {t('voucher_sale.link')}
        </a>
      </p>
      <ul class="facts">
        <li>{t('activity.duration', { minutes: count(activity.durationMinutes) })}</li>
        <li>{t('activity.group_range', { min: count(activity.minGroupSize), max: count(activity.maxGroupSize) })}</li>
        {activity.bookingCutoffMinutes > 0 && (
          <li>{t('activity.cutoff', { hours: count(Math.ceil(activity.bookingCutoffMinutes / 60)) })}</li>
        )}
        {optionWindow && <li data-testid="option-window">{optionWindow}</li>}
        {categories.map((category) => (
          <li key={category.key} data-testid="price-category">
            {category.label[lang]}: {categoryHint(ui, category, categories)}
          </li>
        ))}
      </ul>
      <ProgrammeSection ui={ui} parts={parts} />
      <PracticalInfoSection ui={ui} practical={activity.practical} />
      {policyApplies(activity) && <RefundPolicySection ui={ui} policy={activity.refundPolicy} />}
      <h2>{t('activity.availability')}</h2>
      <FilterForm
        ui={ui}
        action={`/activities/${activity.slug}`}
        values={values}
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
                  <SlotRow key={offer.slot.id} ui={ui} offer={offer} groupSize={query.groupSize} parts={parts} />
                ))}
              </ul>
            </section>
          ))
        ))}
      <VenueAbout ui={ui} venue={activity.venue} photos={venuePhotos} />
    </Layout>
  );
}
