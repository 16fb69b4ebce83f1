import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MailSender } from '../../core/mail/mail-sender.js';
import { lazyTransport, type MessageSettings, messageOf } from '../smtp/mail-message.js';

/**
 * Without an SMTP server: each mail is written as the complete RFC 822 message SMTP would carry
 * (`.eml`, attachments included, signed alike) into `<data dir>/mail/`, readable only by the
 * owner, named by the time it was sent so the folder lists in order.
 */
export function mailDrop(settings: MessageSettings & { dataDir: string }): MailSender {
  const host = new URL(settings.publicUrl).hostname;
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
