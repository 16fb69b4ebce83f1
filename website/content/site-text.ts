import type { VNode } from 'preact';

/** The website's languages; Dutch lives at the root, English under /en/. */
export type Language = 'nl' | 'en';

/** The pages, the same set in every language (the type makes a missing page a compile error). */
export const PAGE_IDS = ['home', 'groups', 'venues', 'guidelines', 'privacy', 'notFound'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** The pages in the header's navigation, in order. */
export const NAV_PAGES: readonly PageId[] = ['groups', 'venues', 'guidelines', 'privacy'];

/** What a page's text may link to: its own language's pages and the platform. */
export interface Links {
  page(id: PageId): string;
  /** The platform's start page, and its host name for display. */
  platform: string;
  platformHost: string;
  /** The back office's sign-in page. */
  staffLogin: string;
}

export interface PageText {
  /** Where the page is served: "/" or "/en/" for the start page, "/x/" for another page, a file name for the 404 page. */
  path: string;
  title: string;
  description: string;
  /** The page's name in the navigation (defaults to the title). */
  navLabel?: string;
  body(links: Links): VNode;
}

export interface SiteText {
  lang: Language;
  /** This language named in itself, for the link from the other language. */
  languageName: string;
  skipLink: string;
  homeLabel: string;
  mainNavLabel: string;
  footerNavLabel: string;
  toPlatform: string;
  footerNote: string;
  pages: Record<PageId, PageText>;
}
