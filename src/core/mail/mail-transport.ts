import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type nodemailer from 'nodemailer';

/** A mail ready to go out. */
export interface OutgoingMail {
  /** The outbox row's id: it makes the Message-ID, so a resent copy is recognisably the same mail. */
  id: string;
  from: string;
  to: string;
  /** Where replies go (the venue's contact address on organisers' mails); absent: to the sender. */
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  date: Date;
  attachments: { filename: string; content: string; contentType: string }[];
}

export interface MailTransport {
  /** Where mails go, for the log: `smtp://host:port` (never the credentials) or the folder. */
  readonly target: string;
  /** Resolves once the mail is accepted (by the SMTP server, or written to disk); rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
}

/** Short enough that a hanging server cannot hold a mail past its claim (see mail-delivery.service.ts). */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

function messageOf(mail: OutgoingMail, host: string, dkim: DkimKey | undefined): nodemailer.SendMailOptions {
  return {
    // Per message: nodemailer keeps only the URL's settings of a transport made from `url`.
    ...(dkim && { dkim }),
    messageId: `<${mail.id}@${host}>`,
    date: mail.date,
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo && { replyTo: mail.replyTo }),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments,
    // RFC 3834: no out-of-office replies to a machine.
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** nodemailer's transport, made with the first mail: a start does not wait for nodemailer to load. */
function lazyTransport<T>(make: (mailer: typeof nodemailer) => nodemailer.Transporter<T>): () => Promise<nodemailer.Transporter<T>> {
  let transport: Promise<nodemailer.Transporter<T>> | undefined;
  return () => (transport ??= import('nodemailer').then(({ default: mailer }) => make(mailer)));
}

/** DKIM signing as nodemailer does it: the signing domain (`d=`), the selector (`s=`), the RSA key in PEM. */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

export interface MailTransportSettings {
  smtpUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  /** Signs every mail, over SMTP and in the `.eml` files alike; undefined: unsigned. */
  dkim?: DkimKey | undefined;
}

/**
 * SMTP through nodemailer when `smtpUrl` is set (smtp:// upgrades with STARTTLS when the server
 * offers it; smtps:// is TLS from the start); otherwise each mail is written as a complete RFC 822
 * message (`.eml`, attachments included) into `<data dir>/mail/`, readable only by the owner, named
 * by the time it was sent so the folder lists in order. With a DKIM key, nodemailer signs each.
 */
export function createMailTransport(settings: MailTransportSettings): MailTransport {
  const host = new URL(settings.publicUrl).hostname;
  if (settings.smtpUrl) {
    const url = new URL(settings.smtpUrl);
    const smtp = lazyTransport((mailer) => mailer.createTransport({ url: settings.smtpUrl, ...SMTP_TIMEOUTS }));
    return {
      target: `${url.protocol}//${url.host}`,
      send: async (mail) => {
        await (await smtp()).sendMail(messageOf(mail, host, settings.dkim));
      },
    };
  }
  const dir = join(settings.dataDir, 'mail');
  const files = lazyTransport((mailer) => mailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' }));
  return {
    target: dir,
    send: async (mail) => {
      const { message } = await (await files()).sendMail(messageOf(mail, host, settings.dkim));
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const stamp = mail.date.toISOString().replace(/[:.]/g, '-');
      await writeFile(join(dir, `${stamp}-${mail.id}.eml`), message, { mode: 0o600, flag: 'wx' });
    },
  };
}
