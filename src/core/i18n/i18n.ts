import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../shared/language.js';
import { authMessages } from './messages/auth.messages.js';
import { backupsMessages } from './messages/backups.messages.js';
import { bookingsAdminMessages } from './messages/bookings-admin.messages.js';
import { catalogAdminMessages } from './messages/catalog-admin.messages.js';
import { lifecycleMessages } from './messages/lifecycle.messages.js';
import { participantsMessages } from './messages/participants.messages.js';
import { mailMessages } from './messages/mail.messages.js';
import { manageMessages } from './messages/manage.messages.js';
import { optionsMessages } from './messages/options.messages.js';
import { en as publicEn } from './messages/public.en.js';
import { nl as publicNl } from './messages/public.nl.js';
import { securityMessages } from './messages/security.messages.js';
import { staffAdminMessages } from './messages/staff-admin.messages.js';
import { submissionsMessages } from './messages/submissions.messages.js';

/** Each area's messages (see define-messages.ts); a new area adds its module here. */
const nl = {
  ...publicNl,
  ...authMessages.nl,
  ...catalogAdminMessages.nl,
  ...bookingsAdminMessages.nl,
  ...staffAdminMessages.nl,
  ...lifecycleMessages.nl,
  ...participantsMessages.nl,
  ...mailMessages.nl,
  ...manageMessages.nl,
  ...securityMessages.nl,
  ...optionsMessages.nl,
  ...backupsMessages.nl,
  ...submissionsMessages.nl,
};
const en: Record<keyof typeof nl, string> = {
  ...publicEn,
  ...authMessages.en,
  ...catalogAdminMessages.en,
  ...bookingsAdminMessages.en,
  ...staffAdminMessages.en,
  ...lifecycleMessages.en,
  ...participantsMessages.en,
  ...mailMessages.en,
  ...manageMessages.en,
  ...securityMessages.en,
  ...optionsMessages.en,
  ...backupsMessages.en,
  ...submissionsMessages.en,
};

export type MessageKey = keyof typeof nl;

export const catalogues: Record<Language, Record<MessageKey, string>> = { nl, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(lang: Language): Translate {
  const catalogue = catalogues[lang];
  return (key, params) => catalogue[key].replace(/\{(\w+)\}/g, (match, name: string) => String(params?.[name] ?? match));
}

/**
 * The visitor's language: their stored choice, else the first of nl/en their browser asks for
 * (by quality), else Dutch.
 */
export function negotiateLanguage(choice: string | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(choice)) return choice;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { primary: tag.split('-')[0], quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const match = ranked.find((entry) => isLanguage(entry.primary));
  return (match?.primary as Language | undefined) ?? DEFAULT_LANGUAGE;
}
