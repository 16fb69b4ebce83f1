import type { Executor } from '../../db/schema.js';
import type { NewMail } from './mail.js';

/**
 * Puts a mail in the outbox, inside the caller's transaction, so the mail exists exactly when the
 * change it reports commits. A mail with a dedupe key already in the outbox is not added again
 * (the answer is then false).
 */
export async function insertOutboxMail(db: Executor, mail: NewMail & { id: string; at: string }): Promise<boolean> {
  const result = await db
    .insertInto('mail_outbox')
    .values({
      id: mail.id,
      kind: mail.kind,
      booking_id: mail.bookingId,
      recipient: mail.recipient,
      language: mail.language,
      detail: JSON.stringify(mail.detail ?? {}),
      dedupe_key: mail.dedupeKey,
      status: 'pending',
      next_attempt_at: mail.at,
      created_at: mail.at,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}
