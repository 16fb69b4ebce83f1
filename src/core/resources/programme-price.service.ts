import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { activityFor } from '../catalog/activity-admin.service.js';
import { updateActivityRow } from '../catalog/activity-admin.repository.js';
import type { Activity, Translated } from '../catalog/activity.js';
import { PRICE_LINE_FIELDS } from '../catalog/price-lines-form.js';
import { assertPricingCovers, isBanded, type PlainLine, type Pricing, pricingSchema } from '../catalog/pricing.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, refused } from '../shared/field-errors.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import type { ProgrammePart } from './programme.js';
import { listProgrammeParts } from './programme.repository.js';

type Member = ActivityActor & ScopedMember;

/** The longest label the activity form takes back, so a programme's lines can be saved there unchanged. */
const MAX_LABEL = 120;

/** "Rondvaart: per persoon": a part's line, labelled with the part's title, cut to what the form takes. */
function labelled(part: Translated, line: Translated): Translated {
  const join = (prefix: string, label: string) => {
    const text = `${prefix}: ${label}`;
    return text.length <= MAX_LABEL ? text : `${text.slice(0, MAX_LABEL - 1)}…`;
  };
  return { nl: join(part.nl, line.nl), en: join(part.en, line.en) };
}

/**
 * A programme's price as the sum of its parts: the price lines of each part's stand-alone activity
 * (`activities`, by id), in time order, each keeping its basis, VAT rate and amount or bands, its
 * label prefixed with the part's title. Refused at `price` when a part is no activity, when one
 * prices by price category (a programme counts one group, not a party per part), and when the
 * lines are more than the activity form holds.
 */
export function pricingFromParts(parts: readonly ProgrammePart[], activities: ReadonlyMap<string, Activity>): FormResult<Pricing> {
  const lines: PlainLine[] = [];
  let named = 0;
  for (const part of parts) {
    const activity = part.partActivityId === null ? undefined : activities.get(part.partActivityId);
    if (!activity) continue;
    named++;
    for (const line of activity.pricing) {
      if (line.basis === 'category') return refused('price', 'part_priced_by_category');
      lines.push({ ...line, label: labelled(part.title, line.label) });
    }
  }
  // A part without an activity has no price to take: the programme would lose it without a word.
  if (named === 0 || named < parts.length) return refused('price', 'no_part_activity');
  const fixed = lines.filter((line) => !isBanded(line)).length;
  const pricing = pricingSchema.safeParse(lines);
  if (fixed > PRICE_LINE_FIELDS || !pricing.success)
    return { ok: false, errors: [{ field: 'price', code: 'too_many_price_lines', params: { max: PRICE_LINE_FIELDS } }] };
  return { ok: true, value: pricing.data };
}

/**
 * Sets a programme's price lines to those of its parts (pricingFromParts), recorded in the
 * activity log as a change of its pricing. Staff change them afterwards on the activity's form as
 * any price (a programme price of its own). Bands taken over must cover the programme's group
 * sizes.
 */
export async function priceFromParts(db: Db, clock: Clock, member: Member, activityId: string): Promise<FormResult<Activity>> {
  const programme = await activityFor(db, member, activityId);
  const parts = (await listProgrammeParts(db, [programme.id])).get(programme.id) ?? [];
  const activities = new Map<string, Activity>();
  for (const id of new Set(parts.flatMap((part) => (part.partActivityId === null ? [] : [part.partActivityId]))))
    activities.set(id, await activityFor(db, member, id));
  const pricing = pricingFromParts(parts, activities);
  if (!pricing.ok) return pricing;
  try {
    assertPricingCovers(pricing.value, programme.minGroupSize, programme.maxGroupSize);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_catalogue') return refused('price', 'bands_not_covering');
    throw error;
  }
  const activity: Activity = { ...programme, pricing: pricing.value };
  await db.transaction().execute(async (trx) => {
    await updateActivityRow(trx, activity);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'activity.updated',
      target: activity.slug,
      detail: { changed: 'pricing', from: 'parts' },
    });
  });
  return { ok: true, value: activity };
}
