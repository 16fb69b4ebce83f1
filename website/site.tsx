import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { render } from 'preact-render-to-string';
import {
  FOOTER_PAGES,
  type Language,
  LANGUAGES,
  NAV_PAGES,
  PAGE_IDS,
  type PageContext,
  pageContext,
  type PageId,
} from './content/texts.js';
import { PAGE_BODIES } from './pages.js';
import type { PlatformUrl } from './platform-url.js';

/**
 * The policy every page carries (a static site sends no headers of its own; the server adds the
 * same and frame-ancestors, which only a header can set). Nothing may run, nothing loads but this
 * origin's stylesheet and images.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
export const REFERRER_POLICY = 'no-referrer';

/** A built file: its path under the output directory and its content. */
export interface SiteFile {
  path: string;
  content: string | Buffer;
}

/** A file of website/ published under /assets/ with a hash of its content in the name, so it can be cached forever. */
function asset(file: string): SiteFile & { url: string } {
  const content = readFileSync(new URL(file, import.meta.url));
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const name = basename(file);
  const dot = name.lastIndexOf('.');
  const path = `assets/${name.slice(0, dot)}.${hash}${name.slice(dot)}`;
  return { path, url: `/${path}`, content };
}

/** The file a page's URL path is served from: "/x/" is "x/index.html", "/en/404.html" is itself. */
function fileOfPath(path: string): string {
  return (path.endsWith('/') ? `${path}index.html` : path).slice(1);
}

interface PageProps {
  c: PageContext;
  /** The same page in the other language. */
  other: PageContext;
  id: PageId;
  assets: { stylesheet: string; logo: string };
}

function Page({ c, other, id, assets }: PageProps) {
  const { t } = c;
  const title = t(`${id}.title`);
  const navLink = (page: (typeof FOOTER_PAGES)[number]) => (
    <li key={page}>
      <a href={c.path(page)} aria-current={page === id ? 'page' : undefined}>
        {t(`${page}.nav`)}
      </a>
    </li>
  );
  return (
    <html lang={c.lang}>
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />
        <meta name="referrer" content={REFERRER_POLICY} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{id === 'home' ? `Groupz · ${title}` : `${title} · Groupz`}</title>
        <meta name="description" content={t(`${id}.description`)} />
        <link rel="stylesheet" href={assets.stylesheet} />
        <link rel="icon" href={assets.logo} type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip_link')}
        </a>
        <header class="site-header">
          <a class="brand" href={c.path('home')} aria-label={t('layout.home_label')}>
            <img src={assets.logo} alt="" width={32} height={32} />
            <span>Groupz</span>
          </a>
          <nav class="site-nav" aria-label={t('layout.main_nav')}>
            <ul>{NAV_PAGES.map(navLink)}</ul>
          </nav>
          <a class="language" href={other.path(id)} hreflang={other.lang} lang={other.lang} rel="alternate">
            {other.t('language.name')}
          </a>
          <a class="button platform" href={c.platform}>
            {t('layout.to_platform')}
          </a>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          <p class="lead">{t(`${id}.lead`)}</p>
          {PAGE_BODIES[id](c)}
        </main>
        <footer class="site-footer">
          <nav aria-label={t('layout.footer_nav')}>
            <ul>
              {FOOTER_PAGES.map(navLink)}
              <li>
                <a href={c.platform}>{c.platformHost}</a>
              </li>
            </ul>
          </nav>
          <p>{t('layout.footer_note')}</p>
        </footer>
      </body>
    </html>
  );
}

/** Every file of the website for this platform address: each page in each language, and the assets. */
export function renderSite(platform: PlatformUrl): SiteFile[] {
  const stylesheet = asset('style.css');
  // The platform's icon too: one logo for both.
  const logo = asset('../assets/logo.svg');
  const contexts = new Map(LANGUAGES.map((lang) => [lang, pageContext(lang, platform)]));
  const otherOf = (lang: Language) => contexts.get(LANGUAGES.find((candidate) => candidate !== lang)!)!;
  const pages = [...contexts.values()].flatMap((c) =>
    PAGE_IDS.map((id) => ({
      path: fileOfPath(c.path(id)),
      content: `<!doctype html>\n${render(<Page c={c} other={otherOf(c.lang)} id={id} assets={{ stylesheet: stylesheet.url, logo: logo.url }} />)}\n`,
    })),
  );
  return [...pages, stylesheet, logo].map(({ path, content }) => ({ path, content }));
}
