import { MAIL_CONCURRENCY } from '../../core/mail/mail-delivery.service.js';
import { type MailSender, RelayUnavailable } from '../../core/mail/mail-sender.js';
import { lazyTransport, type MessageSettings, messageOf } from './mail-message.js';

/** Short enough that a hanging server cannot hold a mail past its claim (see mail-delivery.service.ts). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Connections kept open and used again (nodemailer's pool), one for each mail the outbox has under
 * way at once: a mail does not wait for a connection and a greeting of its own.
 */
const SMTP_POOL = { pool: 'true', maxConnections: String(MAIL_CONCURRENCY) };

/**
 * nodemailer's codes for a relay that cannot be reached or stopped answering (not for a mail it
 * refused): DNS, refused or cut-off connections, timeouts, a failed TLS start.
 */
const RELAY_DOWN_CODES = new Set(['EDNS', 'ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'ETLS']);

/**
 * The URL with SMTP_TIMEOUTS and SMTP_POOL in its query, where it sets none: nodemailer takes a
 * transport made from a URL from the URL alone (options beside `url` are dropped, its defaults apply).
 */
function withDefaults(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const defaults = { ...SMTP_POOL, ...Object.fromEntries(Object.entries(SMTP_TIMEOUTS).map(([name, ms]) => [name, String(ms)])) };
  for (const [name, value] of Object.entries(defaults)) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  return url.href;
}

/**
 * Mails over SMTP through nodemailer: smtp:// upgrades with STARTTLS when the server offers it,
 * smtps:// is TLS from the start. With a DKIM key, nodemailer signs each. Connections are pooled (SMTP_POOL).
 */
export function smtpSender(settings: MessageSettings & { smtpUrl: string }): MailSender {
  const host = new URL(settings.publicUrl).hostname;
  const url = new URL(settings.smtpUrl);
  const smtp = lazyTransport((mailer) => mailer.createTransport(withDefaults(settings.smtpUrl)));
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
