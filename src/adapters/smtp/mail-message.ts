import type nodemailer from 'nodemailer';
import type { OutgoingMail } from '../../core/mail/mail-sender.js';
import { loadOnce } from '../../core/shared/load-once.js';

/** DKIM signing as nodemailer does it: the signing domain (`d=`), the selector (`s=`), the RSA key in PEM. */
export interface DkimKey {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/** How a mail is made into a message: its Message-ID names the public host; a DKIM key signs it. */
export interface MessageSettings {
  publicUrl: string;
  /** Signs every mail, over SMTP and in the `.eml` files alike; undefined: unsigned. */
  dkim?: DkimKey | undefined;
}

/** The mail as nodemailer composes (and, with a DKIM key, signs) it; the Message-ID names `host`. */
export function messageOf(mail: OutgoingMail, host: string, dkim: DkimKey | undefined): nodemailer.SendMailOptions {
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
export function lazyTransport<T>(make: (mailer: typeof nodemailer) => nodemailer.Transporter<T>): () => Promise<nodemailer.Transporter<T>> {
  return loadOnce(async () => make((await import('nodemailer')).default));
}
