import type { Executor } from '../../db/schema.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { NewMail } from './mail.js';
import { insertOutboxMail } from './outbox.repository.js';

/** Queues a mail; pass the transaction that makes the change the mail reports. False when its dedupe key was queued before. */
export async function enqueueMail(db: Executor, clock: Clock, mail: NewMail): Promise<boolean> {
  return insertOutboxMail(db, { ...mail, id: newId(), at: clock.now().toISOString() });
}
