import { en } from './en.js';
import { nl } from './nl.js';

/** The website's languages; Dutch lives at the root, English under /en/. */
export type Language = 'nl' | 'en';
export const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** The pages, the same set in every language. */
export const PAGE_IDS = ['home', 'groups', 'venues', 'guidelines', 'privacy', 'notFound'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** The pages in the header's navigation (the logo leads home) and in the footer's, in order. */
export const NAV_PAGES = ['groups', 'venues', 'guidelines', 'privacy'] as const satisfies readonly PageId[];
export const FOOTER_PAGES = ['home', ...NAV_PAGES] as const;

/** A text's key. Every page's `.path`, `.title`, `.description` and `.lead` are looked up by page id, so a page without one does not compile. */
export type MessageKey = keyof typeof nl;

const CATALOGS: Record<Language, Record<MessageKey, string>> = { nl, en };

/** What a page is rendered with: its language's texts and where its links go. */
export interface PageContext {
  lang: Language;
  /** The text for a key, with `{host}` replaced by the platform's host. */
  t(key: MessageKey): string;
  /** Where a page of this language is served: "/x/" or, for the 404 page, a file. */
  path(id: PageId): string;
  /** The platform's start page and the back office's sign-in page. */
  platform: string;
  platformHost: string;
  staffLogin: string;
}

export function pageContext(lang: Language, platform: { origin: string; host: string }): PageContext {
  const t = (key: MessageKey) => CATALOGS[lang][key].replaceAll('{host}', platform.host);
  return {
    lang,
    t,
    path: (id) => t(`${id}.path`),
    platform: `${platform.origin}/`,
    platformHost: platform.host,
    staffLogin: `${platform.origin}/staff/login`,
  };
}
