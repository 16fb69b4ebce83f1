import { sql } from 'kysely';
import type { Db } from './schema.js';

/**
 * How long /healthz waits for the database's answer: well within a load balancer's or monitor's
 * check timeout, so that a database that does not answer (a frozen host) gives a 503 rather than
 * no answer at all.
 */
export const PING_TIMEOUT_MS = 5_000;

/** Throws unless the database answers within PING_TIMEOUT_MS: what /healthz reports on. */
export async function pingDatabase(db: Db): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS);
  });
  try {
    // The ping left behind ends by itself, within the pool's bounds (src/db/connect.ts).
    await Promise.race([sql`select 1`.execute(db), late]);
  } finally {
    clearTimeout(timer);
  }
}
