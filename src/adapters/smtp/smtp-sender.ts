import { MAIL_CONCURRENCY } from '../../core/mail/mail-delivery.service.js';
import { type MailSender, RelayUnavailable } from '../../core/mail/mail-sender.js';
import { loadOnce } from '../../core/shared/load-once.js';
import { type MessageSettings, messageOf } from './mail-message.js';
import { connectWithoutDelay } from './smtp-socket.js';

/** Short enough that a hanging server cannot hold a mail past its claim (see mail-delivery.service.ts). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Connections kept open and used again (nodemailer's pool), one for each mail the outbox has under
 * way at once: a mail does not wait for a connection and a greeting of its own.
 */
const SMTP_POOL = { pool: true, maxConnections: MAIL_CONCURRENCY } as const;

/**
 * nodemailer's codes for a relay that cannot be reached or stopped answering (not for a mail it
 * refused): DNS, refused or cut-off connections, timeouts, a failed TLS start.
 */
const RELAY_DOWN_CODES = new Set(['EDNS', 'ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'ETLS']);

/**
 * Mails over SMTP through nodemailer: smtp:// upgrades with STARTTLS when the server offers it,
 * smtps:// is TLS from the start. With a DKIM key, nodemailer signs each. Connections are pooled
 * (SMTP_POOL) and opened without Nagle's delay (smtp-socket.ts).
 */
export function smtpSender(settings: MessageSettings & { smtpUrl: string }): MailSender {
  const host = new URL(settings.publicUrl).hostname;
  const url = new URL(settings.smtpUrl);
  // Made with the first mail: a start does not wait for nodemailer to load.
  const smtp = loadOnce(async () => {
    const [{ default: mailer }, { default: SMTPPool }] = await Promise.all([
      import('nodemailer'),
      import('nodemailer/lib/smtp-pool/index.js'),
    ]);
    // What GROUPZ_SMTP_URL's query sets (`?maxConnections=2`, say) goes before these.
    return mailer.createTransport(new SMTPPool({ ...SMTP_TIMEOUTS, ...SMTP_POOL, url: settings.smtpUrl, getSocket: connectWithoutDelay }));
  });
  return {
    target: `${url.protocol}//${url.host}`,
    send: async (mail) => {
      try {
        await (await smtp()).sendMail(messageOf(mail, host, settings.dkim));
      } catch (error) {
        const { code } = (error ?? {}) as { code?: unknown };
        if (typeof code === 'string' && RELAY_DOWN_CODES.has(code)) throw new RelayUnavailable(code, { cause: error });
        throw error;
      }
    },
  };
}
