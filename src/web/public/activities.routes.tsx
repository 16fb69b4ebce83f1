import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { readMonthAvailability } from '../../core/availability/month.service.js';
import { listSlotOffers } from '../../core/availability/slot.service.js';
import { offeredExtrasOf } from '../../core/availability/extra-offers.service.js';
import { searchCatalogue } from '../../core/availability/activity-search.service.js';
import { findCatalogueActivity } from '../../core/catalog/catalog.service.js';
import { firstActivityPhotos, publicPhotos, publicVenuePhotos } from '../../core/photos/photo.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { listPublicParts } from '../../core/resources/programme-view.service.js';
import { isKey } from '../../core/shared/ids.js';
import { monthOf } from '../../core/shared/month.js';
import { addLocalDays, localDateOf } from '../../core/shared/time.js';
import { fieldMessage, fieldMessages } from '../field-errors.js';
import { FILTER_ERRORS_STATUS } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import { ActivityPage } from '../views/activity.page.js';
import { ActivityListPage } from '../views/activity-list.page.js';
import { activityFilters, parseFilters, parseMonth, parseSearchFilters } from './filters.js';
import { sendPage } from './respond.js';
import { renderPage } from '../views/layout.js';
import { AnswerCache } from '../answer-cache.js';
import type { CompressedBody } from '../compressed-body.js';
import { sendCompressed } from '../plugins/compression.js';
import { nextChangeByTime } from '../../core/availability/bookability.js';
import { availabilityVersion } from '../../core/availability/availability-version.service.js';

const HTML_TYPE = 'text/html; charset=utf-8';

/** Days of slots the activity page shows from the chosen date. */
export const DAYS_SHOWN = 14;

export async function activityRoutes(app: FastifyInstance, { db, clock }: AppContext): Promise<void> {
  app.get('/', { config: { cache: 'page' } }, async (request, reply) => {
    const ui = uiFor(request);
    const filters = parseFilters(request.query, ui.lang);
    const search = parseSearchFilters(request.query);
    const { matches, cities } = await searchCatalogue(db, clock, { ...search.search, date: filters.date, groupSize: filters.groupSize });
    const photos = await firstActivityPhotos(
      db,
      matches.map((match) => match.activity.id),
    );
    const refused = [...search.errors, ...filters.errors];
    const status = refused.length > 0 ? FILTER_ERRORS_STATUS : 200;
    return sendPage(
      reply,
      status,
      <ActivityListPage
        ui={ui}
        matches={matches}
        photos={photos}
        filters={filters.values}
        search={search.values}
        cities={cities}
        errors={fieldMessages(ui.t, refused)}
      />,
    );
  });

  // Kept pages, each under its address, language and day and the version of what it read (see web/answer-cache.ts).
  const answers = new AnswerCache();
  app.get<{ Params: { slug: string } }>('/activities/:slug', { config: { cache: 'page' } }, async (request, reply) => {
    const { slug } = request.params;
    const version = isKey(slug) ? await availabilityVersion(db, { slug }) : undefined;
    if (version === undefined) throw new DomainError('not_found');
    const ui = uiFor(request);
    const now = clock.now();
    const today = localDateOf(now);
    const key = `${ui.lang} ${String(ui.indexable)} ${today} ${ui.path} ${request.url}`;
    const kept = answers.get(key, version, now);
    if (kept !== undefined) return sendCompressed(request, reply.code(200).type(HTML_TYPE), kept);
    const page = await answers.shared(key, version, async (): Promise<{ status: number; html: string | CompressedBody }> => {
      const activity = await findCatalogueActivity(db, { slug });
      if (!activity) throw new DomainError('not_found');
      const filters = activityFilters(parseFilters(request.query, ui.lang), activity, ui.lang);
      const asked = parseMonth(request.query);
      const from = filters.date ?? today;
      const groupSize = filters.groupSize ?? activity.minGroupSize;
      const until = addLocalDays(from, DAYS_SHOWN - 1);
      const offers = await listSlotOffers(db, clock, activity, { from, to: until, groupSize });
      const offered = await offeredExtrasOf(db, activity.id);
      const calendar = await readMonthAvailability(db, clock, activity, { month: asked.month ?? monthOf(from), groupSize, offered });
      const photos = await publicPhotos(db, { kind: 'activity', activityId: activity.id });
      const venuePhotos = await publicVenuePhotos(db, activity.venue.id);
      const parts = (await listPublicParts(db, [activity.id])).get(activity.id) ?? [];
      // The form shows what was typed; the links carry what the page shows: the date and group size
      // read, or, for one refused, those the times and the calendar are shown for.
      const typedOr = (typed: string, otherwise: string) => (typed.trim() === '' ? otherwise : typed);
      const values = { date: typedOr(filters.values.date, from), groupSize: typedOr(filters.values.groupSize, String(groupSize)) };
      const query = { date: from, groupSize: String(groupSize) };
      const status = filters.errors.length > 0 || asked.error ? FILTER_ERRORS_STATUS : 200;
      const errors = fieldMessages(ui.t, filters.errors);
      const monthError = asked.error && fieldMessage(ui.t, asked.error);
      const html = renderPage(
        <ActivityPage
          ui={ui}
          activity={activity}
          photos={photos}
          venuePhotos={venuePhotos}
          values={values}
          query={query}
          errors={errors}
          offers={offers}
          from={from}
          until={until}
          today={today}
          calendar={calendar}
          monthError={monthError}
          parts={parts}
        />,
      );
      if (status !== 200) return { status, html };
      const shown = offers.map((offer) => offer.slot);
      const changesAt = earliest(nextChangeByTime(activity, shown, now), calendar.changesAt);
      return { status, html: answers.set(key, version, html, changesAt) };
    });
    reply.code(page.status).type(HTML_TYPE);
    return typeof page.html === 'string' ? reply.send(page.html) : sendCompressed(request, reply, page.html);
  });
}

/** The earlier of two instants; null stands for never. */
function earliest(a: Date | null, b: Date | null): Date | null {
  return a === null || (b !== null && b < a) ? b : a;
}
