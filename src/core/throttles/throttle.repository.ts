import { sql } from 'kysely';
import type { Executor } from '../../db/schema.js';

export interface ChargeParams {
  key: string;
  now: string;
  /** A counter whose last failure is older than this starts again at 1. */
  decayBefore: string;
  /** Failures allowed in a row; the last of them starts the first wait. */
  freeFailures: number;
  /** blocked_until after failure number freeFailures, freeFailures + 1, ...; the last applies from then on. */
  blockUntil: string[];
}

/**
 * Counts one attempt against a key as a failure in advance, in one atomic upsert that does nothing
 * while the key is blocked. Returns the new failure count, or null when the key is blocked. Checking
 * and counting in one statement means parallel guesses cannot slip past the limit together.
 */
export async function chargeThrottle(db: Executor, p: ChargeParams): Promise<number | null> {
  const next = sql<number>`case when throttles.last_failure_at < ${p.decayBefore} then 1 else throttles.failures + 1 end`;
  const tiers = p.blockUntil.slice(0, -1).map((until, i) => sql`when ${next} = ${p.freeFailures + i} then ${until}`);
  const blockedUntil = sql<
    string | null
  >`case when ${next} < ${p.freeFailures} then null ${sql.join(tiers, sql` `)} else ${p.blockUntil.at(-1)!} end`;
  const row = await db
    .insertInto('throttles')
    .values({ key: p.key, failures: 1, last_failure_at: p.now, blocked_until: p.freeFailures > 1 ? null : p.blockUntil[0]! })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ failures: next, last_failure_at: p.now, blocked_until: blockedUntil })
        .where((eb) => eb.or([eb('throttles.blocked_until', 'is', null), eb('throttles.blocked_until', '<=', p.now)])),
    )
    .returning('failures')
    .executeTakeFirst();
  return row ? Number(row.failures) : null;
}

export async function findBlockedUntil(db: Executor, key: string): Promise<string | null> {
  const row = await db.selectFrom('throttles').select('blocked_until').where('key', '=', key).executeTakeFirst();
  return row?.blocked_until ?? null;
}

export async function deleteThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('throttles').where('key', '=', key).execute();
}

/** Takes back an advance charge after a success (for shared keys such as a client network). */
export async function refundThrottle(db: Executor, key: string): Promise<void> {
  await db
    .updateTable('throttles')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .where('blocked_until', 'is', null)
    .execute();
}

/**
 * Takes one charge back, whether or not it started a wait: an attempt that placed nothing, or one
 * refused by another counter. The charge was only made while the key blocked nothing, so the wait
 * it may have started goes with it.
 */
export async function takeBackCharge(db: Executor, key: string): Promise<void> {
  await db
    .updateTable('throttles')
    .set((eb) => ({ failures: eb('failures', '-', 1), blocked_until: null }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
}

/**
 * Deletes the counters under `keyPrefix` whose last failure is older than `decayBefore` and that
 * block nothing at `now`: their next charge would start over at 1 anyway. Returns how many.
 */
export async function deleteDecayedThrottles(db: Executor, p: { keyPrefix: string; decayBefore: string; now: string }): Promise<number> {
  const result = await db
    .deleteFrom('throttles')
    .where('key', 'like', `${p.keyPrefix}%`)
    .where('last_failure_at', '<', p.decayBefore)
    .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', p.now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
