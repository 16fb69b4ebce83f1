import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { render } from 'preact-render-to-string';
import { en } from './content/en.js';
import { nl } from './content/nl.js';
import { type Links, NAV_PAGES, PAGE_IDS, type PageId, type SiteText } from './content/site-text.js';
import type { PlatformUrl } from './platform-url.js';

export const LANGUAGES: readonly SiteText[] = [nl, en];

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

interface Asset extends SiteFile {
  url: string;
}

/** A file of website/ published under /assets/ with a hash of its content in the name, so it can be cached forever. */
function asset(file: string): Asset {
  const content = readFileSync(new URL(file, import.meta.url));
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const dot = file.lastIndexOf('.');
  const path = `assets/${file.slice(0, dot)}.${hash}${file.slice(dot)}`;
  return { path, url: `/${path}`, content };
}

/** The file a page's URL path is served from: "/x/" is "x/index.html", "/en/404.html" is itself. */
export function fileOfPath(path: string): string {
  return (path.endsWith('/') ? `${path}index.html` : path).slice(1);
}

interface PageProps {
  text: SiteText;
  other: SiteText;
  id: PageId;
  links: Links;
  assets: { stylesheet: Asset; logo: Asset };
}

function Page({ text, other, id, links, assets }: PageProps) {
  const page = text.pages[id];
  const label = (pageId: PageId) => text.pages[pageId].navLabel ?? text.pages[pageId].title;
  return (
    <html lang={text.lang}>
      <head>
        <meta charset="utf-8" />
        <meta http-equiv="Content-Security-Policy" content={CONTENT_SECURITY_POLICY} />
        <meta name="referrer" content={REFERRER_POLICY} />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{id === 'home' ? `Groupz · ${page.title}` : `${page.title} · Groupz`}</title>
        <meta name="description" content={page.description} />
        <link rel="stylesheet" href={assets.stylesheet.url} />
        <link rel="icon" href={assets.logo.url} type="image/svg+xml" />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {text.skipLink}
        </a>
        <header class="site-header">
          <a class="brand" href={links.page('home')} aria-label={text.homeLabel}>
            <img src={assets.logo.url} alt="" width={32} height={32} />
            <span>Groupz</span>
          </a>
          <nav class="site-nav" aria-label={text.mainNavLabel}>
            <ul>
              {NAV_PAGES.map((pageId) => (
                <li key={pageId}>
                  <a href={links.page(pageId)} aria-current={pageId === id ? 'page' : undefined}>
                    {label(pageId)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <a class="language" href={other.pages[id].path} hreflang={other.lang} lang={other.lang} rel="alternate">
            {other.languageName}
          </a>
          <a class="button platform" href={links.platform}>
            {text.toPlatform}
          </a>
        </header>
        <main id="main" tabindex={-1}>
          {page.body(links)}
        </main>
        <footer class="site-footer">
          <nav aria-label={text.footerNavLabel}>
            <ul>
              {PAGE_IDS.filter((pageId) => pageId !== 'notFound').map((pageId) => (
                <li key={pageId}>
                  <a href={links.page(pageId)}>{label(pageId)}</a>
                </li>
              ))}
              <li>
                <a href={links.platform}>{links.platformHost}</a>
              </li>
            </ul>
          </nav>
          <p>{text.footerNote}</p>
        </footer>
      </body>
    </html>
  );
}

/** Every file of the website for this platform address: each page in each language, and the assets. */
export function renderSite(platform: PlatformUrl): SiteFile[] {
  const assets = { stylesheet: asset('style.css'), logo: asset('logo.svg') };
  const pages = LANGUAGES.flatMap((text) => {
    const other = LANGUAGES.find((candidate) => candidate !== text)!;
    const links: Links = {
      page: (id) => text.pages[id].path,
      platform: `${platform.origin}/`,
      platformHost: platform.host,
      staffLogin: `${platform.origin}/staff/login`,
    };
    return PAGE_IDS.map((id) => ({
      path: fileOfPath(text.pages[id].path),
      content: `<!doctype html>\n${render(<Page text={text} other={other} id={id} links={links} assets={assets} />)}\n`,
    }));
  });
  return [...pages, assets.stylesheet, assets.logo].map(({ path, content }) => ({ path, content }));
}
