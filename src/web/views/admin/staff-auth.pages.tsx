import { InputField } from '../components.js';
import { Layout } from '../layout.js';
import type { Ui } from '../ui.js';

/** A form-level message: why the last attempt was refused, or a notice (logged out, timed out). */
function Notice({ message, error }: { message: string | undefined; error?: boolean }) {
  if (!message) return null;
  return error ? (
    <div class="error-summary" role="alert" tabindex={-1} data-testid="form-errors">
      <p>{message}</p>
    </div>
  ) : (
    <p class="notice" role="status" data-testid="notice">
      {message}
    </p>
  );
}

export function LoginPage({
  ui,
  email,
  error,
  notice,
}: {
  ui: Ui;
  email: string;
  error?: string | undefined;
  notice?: string | undefined;
}) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('auth.login_title')} privacyNote={t('admin.privacy_note')}>
      <h1>{t('auth.login_title')}</h1>
      <Notice message={notice} />
      <Notice message={error} error />
      <form method="post" action="/staff/login" class="narrow-form" novalidate>
        <InputField
          id="email"
          label={t('auth.email')}
          name="email"
          type="email"
          autocomplete="username"
          required
          maxLength={254}
          value={email}
        />
        <InputField
          id="password"
          label={t('auth.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          maxLength={1024}
        />
        <button type="submit">{t('auth.continue')}</button>
      </form>
      <p class="hint">{t('auth.login_help')}</p>
    </Layout>
  );
}

/** The code field of the second-factor step: a TOTP code, or a recovery code. */
export function CodeField({ ui, error }: { ui: Ui; error?: string | undefined }) {
  return (
    <InputField
      id="code"
      label={ui.t('auth.code')}
      hint={ui.t('auth.code_hint')}
      error={error}
      name="code"
      type="text"
      inputMode="text"
      autocomplete="one-time-code"
      required
      maxLength={40}
    />
  );
}

export function SecondFactorPage({ ui, error }: { ui: Ui; error?: string | undefined }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('auth.code_title')} privacyNote={t('admin.privacy_note')}>
      <h1>{t('auth.code_title')}</h1>
      <Notice message={error} error />
      <form method="post" action="/staff/login/code" class="narrow-form" novalidate>
        <CodeField ui={ui} />
        <button type="submit">{t('auth.sign_in')}</button>
      </form>
    </Layout>
  );
}

interface PasswordPageProps {
  ui: Ui;
  action: string;
  name: string;
  email: string;
  error?: string | undefined;
}

/** The new-password fields, shared by setup and the account page. */
export function NewPasswordFields({ ui, error }: { ui: Ui; error?: string | undefined }) {
  const { t } = ui;
  return (
    <>
      <InputField
        id="password"
        label={t('auth.new_password')}
        hint={t('auth.password_rules')}
        error={error}
        name="password"
        type="password"
        autocomplete="new-password"
        required
        minLength={8}
        maxLength={256}
      />
      <InputField
        id="password_repeat"
        label={t('auth.repeat_password')}
        name="password_repeat"
        type="password"
        autocomplete="new-password"
        required
        maxLength={256}
      />
    </>
  );
}

export function SetupPasswordPage({ ui, action, name, email, error }: PasswordPageProps) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('auth.setup_title')} privacyNote={t('admin.privacy_note')}>
      <h1>{t('auth.setup_title')}</h1>
      <p>{t('auth.setup_intro', { name, email })}</p>
      <Notice message={error} error />
      <form method="post" action={action} class="narrow-form" novalidate>
        <input type="text" name="username" autocomplete="username" value={email} hidden readOnly />
        <NewPasswordFields ui={ui} error={error} />
        <button type="submit">{t('auth.continue')}</button>
      </form>
    </Layout>
  );
}

interface EnrolmentProps {
  ui: Ui;
  action: string;
  secret: string;
  qrSvg: string;
  error?: string | undefined;
  /** Extra hidden fields (none in setup; none needed in the account either, kept for the form token). */
  children?: preact.ComponentChildren;
}

/** Shows the new TOTP secret as QR code and as text, and asks for a code to confirm it. */
export function TotpEnrolmentPage({ ui, action, secret, qrSvg, error, children }: EnrolmentProps) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('auth.totp_title')} privacyNote={t('admin.privacy_note')}>
      <h1>{t('auth.totp_title')}</h1>
      <p>{t('auth.totp_intro')}</p>
      <Notice message={error} error />
      <figure class="qr">
        {/* The SVG comes from the qrcode library from our own otpauth URI: no user input reaches it. */}
        <div role="img" aria-label={t('auth.totp_qr_label')} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <figcaption>
          {t('auth.totp_secret_label')} <code data-testid="totp-secret">{secret.match(/.{1,4}/g)!.join(' ')}</code>
        </figcaption>
      </figure>
      <form method="post" action={action} class="narrow-form" novalidate>
        {children}
        <InputField
          id="code"
          label={t('auth.totp_code')}
          error={error}
          name="code"
          type="text"
          inputMode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9 ]*"
          required
          maxLength={7}
        />
        <button type="submit">{t('auth.totp_confirm')}</button>
      </form>
    </Layout>
  );
}

export function RecoveryCodesPage({ ui, codes, next, nextLabel }: { ui: Ui; codes: string[]; next: string; nextLabel: string }) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('auth.recovery_title')} privacyNote={t('admin.privacy_note')}>
      <h1>{t('auth.recovery_title')}</h1>
      <p>{t('auth.recovery_intro')}</p>
      <ol class="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <p>
        <a href={next}>{nextLabel}</a>
      </p>
    </Layout>
  );
}
