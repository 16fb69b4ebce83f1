import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';
import type { Ui } from './ui.js';
import { type Language, LANGUAGES } from '../../core/shared/language.js';

interface LayoutProps {
  ui: Ui;
  title: string;
  children: ComponentChildren;
  /** More for the header (the back office's navigation and session notice). */
  header?: ComponentChildren;
  /** Self-hosted scripts, as enhancement only. */
  scripts?: string[];
  /** What the footer says about cookies and tracking, where it differs from the public pages'. */
  privacyNote?: string;
  /** What search engines show under the title (public catalogue pages). */
  description?: string;
  /** Take the screen's whole width (the back office's tables and schedule) instead of a reading column. */
  wide?: boolean;
  /**
   * The id of the page's form, on a page whose input must survive a language switch: the switcher's
   * buttons then submit that form (the `form` attribute, no JavaScript), whose route shows it again
   * in the language picked, with everything typed.
   */
  languageForm?: string;
}

/** Each language named in itself. */
const LANGUAGE_NAMES: Record<Language, string> = { nl: 'Nederlands', en: 'English' };

function LanguageSwitcher({ ui, form }: { ui: Ui; form: string | undefined }) {
  const { t } = ui;
  const content = (
    <>
      <span id="language-label">{t('language.label')}</span>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="submit"
          name="lang"
          value={lang}
          lang={lang}
          form={form}
          aria-pressed={ui.lang === lang ? 'true' : 'false'}
          aria-describedby="language-label language-note"
        >
          {LANGUAGE_NAMES[lang]}
        </button>
      ))}
      <small id="language-note">{t('language.cookie_note')}</small>
    </>
  );
  if (form) return <div class="language">{content}</div>;
  return (
    <form method="post" action="/language" class="language">
      <input type="hidden" name="back" value={ui.path} />
      {content}
    </form>
  );
}

export function Layout({ ui, title, children, header, scripts = [], privacyNote, description, wide = false, languageForm }: LayoutProps) {
  const { t } = ui;
  return (
    <html lang={ui.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Groupz`}</title>
        {description && <meta name="description" content={description} />}
        {!ui.indexable && <meta name="robots" content="noindex" />}
        <link rel="stylesheet" href={ui.stylesheet} />
        <link rel="icon" href={ui.icon} type="image/svg+xml" />
        {scripts.map((src) => (
          <script key={src} src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skip_to_content')}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            Groupz
          </a>
          <LanguageSwitcher ui={ui} form={languageForm} />
          {header}
        </header>
        <main id="main" tabindex={-1} class={wide ? 'wide' : undefined}>
          {children}
        </main>
        <footer class={wide ? 'site-footer wide' : 'site-footer'}>
          <p>
            {privacyNote ?? t('layout.privacy_note')}{' '}
            <a href="/privacy" data-testid="privacy-link">
              {t('privacy.footer_link')}
            </a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** A whole HTML document for a page component. */
export function renderPage(node: preact.VNode): string {
  return `<!doctype html>${render(node)}`;
}
