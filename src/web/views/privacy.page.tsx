import type { PrivacyFacts, VenueFacts } from '../../core/privacy/privacy-facts.js';
import type { VenueRetention } from '../../core/privacy/retention.js';
import { DataTable } from './data-table.js';
import { Layout } from './layout.js';
import { backupText, basisTexts, CATEGORY_TEXT, periodText, recipientTexts, retentionTexts, venueMayShorten } from './privacy-texts.js';
import type { Ui } from './ui.js';

/** The cookies there are, by name (src/web/plugins/language.ts, src/web/admin/session-cookie.ts). */
export interface PrivacyCookies {
  language: string;
  session: string;
}

interface Props {
  ui: Ui;
  facts: PrivacyFacts;
  cookies: PrivacyCookies;
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <ul class="plain-list">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

/** One venue's three periods (or the platform's), the ones it shortened marked. */
function RetentionCells({ ui, retention, differs }: { ui: Ui; retention: VenueRetention; differs: VenueFacts['differs'] }) {
  const { t } = ui;
  const cell = (text: string, shorter: boolean | undefined) => <td>{shorter ? <strong>{text}</strong> : text}</td>;
  return (
    <>
      {cell(periodText(t, { count: retention.participantsDays, unit: 'days' }), differs.participantsDays)}
      {cell(periodText(t, { count: retention.organiserMonths, unit: 'months' }), differs.organiserMonths)}
      {cell(periodText(t, { count: retention.cancelledDays, unit: 'days' }), differs.cancelledDays)}
    </>
  );
}

/**
 * The public privacy statement, written from the privacy facts (core/privacy/privacy-facts.ts): the
 * live retention settings, each venue's own shorter periods, the backups' policy and the session
 * timeouts. Sets no cookie; needs no JavaScript.
 */
export function PrivacyPage({ ui, facts, cookies }: Props) {
  const { t } = ui;
  const title = t('privacy.title');
  const platform: VenueRetention = {
    participantsDays: facts.limits.participantsDays,
    organiserMonths: facts.limits.organiserMonths,
    cancelledDays: facts.limits.cancelledDays,
  };
  const lifetime = t('privacy.cookie.session.lifetime', {
    idle: periodText(t, facts.session.idle),
    absolute: periodText(t, facts.session.absolute),
  });
  return (
    <Layout ui={ui} title={title} description={t('privacy.intro')}>
      <h1>{title}</h1>
      <p>{t('privacy.intro')}</p>
      <p>{t('privacy.live_note')}</p>

      <h2>{t('privacy.data_heading')}</h2>
      <DataTable
        caption={t('privacy.data_heading')}
        testId="privacy-data"
        columns={[t('privacy.col.data'), t('privacy.col.why'), t('privacy.col.how_long'), t('privacy.col.who')]}
        rows={facts.categories}
        row={(category) => (
          <tr key={category.id} data-testid={`privacy-row-${category.id}`}>
            <th scope="row">
              {t(CATEGORY_TEXT[category.id].name)}
              <p class="hint">{t(CATEGORY_TEXT[category.id].what)}</p>
            </th>
            <td>
              <p>{t(CATEGORY_TEXT[category.id].why)}</p>
              <Lines lines={basisTexts(t, category)} />
            </td>
            <td data-testid={`privacy-period-${category.id}`}>
              <Lines lines={retentionTexts(t, category)} />
              {venueMayShorten(category) && <p class="hint">{t('privacy.venue_may_shorten')}</p>}
            </td>
            <td>
              <Lines lines={recipientTexts(t, category, facts)} />
            </td>
          </tr>
        )}
      />
      <p data-testid="privacy-invoices">{t('privacy.invoices_note', { years: facts.invoiceYears })}</p>

      <h2>{t('privacy.venues_heading')}</h2>
      {facts.differingVenues.length === 0 ? (
        <p data-testid="privacy-venues-none">{t('privacy.venues_none')}</p>
      ) : (
        <>
          <p>{t('privacy.venues_intro')}</p>
          <DataTable
            caption={t('privacy.venues_heading')}
            testId="privacy-venues"
            columns={[t('privacy.col.venue'), t('privacy.col.participants'), t('privacy.col.organiser'), t('privacy.col.cancelled')]}
            rows={facts.differingVenues}
            row={(venue) => (
              <tr key={venue.id} data-testid={`privacy-venue-${venue.slug}`}>
                <th scope="row">{venue.name}</th>
                <RetentionCells ui={ui} retention={venue.retention} differs={venue.differs} />
              </tr>
            )}
            foot={
              <tr data-testid="privacy-venue-platform">
                <th scope="row">{t('privacy.platform_row')}</th>
                <RetentionCells ui={ui} retention={platform} differs={{}} />
              </tr>
            }
          />
        </>
      )}

      <h2>{t('privacy.backups_heading')}</h2>
      <p data-testid="privacy-backups">{backupText(t, facts)}</p>

      <h2>{t('privacy.recipients_heading')}</h2>
      <ul data-testid="privacy-recipients">
        <li>{t('privacy.recipient_text.venue')}</li>
        <li>{t('privacy.recipient_text.operator')}</li>
        {facts.mollie && <li data-testid="privacy-mollie">{t('privacy.recipient_text.mollie')}</li>}
        {facts.mailRelay && <li>{t('privacy.recipient_text.mail_relay')}</li>}
      </ul>
      <p>{t('privacy.no_transfers')}</p>

      <h2>{t('privacy.cookies_heading')}</h2>
      <p>{t('privacy.cookies_intro')}</p>
      <DataTable
        caption={t('privacy.cookies_heading')}
        testId="privacy-cookies"
        columns={[
          t('privacy.col.cookie'),
          t('privacy.col.purpose'),
          t('privacy.col.when'),
          t('privacy.col.lifetime'),
          t('privacy.col.attributes'),
        ]}
        rows={[
          {
            name: cookies.language,
            purpose: t('privacy.cookie.lang.purpose'),
            when: t('privacy.cookie.lang.when'),
            lifetime: t('privacy.cookie.lang.lifetime'),
            attributes: 'Secure, HttpOnly, SameSite=Lax',
          },
          {
            name: cookies.session,
            purpose: t('privacy.cookie.session.purpose'),
            when: t('privacy.cookie.session.when'),
            lifetime,
            attributes: 'Secure, HttpOnly, SameSite=Strict',
          },
        ]}
        row={(cookie) => (
          <tr key={cookie.name} data-testid={`privacy-cookie-${cookie.name}`}>
            <th scope="row">
              <code>{cookie.name}</code>
            </th>
            <td>{cookie.purpose}</td>
            <td>{cookie.when}</td>
            <td>{cookie.lifetime}</td>
            <td>{cookie.attributes}</td>
          </tr>
        )}
      />

      <h2>{t('privacy.rights_heading')}</h2>
      <p>{t('privacy.rights_text')}</p>
      <p data-testid="privacy-rights-manage">{t('privacy.rights_manage')}</p>
      <p>{t('privacy.rights_venue')}</p>
      <p>{t('privacy.rights_complaint')}</p>
    </Layout>
  );
}
