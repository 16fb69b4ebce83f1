import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { listSlotOffers } from '../../core/availability/slot.service.js';
import { findCatalogueActivity, listCatalogue, readVatRatesOn } from '../../core/catalog/catalog.service.js';
import { priceFor } from '../../core/catalog/pricing.js';
import { firstActivityPhotos, publicPhotos } from '../../core/photos/photo.service.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { addLocalDays, localDateOf } from '../../core/shared/time.js';
import { fieldMessages } from '../field-errors.js';
import { FILTER_ERRORS_STATUS } from '../plugins/errors.js';
import { uiFor } from '../plugins/language.js';
import { ActivityPage } from '../views/activity.page.js';
import { ActivityListPage, type ListedActivity } from '../views/activity-list.page.js';
import { parseFilters } from './filters.js';
import { sendPage } from './respond.js';

/** Days of slots the activity page shows from the chosen date. */
export const DAYS_SHOWN = 14;

export async function activityRoutes(app: FastifyInstance, { db, clock }: AppContext): Promise<void> {
  app.get('/', { config: { cache: 'page' } }, async (request, reply) => {
    const ui = uiFor(request);
    const filters = parseFilters(request.query);
    const day = filters.date ?? localDateOf(clock.now());
    const rates = await readVatRatesOn(db, day);
    const items: ListedActivity[] = [];
    for (const activity of await listCatalogue(db)) {
      const groupSize = filters.groupSize ?? activity.minGroupSize;
      if (groupSize < activity.minGroupSize || groupSize > activity.maxGroupSize) continue;
      // With a date, only activities the group can still book that day are listed.
      if (filters.date) {
        const offers = await listSlotOffers(db, clock, activity, { from: day, to: day, groupSize });
        if (!offers.some((o) => !o.refusal)) continue;
      }
      items.push({ activity, groupSize, priceCents: priceFor(activity.pricing, groupSize, rates).totalCents });
    }
    const photos = await firstActivityPhotos(
      db,
      items.map((item) => item.activity.id),
    );
    for (const item of items) item.photo = photos.get(item.activity.id);
    const status = filters.errors.length > 0 ? FILTER_ERRORS_STATUS : 200;
    const errors = fieldMessages(ui.t, filters.errors);
    return sendPage(reply, status, <ActivityListPage ui={ui} items={items} filters={filters.values} errors={errors} />);
  });

  app.get<{ Params: { slug: string } }>('/activities/:slug', { config: { cache: 'page' } }, async (request, reply) => {
    const activity = isKey(request.params.slug) ? await findCatalogueActivity(db, { slug: request.params.slug }) : undefined;
    if (!activity) throw new DomainError('not_found');
    const ui = uiFor(request);
    const filters = parseFilters(request.query);
    const from = filters.date ?? localDateOf(clock.now());
    const groupSize = filters.groupSize ?? activity.minGroupSize;
    const until = addLocalDays(from, DAYS_SHOWN - 1);
    const offers = await listSlotOffers(db, clock, activity, { from, to: until, groupSize });
    const photos = await publicPhotos(db, { kind: 'activity', activityId: activity.id });
    const query = { date: filters.values.date || from, groupSize: filters.values.groupSize || String(groupSize) };
    const status = filters.errors.length > 0 ? FILTER_ERRORS_STATUS : 200;
    const errors = fieldMessages(ui.t, filters.errors);
    return sendPage(
      reply,
      status,
      <ActivityPage ui={ui} activity={activity} photos={photos} query={query} errors={errors} offers={offers} until={until} />,
    );
  });
}
