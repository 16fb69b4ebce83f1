import { formatBinaryBytes, formatPercent, formatShare } from '../i18n/format.js';
import type { WatchAlertKind } from '../outbox/mail.js';
import { type Language, LANGUAGES } from '../shared/language.js';
import { at, contentOf, type MailContent, type MailDetail, type Section } from './mail-content.js';
import { type MailMessageKey, type MailTranslate, mailTranslator } from './mail-texts.js';

/** Each alert's subject, what was seen, and what the admin can do. */
const TEXTS: Record<WatchAlertKind, { subject: MailMessageKey; intro: MailMessageKey; advice: MailMessageKey }> = {
  platform_disk_low: {
    subject: 'mail.watch.subject.platform_disk_low',
    intro: 'mail.watch.intro.platform_disk_low',
    advice: 'mail.watch.advice.platform_disk_low',
  },
  platform_disk_recovered: {
    subject: 'mail.watch.subject.platform_disk_recovered',
    intro: 'mail.watch.intro.platform_disk_recovered',
    advice: 'mail.watch.advice.platform_disk_recovered',
  },
  platform_database_unreachable: {
    subject: 'mail.watch.subject.platform_database_unreachable',
    intro: 'mail.watch.intro.platform_database_unreachable',
    advice: 'mail.watch.advice.platform_database_unreachable',
  },
  platform_database_recovered: {
    subject: 'mail.watch.subject.platform_database_recovered',
    intro: 'mail.watch.intro.platform_database_recovered',
    advice: 'mail.watch.advice.platform_database_recovered',
  },
};

function numberOf(detail: MailDetail, name: string): number {
  const value = detail[name];
  return typeof value === 'number' ? value : 0;
}

function textOf(detail: MailDetail, name: string): string {
  const value = detail[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function instantText(t: MailTranslate, lang: Language, detail: MailDetail, name: string): string {
  const instant = new Date(textOf(detail, name));
  return Number.isNaN(instant.getTime()) ? '' : at(t, lang, instant);
}

/** "10% or 1 GiB": the limits below which space is low, those that are on. */
export function diskLimitText(t: MailTranslate, lang: Language, percent: number, bytes: number): string {
  const size = formatBinaryBytes(bytes, lang);
  const written = formatPercent(percent, lang);
  if (percent > 0 && bytes > 0) return t('mail.watch.limit_both', { percent: written, size });
  return percent > 0 ? written : size;
}

function watchSection(kind: WatchAlertKind, lang: Language, detail: MailDetail, pageUrl: string): Section {
  const t = mailTranslator(lang);
  const host = textOf(detail, 'host');
  const free = numberOf(detail, 'free');
  const total = numberOf(detail, 'total');
  const disk = kind === 'platform_disk_low' || kind === 'platform_disk_recovered';
  const values = {
    host,
    path: textOf(detail, 'path'),
    pid: textOf(detail, 'pid'),
    free: formatBinaryBytes(free, lang),
    total: formatBinaryBytes(total, lang),
    share: formatShare(total > 0 ? free / total : 0, lang),
    since: instantText(t, lang, detail, 'since'),
    until: instantText(t, lang, detail, 'until'),
  };
  const facts: Section['facts'] = disk
    ? [
        [t('mail.watch.host'), host],
        [t('mail.watch.path'), values.path],
        [t('mail.watch.free'), `${values.free} / ${values.total} (${values.share})`],
        [t('mail.watch.limit'), diskLimitText(t, lang, numberOf(detail, 'warn_percent'), numberOf(detail, 'warn_bytes'))],
      ]
    : [
        [t('mail.watch.host'), `${host} (${values.pid})`],
        [t('mail.watch.error'), textOf(detail, 'error')],
      ];
  return {
    lang,
    paragraphs: [t(TEXTS[kind].intro, values), t(TEXTS[kind].advice)],
    facts,
    links: disk ? [{ label: t('mail.watch.link'), url: pageUrl }] : [],
    footer: t('mail.alert.footer'),
  };
}

/**
 * An alert to the admins about the data directory's free space or the database's answers, in
 * Dutch and English together: which server, what was seen, what to do; a disk alert links to the
 * self-audit page, which shows the space.
 */
export function renderWatchAlert(kind: WatchAlertKind, detail: MailDetail, publicUrl: string): MailContent {
  const pageUrl = `${publicUrl}/admin/security`;
  return contentOf(
    LANGUAGES.map((lang) => mailTranslator(lang)(TEXTS[kind].subject, { host: textOf(detail, 'host') })).join(' / '),
    LANGUAGES.map((lang) => watchSection(kind, lang, detail, pageUrl)),
  );
}
