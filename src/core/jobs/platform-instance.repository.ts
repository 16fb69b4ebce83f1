import type { Executor } from '../../db/schema.js';

/** A running `groupz serve` process, as its heartbeat records it. */
export interface PlatformInstance {
  id: string;
  hostname: string;
  pid: number;
  startedAt: string;
  seenAt: string;
}

/** Records the instance, or refreshes its `seen_at` (also when its row went missing meanwhile). */
export async function saveInstance(db: Executor, instance: PlatformInstance): Promise<void> {
  await db
    .insertInto('platform_instances')
    .values({ id: instance.id, hostname: instance.hostname, pid: instance.pid, started_at: instance.startedAt, seen_at: instance.seenAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ seen_at: instance.seenAt }))
    .execute();
}

export async function deleteInstance(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('platform_instances').where('id', '=', id).execute();
}

/** The instances seen at or after `since`, most recently seen first. */
export async function instancesSeenSince(db: Executor, since: string): Promise<PlatformInstance[]> {
  const rows = await db.selectFrom('platform_instances').selectAll().where('seen_at', '>=', since).orderBy('seen_at', 'desc').execute();
  return rows.map((row) => ({ id: row.id, hostname: row.hostname, pid: Number(row.pid), startedAt: row.started_at, seenAt: row.seen_at }));
}
