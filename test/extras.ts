import type { Db } from '../src/db/schema.js';
import type { Activity } from '../src/core/catalog/activity.js';
import type { Extra } from '../src/core/catalog/extras.js';
import { insertActivityExtra } from '../src/core/catalog/extras.repository.js';
import { newId } from '../src/core/shared/ids.js';

/** An extra of the activity, not stored: lunch per person at 9 % unless `overrides` say otherwise. */
export function testExtra(activityId: string, overrides: Partial<Extra> = {}): Extra {
  return {
    id: newId(),
    activityId,
    label: { nl: 'Lunch', en: 'Lunch' },
    basis: 'person',
    vat: 'low',
    amountCents: 995,
    required: false,
    stock: null,
    maxPerBooking: null,
    position: 0,
    active: true,
    ...overrides,
  };
}

/** An extra of the activity, stored (see testExtra). */
export async function makeExtra(
  db: Db,
  activity: Pick<Activity, 'id'>,
  overrides: Partial<Omit<Extra, 'id' | 'activityId'>> = {},
): Promise<Extra> {
  const extra = testExtra(activity.id, overrides);
  await insertActivityExtra(db, extra, '2026-01-01T00:00:00.000Z');
  return extra;
}

/** The units of an extra taken in a slot (0 before any). */
export async function unitsTaken(db: Db, slotId: string, extraId: string): Promise<number> {
  const row = await db
    .selectFrom('extra_stock')
    .select('taken')
    .where('slot_id', '=', slotId)
    .where('extra_id', '=', extraId)
    .executeTakeFirst();
  return row?.taken ?? 0;
}
