import { newId } from '../src/core/shared/ids.js';
import type { Db } from '../src/db/schema.js';

export function bookingRow(db: Db, id: string) {
  return db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** The mails queued about a booking, as [kind, recipient, detail (see mailDetail)], in the order queued. */
export async function mailsOf(db: Db, bookingId: string): Promise<[string, string, Record<string, unknown>][]> {
  const rows = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('booking_id', '=', bookingId)
    .orderBy('created_at')
    .orderBy('kind')
    // Mails queued in one statement (insertTogether on PostgreSQL) have no order of their own.
    .orderBy('recipient')
    .execute();
  return rows.map((row) => [row.kind, row.recipient, mailDetail(row.detail)]);
}

/** An outbox row's detail as its sender gave it: without the booking's snapshot (mail-snapshot.ts, checked by its own tests). */
export function mailDetail(json: string): Record<string, unknown> {
  const { snapshot: _snapshot, ...detail } = JSON.parse(json) as Record<string, unknown>;
  return detail;
}

/** The mails of one kind queued about a booking. */
export async function mailsOfKind(db: Db, bookingId: string, kind: string): Promise<number> {
  return (await mailsOf(db, bookingId)).filter(([k]) => k === kind).length;
}

/** A booking's history, oldest first, as [action, actor kind, detail]. */
export async function historyOf(db: Db, reference: string): Promise<[string, string | null, Record<string, unknown>][]> {
  const rows = await db.selectFrom('activity_log').selectAll().where('target', '=', reference).orderBy('at').orderBy('action').execute();
  return rows.map((row) => [row.action, row.actor_kind, JSON.parse(row.detail) as Record<string, unknown>]);
}

/**
 * An account as it is once set up (a password and a second factor; their values do not matter for
 * mail): it gets the notices and alerts of its role.
 */
export async function addSetUpMember(db: Db, email: string, role: 'admin' | 'staff', venueId: string | null): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  await db
    .insertInto('staff')
    .values({
      id: newId(),
      email,
      name: 'Medewerker',
      role,
      venue_id: venueId,
      password_hash: 'set',
      totp_secret: 'set',
      totp_pending_secret: null,
      totp_last_step: null,
      setup_token_hash: null,
      setup_expires_at: null,
      disabled_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** A venue staff member who gets the venue's notices. */
export async function addNoticeRecipient(db: Db, venueId: string, email: string): Promise<void> {
  await addSetUpMember(db, email, 'staff', venueId);
}
