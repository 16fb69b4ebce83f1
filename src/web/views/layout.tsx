import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Ui } from './ui.js';

interface LayoutProps {
  ui: Ui;
  title: string;
  children: ComponentChildren;
}

function LanguageSwitcher({ ui }: { ui: Ui }) {
  const { t } = ui;
  return (
    <form method="post" action="/language" class="language">
      <input type="hidden" name="back" value={ui.path} />
      <span id="language-label">{t('language.label')}</span>
      <button
        type="submit"
        name="lang"
        value="nl"
        lang="nl"
        aria-pressed={ui.lang === 'nl' ? 'true' : 'false'}
        aria-describedby="language-label language-note"
      >
        Nederlands
      </button>
      <button
        type="submit"
        name="lang"
        value="en"
        lang="en"
        aria-pressed={ui.lang === 'en' ? 'true' : 'false'}
        aria-describedby="language-label language-note"
      >
        English
      </button>
      <small id="language-note">{t('language.cookie_note')}</small>
    </form>
  );
}

export function Layout({ ui, title, children }: LayoutProps) {
  const { t } = ui;
  return (
    <html lang={ui.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Groupz`}</title>
        <link rel="stylesheet" href={ui.stylesheet} />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip_to_content')}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Groupz
          </a>
          <LanguageSwitcher ui={ui} />
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>{t('layout.privacy_note')}</p>
        </footer>
      </body>
    </html>
  );
}

/** A whole HTML document for a page component. */
export function renderPage(node: preact.VNode): string {
  return `<!doctype html>${render(node)}`;
}
