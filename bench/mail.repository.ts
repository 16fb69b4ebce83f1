import type { Db } from '../src/db/schema.js';

/** The ids of the outbox's mails waiting to go out. */
export async function pendingMailIds(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('mail_outbox').select('id').where('status', '=', 'pending').execute();
  return rows.map((r) => r.id);
}

/**
 * Stands in for a staff member completing setup (a password and a second factor stored), so that
 * the venue's notices go to them; nobody signs in with these.
 */
export async function markStaffSetUp(db: Db, staffId: string): Promise<void> {
  await db.updateTable('staff').set({ password_hash: 'bench', totp_secret: 'bench' }).where('id', '=', staffId).execute();
}
