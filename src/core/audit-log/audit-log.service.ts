import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { NewAuditEntry } from './audit-log.js';
import { insertAuditEntry } from './audit-log.repository.js';

/**
 * Writes one audit entry. Pass the transaction that makes the change, so the change and its
 * record commit together or not at all.
 */
export async function recordAudit(db: Executor, clock: Clock, entry: NewAuditEntry): Promise<void> {
  await insertAuditEntry(db, {
    id: newId(),
    at: clock.now(),
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    venueId: entry.venueId,
    action: entry.action,
    target: entry.target ?? null,
    detail: entry.detail ?? {},
    client: entry.client ?? null,
  });
}
