import { mailDrop } from '../src/adapters/mail-drop/mail-drop.js';
import { smtpSender } from '../src/adapters/smtp/smtp-sender.js';
import type { MailSender } from '../src/core/mail/mail-sender.js';
import { TEST_PUBLIC_URL } from './app.js';
import type { TestSmtpServer } from './mail-server.js';

/** The platform's SMTP sender, delivering to a test server, for mails from TEST_PUBLIC_URL. */
export function testSmtpSender(smtp: TestSmtpServer): MailSender {
  return smtpSender({ smtpUrl: smtp.url, publicUrl: TEST_PUBLIC_URL });
}

/** The platform's mail drop: .eml files into `<dataDir>/mail/`, for mails from TEST_PUBLIC_URL. */
export function testMailDrop(dataDir: string): MailSender {
  return mailDrop({ dataDir, publicUrl: TEST_PUBLIC_URL });
}
