import type { Executor } from '../../db/schema.js';
import type { AlertMailKind, NewMail } from '../outbox/mail.js';
import { enqueueMail } from '../outbox/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { listAdminEmails } from './staff.repository.js';

/**
 * Queues one alert to each admin; `occasion` names the change (a condition and when it arose, a
 * backup run, a day), so that the same change queued again sends nothing more.
 */
export async function alertAdmins(
  db: Executor,
  clock: Clock,
  kind: AlertMailKind,
  detail: NewMail['detail'],
  occasion: string,
): Promise<void> {
  for (const recipient of await listAdminEmails(db)) {
    await enqueueMail(db, clock, {
      kind,
      bookingId: null,
      recipient,
      language: 'nl',
      detail,
      dedupeKey: `${kind}:${occasion}:${recipient}`,
    });
  }
}
