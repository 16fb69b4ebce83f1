import { at, contentOf, type MailContent, type MailDetail, type Section } from './mail-content.js';
import { mailTranslator } from './mail-texts.js';
import { isLanguage, LANGUAGES } from '../shared/language.js';

/** What a setup-link mail needs, as it goes out: the member, their venue, and the link (a full URL). */
export interface SetupLinkMail {
  name: string;
  email: string;
  /** The venue's name; null for a platform admin. */
  venue: string | null;
  link: string;
  expiresAt: Date;
}

function text(detail: MailDetail, name: string): string {
  const value = detail[name];
  return typeof value === 'string' ? value : '';
}

/**
 * A member's setup link, in the language whoever added them chose, else in Dutch and English
 * together (staff have no language setting): for a new account, or a re-issued link, which says
 * that the old password, authenticator link and recovery codes no longer work and who re-issued it.
 */
export function renderSetupLinkMail(detail: MailDetail, mail: SetupLinkMail, loginUrl: string): MailContent {
  const reissued = detail.reason === 'reissued';
  const by = text(detail, 'by');
  const languages = isLanguage(detail.language) ? [detail.language] : LANGUAGES;
  const sections = languages.map((lang): Section => {
    const t = mailTranslator(lang);
    const where = mail.venue ?? 'Groupz';
    return {
      lang,
      greeting: t('mail.greeting', { name: mail.name }),
      paragraphs: [
        reissued
          ? t('mail.account.intro_reissued', { by, email: mail.email })
          : t('mail.account.intro_added', { by, where, email: mail.email }),
        t('mail.account.how', { until: at(t, lang, mail.expiresAt) }),
        t(reissued ? 'mail.account.not_you_reissued' : 'mail.account.not_you_added'),
      ],
      facts: [],
      links: [
        { label: t('mail.account.link'), url: mail.link, note: t('mail.account.link_note') },
        { label: t('mail.account.login'), url: loginUrl },
      ],
      footer: t('mail.account.footer'),
    };
  });
  const subject = languages
    .map((lang) => mailTranslator(lang)(reissued ? 'mail.account.subject_reissued' : 'mail.account.subject_added'))
    .join(' / ');
  return contentOf(subject, sections);
}

/**
 * To the holder of an account whose address someone tried to add at a venue: nothing changed, and
 * whom to ask if they are to work there. The one who tried learns nothing of this account.
 */
export function renderAccountExistsMail(detail: MailDetail, loginUrl: string): MailContent {
  const sections = LANGUAGES.map((lang): Section => {
    const t = mailTranslator(lang);
    return {
      lang,
      paragraphs: [
        t('mail.account.exists_intro', { by: text(detail, 'by'), venue: text(detail, 'venue') }),
        t('mail.account.exists_advice'),
      ],
      facts: [],
      links: [{ label: t('mail.account.login'), url: loginUrl }],
      footer: t('mail.account.footer'),
    };
  });
  return contentOf(LANGUAGES.map((lang) => mailTranslator(lang)('mail.account.subject_exists')).join(' / '), sections);
}
