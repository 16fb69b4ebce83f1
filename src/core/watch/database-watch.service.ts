import type { Db } from '../../db/schema.js';
import { renderAlert } from '../mail/alert-content.js';
import type { MailSender } from '../mail/mail-sender.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { listAdminEmails } from '../staff/staff.repository.js';
import type { ConditionDetail } from './platform-condition.repository.js';
import { alertAdmins } from '../staff/admin-alerts.service.js';

/** How long a look waits for the database's answer before it counts as none. */
export const DATABASE_ANSWER_SECONDS = 10;
/** Looks in a row without an answer before the admins are warned: a restart between two looks mails nobody. */
export const FAILED_LOOKS_BEFORE_WARNING = 2;

/** This process, and how it mails while its database (and so its outbox) does not answer. */
export interface DatabaseWatchSettings {
  host: string;
  pid: number;
  sender: MailSender;
  from: string;
  publicUrl: string;
  answerSeconds?: number;
}

/** The watch over this process's database; `look` asks it once. */
export interface DatabaseWatch {
  look(): Promise<'answers' | 'unreachable'>;
}

/** The database's answer, or a rejection after `seconds` (a lost network may never answer). */
async function withinSeconds<T>(seconds: number, answer: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds} s`)), seconds * 1000);
  });
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Watches whether the database answers (PostgreSQL, another server). After FAILED_LOOKS_BEFORE_WARNING
 * looks in a row without an answer each admin known from the last answer gets one warning, sent at
 * once through the sender (the outbox is in that database); once it answers again, one recovery
 * notice through the outbox. Without the database instances cannot agree, so each one that loses
 * it warns for itself, naming its host and process; the state lives in this process.
 */
export function databaseWatch(db: Db, clock: Clock, settings: DatabaseWatchSettings): DatabaseWatch {
  let admins: string[] = [];
  let outage: { since: string; error: string; failedLooks: number; warned: Set<string> } | undefined;
  const instance = { host: settings.host, pid: settings.pid };

  async function warn(detail: ConditionDetail, warned: Set<string>): Promise<void> {
    const content = renderAlert('platform_database_unreachable', detail, settings.publicUrl);
    for (const to of admins.filter((admin) => !warned.has(admin))) {
      await settings.sender.send({ id: newId(), from: settings.from, to, date: clock.now(), ...content, attachments: [] });
      warned.add(to);
    }
  }

  return {
    async look() {
      try {
        admins = await withinSeconds(settings.answerSeconds ?? DATABASE_ANSWER_SECONDS, listAdminEmails(db));
      } catch (error) {
        outage ??= {
          since: clock.now().toISOString(),
          error: error instanceof Error ? error.message : String(error),
          failedLooks: 0,
          warned: new Set(),
        };
        outage.failedLooks += 1;
        // A warning that could not go out (the mail server down too) is tried again at the next look.
        if (outage.failedLooks >= FAILED_LOOKS_BEFORE_WARNING)
          await warn({ ...instance, since: outage.since, error: outage.error }, outage.warned);
        return 'unreachable';
      }
      if (outage) {
        const { since, error, failedLooks } = outage;
        if (failedLooks >= FAILED_LOOKS_BEFORE_WARNING) {
          const detail = { ...instance, since, until: clock.now().toISOString(), error };
          await db
            .transaction()
            .execute((trx) => alertAdmins(trx, clock, 'platform_database_recovered', detail, `${settings.host}:${settings.pid}:${since}`));
        }
        outage = undefined;
      }
      return 'answers';
    },
  };
}
