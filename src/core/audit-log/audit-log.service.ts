import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { AuditEntry, NewAuditEntry } from './audit-log.js';
import { type AuditQuery, insertAuditEntry, listAuditEntries } from './audit-log.repository.js';
import type { VenueScope } from '../shared/venue-scope.js';

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
    actorKind: entry.actorKind ?? (entry.actor ? 'staff' : null),
  });
}

/** Entries per page of the audit log viewer. */
export const AUDIT_PAGE_SIZE = 100;

export interface AuditPage {
  entries: AuditEntry[];
  /** Where the next, older page starts (entries strictly before it), or null on the last page. */
  older: Date | null;
}

/**
 * One page of the entries a member may see, newest first. A page never ends inside a run of
 * entries with the same instant (the next page starts strictly before its cursor), so paging back
 * neither skips nor repeats an entry.
 */
export async function readAuditPage(
  db: Executor,
  scope: VenueScope,
  filter: Pick<AuditQuery, 'before' | 'action' | 'email'>,
): Promise<AuditPage> {
  const rows = await listAuditEntries(db, { scope, ...filter, limit: AUDIT_PAGE_SIZE + 1 });
  if (rows.length <= AUDIT_PAGE_SIZE) return { entries: rows, older: null };
  const boundary = rows[AUDIT_PAGE_SIZE]!.at.getTime();
  const whole = rows.slice(0, AUDIT_PAGE_SIZE).filter((entry) => entry.at.getTime() > boundary);
  // More than a page within one millisecond: show a full page and move on past that instant.
  if (whole.length === 0) return { entries: rows.slice(0, AUDIT_PAGE_SIZE), older: new Date(boundary) };
  return { entries: whole, older: new Date(boundary + 1) };
}
