import type { Venue } from '../../../core/catalog/activity.js';
import { formatDateTime } from '../../../core/i18n/format.js';
import type { MollieKeyStatus } from '../../../core/venues/venue-payment.service.js';
import type { AdminUi } from './admin-ui.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { CsrfField, PostButton } from './admin-layout.js';

const SERVES: Record<MollieKeyStatus['source'], MessageKey> = {
  own: 'mollie_key.serves_own',
  platform: 'mollie_key.serves_platform',
  none: 'mollie_key.serves_none',
};

export interface PaymentPanelProps {
  status: MollieKeyStatus;
  /** The key form's error, if it was refused (the key typed is never sent back). */
  errors: FieldMessages;
  /** What was just done: a key saved or removed, the invoicing setting saved. */
  done?: 'saved' | 'removed' | 'invoicing' | undefined;
}

/**
 * The venue's payment settings: which Mollie key serves it (and why online payment is not offered
 * without one), its own key (entered, checked with Mollie, never shown back; removable), and
 * whether paying on invoice requires the organisation's own reference.
 */
export function VenuePaymentPanel({ ui, venue, status, errors, done }: PaymentPanelProps & { ui: AdminUi; venue: Venue }) {
  const { t, lang } = ui;
  const own = status.own;
  return (
    <>
      <section class="panel" aria-labelledby="mollie-title" data-testid="mollie-key">
        <h2 id="mollie-title">{t('mollie_key.title')}</h2>
        {done === 'saved' && (
          <p class="notice success" role="status" data-testid="mollie-key-saved">
            {t('mollie_key.saved')}
          </p>
        )}
        {done === 'removed' && (
          <p class="notice success" role="status" data-testid="mollie-key-removed">
            {t('mollie_key.removed')}
          </p>
        )}
        <p class={status.source === 'none' ? 'warning' : undefined} data-testid={`mollie-source-${status.source}`}>
          {t(SERVES[status.source])}
        </p>
        {own && (
          <p data-testid="mollie-key-set">
            {own.ending === null
              ? t('mollie_key.set_unreadable')
              : t('mollie_key.set', {
                  ending: own.ending,
                  mode: t(own.mode === 'live' ? 'mollie_key.mode_live' : 'mollie_key.mode_test'),
                  checked: own.checkedAt ? formatDateTime(own.checkedAt, lang) : '?',
                })}
          </p>
        )}
        <form method="post" action={`/admin/venues/${venue.id}/mollie-key`} novalidate class="narrow-form" data-testid="mollie-key-form">
          <CsrfField ui={ui} />
          <ErrorSummary ui={ui} errors={errors} labels={{ mollieKey: 'mollie_key.key' }} />
          <InputField
            id="mollieKey"
            name="mollieKey"
            label={t('mollie_key.key')}
            error={errors.mollieKey}
            hint={t('mollie_key.key_hint')}
            type="text"
            autocomplete="off"
            spellcheck={false}
            value=""
          />
          <button type="submit">{t('mollie_key.save')}</button>
        </form>
        {own && (
          <div class="actions">
            <PostButton ui={ui} action={`/admin/venues/${venue.id}/mollie-key/remove`} danger label={t('mollie_key.remove')} />
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="invoicing-title">
        <h2 id="invoicing-title">{t('invoicing.title')}</h2>
        {done === 'invoicing' && (
          <p class="notice success" role="status" data-testid="invoicing-saved">
            {t('invoicing.saved')}
          </p>
        )}
        <form method="post" action={`/admin/venues/${venue.id}/invoicing`} class="narrow-form" data-testid="invoicing-form">
          <CsrfField ui={ui} />
          <div class="field checkbox">
            <input id="poRequired" name="poRequired" type="checkbox" value="yes" checked={venue.poRequired} />
            <label for="poRequired">{t('invoicing.po_required')}</label>
          </div>
          <button type="submit">{t('invoicing.save')}</button>
        </form>
      </section>
    </>
  );
}
