import type { LostLinkForm } from '../../core/booking-flows/lost-link.service.js';
import type { MessageKey } from '../i18n/i18n.js';
import { ErrorSummary, InputField } from './components.js';
import { type FieldMessages } from '../field-errors.js';
import { Layout } from './layout.js';
import type { Ui } from './ui.js';

const LOST_LINK_LABELS: Record<keyof LostLinkForm, MessageKey> = { reference: 'lost_link.reference', email: 'lost_link.email' };

interface Props {
  ui: Ui;
  values: LostLinkForm;
  errors?: FieldMessages;
  /** The request went through: the one answer, matched or not. */
  sent?: boolean;
  /** Asked too often (the throttle's message). */
  refusal?: string | undefined;
}

/** The form that mails a lost manage link to the booking's address (see requestManageLink). */
export function LostLinkPage({ ui, values, errors = {}, sent = false, refusal }: Props) {
  const { t } = ui;
  return (
    <Layout ui={ui} title={t('lost_link.title')}>
      <h1>{t('lost_link.title')}</h1>
      {sent && (
        <p class="notice success" role="status" data-testid="lost-link-sent">
          {t('lost_link.sent')}
        </p>
      )}
      {refusal && (
        <p class="notice error" role="alert" data-testid="lost-link-refusal">
          {refusal}
        </p>
      )}
      <p class="lead">{t('lost_link.intro')}</p>
      <form method="post" action="/manage-link" novalidate>
        <ErrorSummary ui={ui} errors={errors} labels={LOST_LINK_LABELS} />
        <InputField
          id="reference"
          name="reference"
          label={t('lost_link.reference')}
          hint={t('lost_link.reference_hint')}
          error={errors.reference}
          value={values.reference}
          required
          maxLength={40}
          autocomplete="off"
          spellcheck={false}
        />
        <InputField
          id="email"
          name="email"
          type="email"
          label={t('lost_link.email')}
          error={errors.email}
          value={values.email}
          required
          maxLength={254}
          autocomplete="email"
        />
        <button type="submit">{t('lost_link.submit')}</button>
      </form>
    </Layout>
  );
}
