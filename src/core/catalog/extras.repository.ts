import type { ExpressionBuilder, Selectable } from 'kysely';
import type { ActivityExtraTable, Database, Executor } from '../../db/schema.js';
import { prepared } from '../../db/prepared-query.js';
import type { Extra } from './extras.js';

type ExtraRow = Selectable<ActivityExtraTable>;

function toExtra(row: ExtraRow): Extra {
  return {
    id: row.id,
    activityId: row.activity_id,
    label: { nl: row.label_nl, en: row.label_en },
    basis: row.basis as Extra['basis'],
    vat: row.vat === 'high' ? 'high' : 'low',
    amountCents: row.amount_cents,
    required: row.required === 1,
    stock: row.stock,
    maxPerBooking: row.max_per_booking,
    position: row.position,
    active: row.active === 1,
  };
}

/** The activity's extras in their order: the active ones (what is offered), or all of them (staff's list). */
export async function listActivityExtras(db: Executor, activityId: string, { activeOnly }: { activeOnly: boolean }): Promise<Extra[]> {
  const rows = await (activeOnly ? activeExtras : allExtras).rows(db, { activityId });
  return rows.map(toExtra);
}

/**
 * Whether the slot's activity has any extras (active or not), as a column of the query that reads
 * the slot: an activity without any, as most are, costs no read of its extras (listActivityExtras
 * decides which are offered).
 */
export function hasAnyExtras(eb: ExpressionBuilder<Database, 'slots'>) {
  return eb.exists(
    eb.selectFrom('activity_extras').select('activity_extras.id').whereRef('activity_extras.activity_id', '=', 'slots.activity_id'),
  );
}

function extrasOf(activeOnly: boolean) {
  return prepared((db, p: { activityId: string }) => {
    const query = db.selectFrom('activity_extras').selectAll().where('activity_id', '=', p.activityId);
    return (activeOnly ? query.where('active', '=', 1) : query).orderBy('position').orderBy('created_at').orderBy('id');
  });
}

const allExtras = extrasOf(false);
const activeExtras = extrasOf(true);

export async function findActivityExtra(db: Executor, activityId: string, id: string): Promise<Extra | undefined> {
  const row = await db
    .selectFrom('activity_extras')
    .selectAll()
    .where('activity_id', '=', activityId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toExtra(row);
}

export async function insertActivityExtra(db: Executor, extra: Extra, createdAt: string): Promise<void> {
  await db
    .insertInto('activity_extras')
    .values({ id: extra.id, activity_id: extra.activityId, created_at: createdAt, ...extraColumns(extra) })
    .execute();
}

/** Whether any booking holds (or held) the extra: its units are counted by its basis. */
export async function isExtraHeld(db: Executor, extraId: string): Promise<boolean> {
  return (
    (await db.selectFrom('booking_extras').select('extra_id').where('extra_id', '=', extraId).limit(1).executeTakeFirst()) !== undefined
  );
}

export async function updateActivityExtra(db: Executor, extra: Extra): Promise<void> {
  await db
    .updateTable('activity_extras')
    .set(extraColumns(extra))
    .where('id', '=', extra.id)
    .where('activity_id', '=', extra.activityId)
    .execute();
}

function extraColumns(extra: Extra) {
  return {
    label_nl: extra.label.nl,
    label_en: extra.label.en,
    basis: extra.basis,
    vat: extra.vat,
    amount_cents: extra.amountCents,
    required: extra.required ? 1 : 0,
    stock: extra.stock,
    max_per_booking: extra.maxPerBooking,
    position: extra.position,
    active: extra.active ? 1 : 0,
  };
}

/** The active extras of each of the activities, in their order: by activity id (absent: none). */
export async function listExtrasOfActivities(db: Executor, activityIds: readonly string[]): Promise<Map<string, Extra[]>> {
  const byActivity = new Map<string, Extra[]>();
  if (activityIds.length === 0) return byActivity;
  const rows = await db
    .selectFrom('activity_extras')
    .selectAll()
    .where('activity_id', 'in', activityIds)
    .where('active', '=', 1)
    .orderBy('position')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  for (const row of rows) byActivity.set(row.activity_id, [...(byActivity.get(row.activity_id) ?? []), toExtra(row)]);
  return byActivity;
}
