import type { MailSender } from '../../core/mail/mail-sender.js';
import { lazyTransport, type MessageSettings, messageOf } from './mail-message.js';

/** Short enough that a hanging server cannot hold a mail past its claim (see mail-delivery.service.ts). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * Mails over SMTP through nodemailer: smtp:// upgrades with STARTTLS when the server offers it,
 * smtps:// is TLS from the start. With a DKIM key, nodemailer signs each.
 */
export function smtpSender(settings: MessageSettings & { smtpUrl: string }): MailSender {
  const host = new URL(settings.publicUrl).hostname;
  const url = new URL(settings.smtpUrl);
  const smtp = lazyTransport((mailer) => mailer.createTransport({ url: settings.smtpUrl, ...SMTP_TIMEOUTS }));
  return {
    target: `${url.protocol}//${url.host}`,
    send: async (mail) => {
      await (await smtp()).sendMail(messageOf(mail, host, settings.dkim));
    },
  };
}
