import type { Language } from '../shared/language.js';
import { type Translator, translatorFor } from '../i18n/i18n.js';
import { labelMessages } from '../i18n/labels.messages.js';
import { accountMailMessages } from './messages/account-mail.messages.js';
import { alertMailMessages } from './messages/alert-mail.messages.js';
import { bookingMailMessages } from './messages/booking-mail.messages.js';
import { voucherMailMessages } from './messages/voucher-mail.messages.js';
import { watchMailMessages } from './messages/watch-mail.messages.js';

/** The texts of the mails and calendar files: the names they share with the pages, then each kind's own. */
const nl = {
  ...labelMessages.nl,
  ...bookingMailMessages.nl,
  ...accountMailMessages.nl,
  ...alertMailMessages.nl,
  ...voucherMailMessages.nl,
  ...watchMailMessages.nl,
};
const en: Record<keyof typeof nl, string> = {
  ...labelMessages.en,
  ...bookingMailMessages.en,
  ...accountMailMessages.en,
  ...alertMailMessages.en,
  ...voucherMailMessages.en,
  ...watchMailMessages.en,
};

export type MailMessageKey = keyof typeof nl;
export type MailTranslate = Translator<MailMessageKey>;

export const mailCatalogues: Record<Language, Record<MailMessageKey, string>> = { nl, en };

export function mailTranslator(lang: Language): MailTranslate {
  return translatorFor(mailCatalogues[lang], lang);
}
