import { formatDate, formatMoney, formatRange } from '../../../core/i18n/format.js';
import type { PersonErasure } from '../../../core/privacy/data-requests.js';
import type { PersonMatches } from '../../../core/privacy/data-requests.service.js';
import type { FieldMessages } from '../../field-errors.js';
import { ErrorSummary, Field, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { statusText } from '../manage-data.page.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';

export const PERSONAL_DATA_PATH = '/admin/personal-data';

interface Props {
  ui: AdminUi;
  /** The address as typed. */
  email: string;
  errors: FieldMessages;
  /** What the search found; null before a search, and when the address was refused. */
  matches: PersonMatches | null;
}

function Matches({ ui, matches, errors }: { ui: AdminUi; matches: PersonMatches; errors: FieldMessages }) {
  const { t, lang } = ui;
  if (matches.bookings.length === 0 && matches.vouchers.length === 0) {
    return (
      <p data-testid="personal-data-none" role="status">
        {t('personal_data.none')}
      </p>
    );
  }
  return (
    <>
      <section data-testid="personal-data-bookings">
        <h2>{t('personal_data.bookings')}</h2>
        <DataTable
          caption={t('personal_data.bookings')}
          columns={[
            { figure: t('personal_data.col.reference') },
            t('personal_data.col.activity'),
            t('personal_data.col.venue'),
            { figure: t('personal_data.col.visit') },
            { figure: t('personal_data.col.status') },
            t('personal_data.col.erasure'),
          ]}
          rows={matches.bookings}
          empty={<p>{t('data.none')}</p>}
          row={(b) => (
            <tr>
              <th scope="row">
                <a href={`/admin/bookings/${b.id}`}>{b.reference}</a>
              </th>
              <td>{b.activity[lang]}</td>
              <td>{b.venue}</td>
              <td>{formatRange(new Date(b.startsAt), new Date(b.endsAt), lang)}</td>
              <td>{statusText(ui, b.status)}</td>
              <td data-testid="erasure-mode">
                {b.erasableNow
                  ? t('personal_data.erasure.now')
                  : t(b.erasureRequested ? 'personal_data.erasure.requested' : 'personal_data.erasure.after_visit')}
              </td>
            </tr>
          )}
        />
      </section>
      <section data-testid="personal-data-vouchers">
        <h2>{t('personal_data.vouchers')}</h2>
        <DataTable
          caption={t('personal_data.vouchers')}
          columns={[
            { figure: t('personal_data.col.code') },
            t('personal_data.col.venue'),
            { figure: t('personal_data.col.valid_until') },
            { figure: t('personal_data.col.balance') },
          ]}
          rows={matches.vouchers}
          empty={<p>{t('data.none')}</p>}
          row={(v) => (
            <tr>
              <th scope="row">•••• {v.codeHint}</th>
              <td>{v.venue}</td>
              <td>{v.validUntil}</td>
              <td>{formatMoney(v.balanceCents, lang)}</td>
            </tr>
          )}
        />
      </section>
      {/* A POST: the export is recorded in the activity log, and GET changes nothing. */}
      <form method="post" action={`${PERSONAL_DATA_PATH}/export.json`} data-testid="personal-data-export">
        <CsrfField ui={ui} />
        <input type="hidden" name="email" value={matches.email} />
        <button type="submit">{t('personal_data.export')}</button>
      </form>
      <section>
        <h2>{t('personal_data.erase')}</h2>
        <p>{t('personal_data.erase_intro')}</p>
        <form method="post" action={`${PERSONAL_DATA_PATH}/erase`} data-testid="personal-data-erase">
          <CsrfField ui={ui} />
          <input type="hidden" name="email" value={matches.email} />
          <Field name="confirm" label={t('personal_data.erase_confirm')} error={errors.confirm}>
            {(describedBy, invalid) => (
              <input
                id="confirm"
                name="confirm"
                type="checkbox"
                value="yes"
                aria-describedby={describedBy}
                aria-invalid={invalid ? 'true' : undefined}
              />
            )}
          </Field>
          <button type="submit" class="button-danger">
            {t('personal_data.erase_submit')}
          </button>
        </form>
      </section>
    </>
  );
}

/**
 * Requests of data subjects in the back office: a person by e-mail address, their bookings and
 * gift vouchers at the member's venue, the export of everything and the erasure (confirmed by a box).
 */
export function PersonalDataPage({ ui, email, errors, matches }: Props) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={t('personal_data.title')}>
      <h1>{t('personal_data.title')}</h1>
      <p class="hint">{t('personal_data.intro')}</p>
      <ErrorSummary ui={ui} errors={errors} labels={{ email: 'personal_data.email', confirm: 'personal_data.erase' }} />
      <form method="get" action={PERSONAL_DATA_PATH} class="filters" novalidate data-testid="personal-data-search">
        <InputField
          id="email"
          name="email"
          type="email"
          label={t('personal_data.email')}
          hint={t('personal_data.email_hint')}
          error={errors.email}
          value={email}
          autocomplete="off"
          required
        />
        <button type="submit">{t('personal_data.search')}</button>
      </form>
      {matches && <Matches ui={ui} matches={matches} errors={errors} />}
    </AdminLayout>
  );
}

/** What the erasure did: erased at once, after the visit, the vouchers, and what stays and why. */
export function PersonalDataErasedPage({ ui, erasure }: { ui: AdminUi; erasure: PersonErasure }) {
  const { t, lang } = ui;
  const erased = erasure.bookings.filter((b) => b.outcome === 'erased');
  const scheduled = erasure.bookings.filter((b) => b.outcome === 'scheduled');
  const invoices = erasure.bookings.flatMap((b) => b.invoicesKept);
  return (
    <AdminLayout ui={ui} title={t('personal_data.erased_title')}>
      <h1>{t('personal_data.erased_title')}</h1>
      <ul data-testid="personal-data-erased">
        {erased.length > 0 && (
          <li data-testid="erased-bookings">
            {t('personal_data.erased_bookings', { references: erased.map((b) => b.reference).join(', ') })}
          </li>
        )}
        {scheduled.length > 0 && (
          <li data-testid="scheduled-bookings">
            {t('personal_data.scheduled_bookings', {
              references: scheduled.map((b) => `${b.reference} (${formatDate(new Date(b.endsAt), lang)})`).join(', '),
            })}
          </li>
        )}
        {erasure.vouchers.length > 0 && (
          <li data-testid="erased-vouchers">
            {t('personal_data.erased_vouchers', { codes: erasure.vouchers.map((hint) => `•••• ${hint}`).join(', ') })}
          </li>
        )}
      </ul>
      <p data-testid="personal-data-kept">
        {invoices.length > 0 ? t('personal_data.kept_invoices', { numbers: invoices.join(', ') }) : t('personal_data.kept_no_invoices')}
      </p>
      <p>
        <a href={PERSONAL_DATA_PATH}>{t('personal_data.back')}</a>
      </p>
    </AdminLayout>
  );
}
