import type { Venue } from '../catalog/activity.js';
import { formatLongDate, formatMoney } from '../i18n/format.js';
import type { Language } from '../shared/language.js';
import type { Voucher } from '../vouchers/voucher.js';
import { contentOf, type MailContent } from './mail-content.js';
import { type MailMessageKey, mailTranslator } from './mail-texts.js';

/** What a voucher's mail states, as it goes out: the voucher now, its code opened from its seal, its venue. */
export interface VoucherMailFacts {
  voucher: Voucher;
  code: string;
  venue: Venue;
  /** The catalogue searched for the venue (a full URL), where its activities are booked. */
  activitiesUrl: string;
}

/** A code as it is read and typed: groups of four (it is stored and mailed so already; any other text as it is). */
function grouped(code: string): string {
  const plain = code.replace(/-/g, '');
  return plain.length === 16 ? (plain.match(/.{4}/g) ?? [plain]).join('-') : code;
}

/**
 * The mail that hands over a gift voucher, in the voucher's language: its venue, value (and its
 * balance now, when some was spent), code, last valid day (Amsterdam date, written out), the
 * recipient and message the buyer gave, how to use it, and for one sold, that its sale carried no
 * VAT (a multi-purpose voucher). The recipient and message reach only an address someone paid for.
 */
export function renderVoucherMail(lang: Language, { voucher, code, venue, activitiesUrl }: VoucherMailFacts): MailContent {
  const t = mailTranslator(lang);
  const amount = formatMoney(voucher.initialCents, lang);
  const sold = voucher.origin !== 'issued';
  const facts: [MailMessageKey, string][] = [
    ['mail.voucher.venue', venue.name],
    ['mail.voucher.amount', amount],
    ...(voucher.balanceCents !== voucher.initialCents
      ? [['mail.voucher.balance', formatMoney(voucher.balanceCents, lang)] as [MailMessageKey, string]]
      : []),
    ['mail.voucher.valid_until', formatLongDate(voucher.validUntil, lang)],
    ...(voucher.recipientName ? [['mail.voucher.recipient', voucher.recipientName] as [MailMessageKey, string]] : []),
    ...(voucher.message ? [['mail.voucher.message', voucher.message] as [MailMessageKey, string]] : []),
  ];
  return contentOf(t('mail.voucher.subject', { venue: venue.name }), [
    {
      lang,
      greeting: t('mail.greeting'),
      paragraphs: [t(sold ? 'mail.voucher.intro_sold' : 'mail.voucher.intro_issued', { venue: venue.name, amount })],
      code: { label: t('mail.voucher.code'), value: grouped(code) },
      facts: facts.map(([key, value]) => [t(key), value]),
      after: [t('mail.voucher.how', { venue: venue.name }), t('mail.voucher.keep'), ...(sold ? [t('mail.voucher.vat')] : [])],
      links: [{ label: t('mail.voucher.activities'), url: activitiesUrl }],
      footer: t('mail.footer', { venue: venue.name }),
    },
  ]);
}
