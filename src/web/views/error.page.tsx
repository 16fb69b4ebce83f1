import { Layout } from './layout.js';
import type { Ui } from './ui.js';

/** A plain error page: a heading, a sentence, a way home. Never a stack trace. */
export function ErrorPage({ ui, title, message }: { ui: Ui; title: string; message: string }) {
  return (
    <Layout ui={ui} title={title}>
      <h1>{title}</h1>
      <p data-testid="error-message">{message}</p>
      <p>
        <a href="/">{ui.t('activities.back')}</a>
      </p>
    </Layout>
  );
}
