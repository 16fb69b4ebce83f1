import { mailDrop } from '../src/adapters/mail-drop/mail-drop.js';
import { smtpSender } from '../src/adapters/smtp/smtp-sender.js';
import type { MailDeliverySettings } from '../src/core/mail/mail-delivery.service.js';
import type { MailSender } from '../src/core/mail/mail-sender.js';
import { TEST_PUBLIC_URL } from './app.js';
import { TEST_LINK_KEY } from './links.js';
import type { TestSmtpServer } from './mail-server.js';

/** The platform's SMTP sender, delivering to a test server, for mails from TEST_PUBLIC_URL. */
export function testSmtpSender(smtp: TestSmtpServer): MailSender {
  return smtpSender({ smtpUrl: smtp.url, publicUrl: TEST_PUBLIC_URL });
}

/** Mail delivery to a test SMTP server, from no-reply@bookings.test, its links TEST_PUBLIC_URL's signed with TEST_LINK_KEY unless overridden (an app's `t.linkKey`). */
export function testMailDelivery(smtp: TestSmtpServer, overrides: Partial<MailDeliverySettings> = {}): MailDeliverySettings {
  return {
    sender: testSmtpSender(smtp),
    linkKey: TEST_LINK_KEY,
    publicUrl: TEST_PUBLIC_URL,
    from: 'Groupz <no-reply@bookings.test>',
    ...overrides,
  };
}

/** The platform's mail drop: .eml files into `<dataDir>/mail/`, for mails from TEST_PUBLIC_URL. */
export function testMailDrop(dataDir: string): MailSender {
  return mailDrop({ dataDir, publicUrl: TEST_PUBLIC_URL });
}
