import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import {
  type ConditionDetail,
  deleteConditionsCheckedBefore,
  findCondition,
  insertCondition,
  listConditions,
  type PlatformCondition,
  switchCondition,
  touchCondition,
} from './platform-condition.repository.js';
import { alertAdmins } from '../staff/admin-alerts.service.js';
import { type DiskSpaceReader, type DiskThresholds, isLow, isRecovered } from './watch.js';

/** One instance's data directory, watched. */
export interface DiskWatch {
  host: string;
  path: string;
  read: DiskSpaceReader;
  limits: DiskThresholds;
}

const DISK_PREFIX = 'disk:';

/** Instances on one host that share a data directory share its condition; other hosts' disks are their own. */
export function diskConditionName(host: string, path: string): string {
  return `${DISK_PREFIX}${host}:${path}`;
}

/** A look older than this belongs to no running instance (they look every GROUPZ_WATCH_INTERVAL, an hour at most). */
export const DISK_LOOK_KEPT_HOURS = 24;

function keptSince(clock: Clock): string {
  return new Date(clock.now().getTime() - DISK_LOOK_KEPT_HOURS * 3600 * 1000).toISOString();
}

/**
 * Looks at the data directory's free space and records it. When space falls below a limit, each
 * admin gets one warning; when it is back above both (with a tenth to spare), one recovery notice;
 * looks in between send nothing. Of several instances seeing the same change, one queues the
 * mails (the change is a conditional update, in the transaction that queues them). The looks
 * older than DISK_LOOK_KEPT_HOURS go: their host or directory is out of service (a container
 * gets a new host name at each start), and they would otherwise be kept for ever.
 */
export async function checkDiskSpace(db: Db, clock: Clock, watch: DiskWatch): Promise<'low' | 'ok'> {
  const space = await watch.read();
  const now = clock.now().toISOString();
  const name = diskConditionName(watch.host, watch.path);
  const detail: ConditionDetail = {
    host: watch.host,
    path: watch.path,
    free: space.free,
    total: space.total,
    warn_percent: watch.limits.percent,
    warn_bytes: watch.limits.bytes,
  };
  return db.transaction().execute(async (trx) => {
    await deleteConditionsCheckedBefore(trx, DISK_PREFIX, keptSince(clock));
    const seen = await findCondition(trx, name);
    const low = seen?.raised ? !isRecovered(space, watch.limits) : isLow(space, watch.limits);
    if (!seen) {
      if ((await insertCondition(trx, { name, raised: low, since: now, checkedAt: now, detail })) && low) {
        await alertAdmins(trx, clock, 'platform_disk_low', detail, `${name}:${now}`);
      }
    } else if (seen.raised === low) {
      await touchCondition(trx, name, now, detail);
    } else if (await switchCondition(trx, seen, now, detail)) {
      await (low
        ? alertAdmins(trx, clock, 'platform_disk_low', detail, `${name}:${now}`)
        : alertAdmins(trx, clock, 'platform_disk_recovered', { ...detail, since: seen.since }, `${name}:${seen.since}`));
    }
    return low ? 'low' : 'ok';
  });
}

/** Each data directory's last look within DISK_LOOK_KEPT_HOURS, by host and path: those of running instances. */
export async function listDiskConditions(db: Db, clock: Clock): Promise<PlatformCondition[]> {
  const since = keptSince(clock);
  return (await listConditions(db, DISK_PREFIX)).filter((condition) => condition.checkedAt >= since);
}

/** The data directories low on space at a running instance's last look: what the admins' notice names. */
export async function currentDiskWarnings(db: Db, clock: Clock): Promise<PlatformCondition[]> {
  return (await listDiskConditions(db, clock)).filter((condition) => condition.raised);
}
