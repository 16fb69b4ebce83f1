import { hostname } from 'node:os';
import type { Db } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { deleteInstance, instancesSeenSince, type PlatformInstance, saveInstance } from './platform-instance.repository.js';

/** How often a running instance refreshes its row. */
export const HEARTBEAT_SECONDS = 10;
/** An instance seen this recently counts as running (three heartbeats: one missed beat is no proof of death). */
export const INSTANCE_ALIVE_SECONDS = 30;

/**
 * Records this process in `platform_instances` and refreshes the row every HEARTBEAT_SECONDS, so
 * that a restore can tell whether the platform is running on the database. Returns the function
 * that stops the heartbeat and deletes the row (on a clean stop).
 */
export async function startInstanceHeartbeat(db: Db, clock: Clock, onError: (error: unknown) => void): Promise<() => Promise<void>> {
  const id = newId();
  const startedAt = clock.now().toISOString();
  const instance = (): PlatformInstance => ({ id, hostname: hostname(), pid: process.pid, startedAt, seenAt: clock.now().toISOString() });
  await saveInstance(db, instance());
  const timer = setInterval(() => saveInstance(db, instance()).catch(onError), HEARTBEAT_SECONDS * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await deleteInstance(db, id);
  };
}

/** The instances that count as running now (seen within INSTANCE_ALIVE_SECONDS). */
export function runningInstances(db: Db, clock: Clock): Promise<PlatformInstance[]> {
  return instancesSeenSince(db, new Date(clock.now().getTime() - INSTANCE_ALIVE_SECONDS * 1000).toISOString());
}
