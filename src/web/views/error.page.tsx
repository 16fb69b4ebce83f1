import { Layout } from './layout.js';
import type { Ui } from './ui.js';

/** A form to send again as it was sent: where to, and its fields in order. */
export interface Resend {
  action: string;
  fields: [string, string][];
}

/**
 * The resend form's controls, one per field name: a hidden input for a single value, and for a name
 * sent with several values (checked extras, say) a hidden multiple select with each value selected,
 * which sends them all in their order. HTML allows hidden inputs sharing a name, but one control per
 * name is what validators (form-dup-name) and assistive technology expect.
 */
function resendControls(fields: [string, string][]) {
  const byName = new Map<string, string[]>();
  for (const [name, value] of fields) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  return [...byName].map(([name, values]) =>
    values.length === 1 ? (
      <input type="hidden" name={name} value={values[0]} />
    ) : (
      <select name={name} multiple hidden>
        {values.map((value) => (
          <option value={value} selected>
            {value}
          </option>
        ))}
      </select>
    ),
  );
}

interface ErrorPageProps {
  ui: Ui;
  title: string;
  message: string;
  lostLink?: boolean;
  backOffice?: boolean;
  resend?: Resend | undefined;
}

/**
 * A plain error page: a heading, a sentence, a way home. Never a stack trace. A booking's link that
 * finds nothing (`lostLink`) also points to the form that mails the manage link again. Under the
 * back office (`backOffice`), the footer says what the back office keeps (a session cookie) and the
 * way home leads to it. A form the database could not take (`resend`) can be sent again as it was.
 */
export function ErrorPage({ ui, title, message, lostLink = false, backOffice = false, resend }: ErrorPageProps) {
  return (
    <Layout ui={ui} title={title} {...(backOffice && { privacyNote: ui.t('admin.privacy_note') })}>
      <h1>{title}</h1>
      <p data-testid="error-message">{message}</p>
      {lostLink && (
        <p data-testid="lost-link-hint">
          {ui.t('lost_link.not_found_hint')} <a href="/manage-link">{ui.t('lost_link.ask')}</a>
        </p>
      )}
      {resend && (
        <form method="post" action={resend.action} data-testid="resend">
          {resendControls(resend.fields)}
          <p>{ui.t('http.unavailable_resend')}</p>
          <button type="submit">{ui.t('http.unavailable_resend_button')}</button>
        </form>
      )}
      <p>{backOffice ? <a href="/admin">{ui.t('admin.nav.label')}</a> : <a href="/">{ui.t('activities.back')}</a>}</p>
    </Layout>
  );
}
