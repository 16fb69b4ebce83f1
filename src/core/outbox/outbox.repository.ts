import type { Executor } from '../../db/schema.js';
import type { PendingInsert } from '../../db/insert-together.js';
import { prepared } from '../../db/prepared-query.js';
import type { NewMail, StoredSnapshot } from './mail.js';

/**
 * Puts a mail in the outbox, inside the caller's transaction, so the mail exists exactly when the
 * change it reports commits; its booking's snapshot (mail-snapshot.ts) goes into the detail under
 * `snapshot`. A mail with a dedupe key already in the outbox is not added again (the answer is
 * then false).
 */
export async function insertOutboxMail(db: Executor, mail: OutboxMail): Promise<boolean> {
  return (await outboxInsert.changes(db, outboxValues(mail))) === 1;
}

/** The INSERT of a mail into the outbox (see insertOutboxMail), not yet run: for insertTogether. */
export function outboxMailInsert(db: Executor, mail: OutboxMail): PendingInsert {
  return outboxInsert.pending(db, outboxValues(mail));
}

type OutboxMail = NewMail & { id: string; at: string; snapshot?: StoredSnapshot | undefined };

function outboxValues(mail: OutboxMail) {
  return {
    id: mail.id,
    kind: mail.kind,
    bookingId: mail.bookingId,
    recipient: mail.recipient,
    language: mail.language,
    detail: JSON.stringify({ ...mail.detail, ...(mail.snapshot && { snapshot: mail.snapshot }) }),
    dedupeKey: mail.dedupeKey,
    at: mail.at,
  };
}

const outboxInsert = prepared(
  (db, p: Pick<NewMail, 'kind' | 'bookingId' | 'recipient' | 'language' | 'dedupeKey'> & { id: string; detail: string; at: string }) =>
    db
      .insertInto('mail_outbox')
      .values({
        id: p.id,
        kind: p.kind,
        booking_id: p.bookingId,
        recipient: p.recipient,
        language: p.language,
        detail: p.detail,
        dedupe_key: p.dedupeKey,
        status: 'pending',
        next_attempt_at: p.at,
        created_at: p.at,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing()),
);

/** An outbox row this instance has claimed for sending. */
export interface ClaimedMail {
  id: string;
  kind: string;
  bookingId: string | null;
  recipient: string;
  language: string;
  detail: Record<string, unknown>;
  /** Failed attempts so far. */
  attempts: number;
}

/**
 * Takes up to `limit` due mails that nobody holds, oldest first, for sending until `until`, in one
 * conditional UPDATE: of two instances (or two calls) that claim at once, each mail goes to one.
 * The conditions stand in the UPDATE itself, not only in its subquery: PostgreSQL checks them again
 * on a row another claim changed while this one waited for it, and leaves that row out.
 */
export async function claimDueMails(db: Executor, now: string, until: string, limit: number): Promise<ClaimedMail[]> {
  const rows = await db
    .updateTable('mail_outbox')
    .set({ locked_until: until })
    .where((eb) =>
      eb(
        'id',
        'in',
        eb
          .selectFrom('mail_outbox')
          .select('id')
          .where('status', '=', 'pending')
          .where('next_attempt_at', '<=', now)
          .where((inner) => inner.or([inner('locked_until', 'is', null), inner('locked_until', '<=', now)]))
          .orderBy('next_attempt_at')
          .orderBy('created_at')
          .limit(limit),
      ),
    )
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returningAll()
    .execute();
  rows.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.created_at.localeCompare(b.created_at));
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    bookingId: row.booking_id,
    recipient: row.recipient,
    language: row.language,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    attempts: row.attempts,
  }));
}

/** Records how claimed mails ended, in one UPDATE: `sent`, or `skipped` when what they announce no longer holds. */
export async function markOutboxMailsDone(db: Executor, ids: readonly string[], status: 'sent' | 'skipped', at: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ status, sent_at: status === 'sent' ? at : null, locked_until: null, last_error: null })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .execute();
}

/** Gives back claimed mails that were not tried (claim `until`), due again at once; a claim taken over since is left alone. */
export async function releaseOutboxMails(db: Executor, ids: readonly string[], until: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('mail_outbox')
    .set({ locked_until: null })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .where('locked_until', '=', until)
    .execute();
}

/** Records a failed attempt: tried again at `nextAttemptAt`, or given up (`failed`). */
export async function markOutboxMailFailed(
  db: Executor,
  id: string,
  failure: { attempts: number; error: string; nextAttemptAt: string; giveUp: boolean },
): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({
      status: failure.giveUp ? 'failed' : 'pending',
      attempts: failure.attempts,
      last_error: failure.error,
      next_attempt_at: failure.nextAttemptAt,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
