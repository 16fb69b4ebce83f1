import { Layout } from './layout.js';
import type { Ui } from './ui.js';

/**
 * A plain error page: a heading, a sentence, a way home. Never a stack trace. A booking's link that
 * finds nothing (`lostLink`) also points to the form that mails the manage link again.
 */
export function ErrorPage({ ui, title, message, lostLink = false }: { ui: Ui; title: string; message: string; lostLink?: boolean }) {
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <p data-testid="error-message">{message}</p>
      {lostLink && (
        <p data-testid="lost-link-hint">
          {ui.t('lost_link.not_found_hint')} <a href="/manage-link">{ui.t('lost_link.ask')}</a>
        </p>
      )}
      <p>
        <a href="/">{ui.t('activities.back')}</a>
      </p>
    </Layout>
  );
}
