import type { Executor } from '../../db/schema.js';

/** What a check saw, as the mails and pages show it: plain JSON values. */
export type ConditionDetail = Record<string, string | number | null>;

/** A condition admins are warned about once when it arises and told about once when it clears. */
export interface PlatformCondition {
  name: string;
  raised: boolean;
  /** When it last arose or cleared. */
  since: string;
  checkedAt: string;
  detail: ConditionDetail;
}

function toCondition(row: { name: string; raised: number; since: string; checked_at: string; detail: string }): PlatformCondition {
  return {
    name: row.name,
    raised: row.raised === 1,
    since: row.since,
    checkedAt: row.checked_at,
    detail: JSON.parse(row.detail) as ConditionDetail,
  };
}

export async function findCondition(db: Executor, name: string): Promise<PlatformCondition | undefined> {
  const row = await db.selectFrom('platform_conditions').selectAll().where('name', '=', name).executeTakeFirst();
  return row && toCondition(row);
}

/** Every condition whose name starts with `prefix`, by name. */
export async function listConditions(db: Executor, prefix: string): Promise<PlatformCondition[]> {
  const rows = await db.selectFrom('platform_conditions').selectAll().where('name', 'like', `${prefix}%`).orderBy('name').execute();
  return rows.map(toCondition);
}

/** Records a condition seen for the first time; false when another instance recorded it first. */
export async function insertCondition(db: Executor, condition: PlatformCondition): Promise<boolean> {
  const result = await db
    .insertInto('platform_conditions')
    .values({
      name: condition.name,
      raised: condition.raised ? 1 : 0,
      since: condition.since,
      checked_at: condition.checkedAt,
      detail: JSON.stringify(condition.detail),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Records a look that found the condition as it stood. */
export async function touchCondition(db: Executor, name: string, checkedAt: string, detail: ConditionDetail): Promise<void> {
  await db
    .updateTable('platform_conditions')
    .set({ checked_at: checkedAt, detail: JSON.stringify(detail) })
    .where('name', '=', name)
    .execute();
}

/**
 * Raises or clears the condition if it still stands as `seen` (raised, since): of several
 * instances that saw the same change, exactly one gets true.
 */
export async function switchCondition(
  db: Executor,
  seen: Pick<PlatformCondition, 'name' | 'raised' | 'since'>,
  now: string,
  detail: ConditionDetail,
): Promise<boolean> {
  const result = await db
    .updateTable('platform_conditions')
    .set({ raised: seen.raised ? 0 : 1, since: now, checked_at: now, detail: JSON.stringify(detail) })
    .where('name', '=', seen.name)
    .where('raised', '=', seen.raised ? 1 : 0)
    .where('since', '=', seen.since)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the conditions whose name starts with `prefix` and that no look has touched since `before`. */
export async function deleteConditionsCheckedBefore(db: Executor, prefix: string, before: string): Promise<void> {
  await db.deleteFrom('platform_conditions').where('name', 'like', `${prefix}%`).where('checked_at', '<', before).execute();
}
