import { count } from '../../../core/i18n/i18n.js';
import { Fragment } from 'preact';
import { formatDateTime } from '../../../core/i18n/format.js';
import type { RetentionCounts } from '../../../core/privacy/retention.js';
import { VENUE_RETENTION_KEYS, type VenueRetentionKey } from '../../../core/privacy/retention.js';
import type { VenueRetentionForm, VenueRetentionView } from '../../../core/privacy/venue-retention.service.js';
import { can } from '../../../core/staff/staff.js';
import type { FieldMessages } from '../../field-errors.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ErrorSummary, InputField } from '../components.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';

const LABELS: Record<VenueRetentionKey, MessageKey> = {
  participantsDays: 'venue_retention.participants_days',
  organiserMonths: 'venue_retention.organiser_months',
  cancelledDays: 'venue_retention.cancelled_days',
};

const WHAT: Record<VenueRetentionKey, MessageKey> = {
  participantsDays: 'venue_retention.participants_days_what',
  organiserMonths: 'venue_retention.organiser_months_what',
  cancelledDays: 'venue_retention.cancelled_days_what',
};

/** The kinds a run counts, in the order the table shows them. */
const COUNT_LABELS: Record<keyof RetentionCounts, MessageKey> = {
  participants: 'venue_retention.count.participants',
  organisers: 'venue_retention.count.organisers',
  cancelled: 'venue_retention.count.cancelled',
  erasures: 'venue_retention.count.erasures',
  vouchers: 'venue_retention.count.vouchers',
  mails: 'venue_retention.count.mails',
  mailFiles: 'venue_retention.count.mail_files',
  activityLog: 'venue_retention.count.activity_log',
  postponed: 'venue_retention.count.postponed',
  failed: 'venue_retention.count.failed',
};
const COUNT_KINDS = Object.keys(COUNT_LABELS) as (keyof RetentionCounts)[];

export const retentionPath = (venueId: string) => `/admin/venues/${venueId}/privacy`;

/** A period in words: "30 dagen", "1 maand". */
function period(ui: AdminUi, unit: 'days' | 'months', n: number): string {
  if (unit === 'days') return n === 1 ? ui.t('venue_retention.day') : ui.t('venue_retention.days', { n: count(n) });
  return n === 1 ? ui.t('venue_retention.month') : ui.t('venue_retention.months', { n: count(n) });
}

const unitOf = (key: VenueRetentionKey | 'mailDays' | 'activityLogMonths') => (key.endsWith('Days') ? 'days' : 'months');

/** What applies to the venue's bookings now, for one period: its own choice, the default, or the platform's maximum over a longer choice. */
function appliesNow(ui: AdminUi, view: VenueRetentionView, key: VenueRetentionKey): string {
  const unit = unitOf(key);
  const now = period(ui, unit, view.effective[key]);
  const chosen = view.choice[key];
  if (chosen === null) return ui.t('venue_retention.applies_default', { period: now });
  if (chosen > view.limits[key]) return ui.t('venue_retention.capped', { period: now, chosen: period(ui, unit, chosen) });
  return ui.t('venue_retention.applies_own', { period: now });
}

/** A period's explanation: what it covers, the platform's default and maximum, what applies now. */
function hintOf(ui: AdminUi, view: VenueRetentionView, key: VenueRetentionKey): string {
  return [
    ui.t(WHAT[key]),
    ui.t('venue_retention.limit', { limit: period(ui, unitOf(key), view.limits[key]) }),
    appliesNow(ui, view, key),
  ].join(' ');
}

/** The venue page's section: a link to the retention periods. */
export function VenueRetentionPanel({ ui, venueId }: { ui: AdminUi; venueId: string }) {
  return (
    <section class="panel" aria-labelledby="retention-title" data-testid="venue-retention">
      <h2 id="retention-title">{ui.t('venue_retention.section')}</h2>
      <p>{ui.t('venue_retention.section_intro')}</p>
      <p>
        <a href={retentionPath(venueId)} data-testid="venue-retention-link">
          {ui.t('venue_retention.link')}
        </a>
      </p>
    </section>
  );
}

/** The periods for those who may only look (staff, viewers): a list, no form. */
function PeriodsSummary({ ui, view }: { ui: AdminUi; view: VenueRetentionView }) {
  return (
    <dl class="summary" data-testid="retention-summary">
      {VENUE_RETENTION_KEYS.map((key) => (
        <Fragment key={key}>
          <dt>{ui.t(LABELS[key])}</dt>
          <dd data-testid={`retention-${key}`}>{hintOf(ui, view, key)}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

/** The periods only the platform sets: shown, never a field. */
function PlatformPeriods({ ui, view }: { ui: AdminUi; view: VenueRetentionView }) {
  const { t } = ui;
  return (
    <section aria-labelledby="platform-periods-title">
      <h2 id="platform-periods-title">{t('venue_retention.platform_periods')}</h2>
      <p class="hint">{t('venue_retention.platform_periods_intro')}</p>
      <dl class="summary" data-testid="retention-platform">
        <dt>{t('venue_retention.mail_days')}</dt>
        <dd data-testid="retention-mailDays">{period(ui, 'days', view.limits.mailDays)}</dd>
        <dt>{t('venue_retention.activity_log_months')}</dt>
        <dd data-testid="retention-activityLogMonths">{period(ui, 'months', view.limits.activityLogMonths)}</dd>
      </dl>
    </section>
  );
}

/** The retention job's latest runs: when, and how many of each kind (platform-wide counts, nothing personal). */
function RunsTable({ ui, runs }: { ui: AdminUi; runs: NonNullable<VenueRetentionView['runs']> }) {
  const { t, lang } = ui;
  return (
    <>
      <h2 id="retention-runs-title">{t('venue_retention.runs')}</h2>
      <p class="hint">{t('venue_retention.runs_intro')}</p>
      <DataTable
        caption={t('venue_retention.runs')}
        testId="retention-runs"
        columns={[t('venue_retention.run_started'), ...COUNT_KINDS.map((kind) => t(COUNT_LABELS[kind]))]}
        rows={runs}
        empty={<p data-testid="retention-runs-none">{t('venue_retention.runs_none')}</p>}
        row={(run, i) => (
          <tr key={i}>
            <th scope="row">{formatDateTime(run.startedAt, lang)}</th>
            {COUNT_KINDS.map((kind) => (
              <td key={kind} data-kind={kind}>
                {run.counts[kind]}
              </td>
            ))}
          </tr>
        )}
      />
    </>
  );
}

interface PageProps {
  ui: AdminUi;
  view: VenueRetentionView;
  /** The form as typed when refused, else as stored. */
  values: VenueRetentionForm;
  errors: FieldMessages;
  saved: boolean;
}

/**
 * A venue's retention periods: managers and admins choose shorter ones than the platform's (each
 * with the platform's default and maximum and what applies now beside it; a refused form comes
 * back as typed); other roles see them. Then the platform's own periods, and the job's latest runs.
 */
export function VenueRetentionPage({ ui, view, values, errors, saved }: PageProps) {
  const { t } = ui;
  const title = t('venue_retention.title', { venue: view.venue.name });
  const editor = can(ui.staff, 'catalog.write');
  return (
    <AdminLayout ui={ui} title={title}>
      {editor && (
        <p class="breadcrumb">
          <a href={`/admin/venues/${view.venue.id}`}>{t('venue_retention.back', { venue: view.venue.name })}</a>
        </p>
      )}
      <h1>{title}</h1>
      {saved && (
        <p class="notice success" role="status" data-testid="retention-saved">
          {t('venue_retention.saved')}
        </p>
      )}
      <p class="hint">{t('venue_retention.intro')}</p>
      <section aria-labelledby="venue-periods-title">
        <h2 id="venue-periods-title">{t('venue_retention.venue_periods')}</h2>
        {editor ? (
          <form method="post" action={retentionPath(view.venue.id)} novalidate class="narrow-form" data-testid="retention-form">
            <CsrfField ui={ui} />
            <ErrorSummary ui={ui} errors={errors} labels={LABELS} />
            {VENUE_RETENTION_KEYS.map((key) => (
              <InputField
                key={key}
                id={key}
                name={key}
                label={t(LABELS[key])}
                error={errors[key]}
                hint={hintOf(ui, view, key)}
                type="text"
                inputmode="numeric"
                autocomplete="off"
                value={values[key]}
              />
            ))}
            <button type="submit">{t('venue_retention.save')}</button>
          </form>
        ) : (
          <>
            <p>{t('venue_retention.read_only')}</p>
            <PeriodsSummary ui={ui} view={view} />
          </>
        )}
      </section>
      <PlatformPeriods ui={ui} view={view} />
      {view.runs && <RunsTable ui={ui} runs={view.runs} />}
    </AdminLayout>
  );
}
