import { BACKUP_LOCATIONS, type BackupLocation, type BackupSettings, type BackupTrigger } from '../../../core/backups/backup.js';
import type { BackupRunRow } from '../../../core/backups/backup-runs.repository.js';
import { BACKUP_STALE_HOURS } from '../../../core/backups/backup-schedule.js';
import { BACKUP_RUN_COMMAND, LOCATION_LABELS } from '../../../core/i18n/backup-labels.js';
import { formatBytes, formatDateTime } from '../../../core/i18n/format.js';
import type { MessageKey } from '../../i18n/i18n.js';
import type { AdminUi } from './admin-ui.js';
import { DataTable } from '../data-table.js';
import { AdminLayout } from './admin-layout.js';
import { age } from './age.js';

/** One configured location as the page shows it. */
export interface LocationState {
  location: BackupLocation;
  /** The newest run, whatever its outcome; undefined before the first. */
  last: BackupRunRow | undefined;
  lastSuccess: BackupRunRow | undefined;
  /** When the last success finished. */
  successAt: string | undefined;
  /** Never succeeded, or the last success is older than BACKUP_STALE_HOURS. */
  stale: boolean;
}

const TRIGGER_LABELS: Record<BackupTrigger, MessageKey> = {
  schedule: 'backups.trigger.schedule',
  manual: 'backups.trigger.manual',
};

const STATUS_LABELS: Record<BackupRunRow['status'], MessageKey> = {
  running: 'backups.status.running',
  succeeded: 'backups.status.succeeded',
  failed: 'backups.status.failed',
};

const MISSING: Record<BackupLocation, MessageKey> = {
  local: 'backups.missing.local',
  remote: 'backups.missing.remote',
};

function size(ui: AdminUi, bytes: number | null): string {
  return bytes === null ? '' : formatBytes(bytes, ui.lang);
}

function LocationCard({ ui, state, now }: { ui: AdminUi; state: LocationState; now: Date }) {
  const { t, lang } = ui;
  const { location, last, lastSuccess, successAt, stale } = state;
  return (
    <section class="card" data-testid="backup-location" data-location={location} data-stale={String(stale)}>
      <h2>{t(LOCATION_LABELS[location])}</h2>
      {stale && (
        <p class="warning" data-testid="backup-stale">
          {successAt ? t('backups.stale', { hours: BACKUP_STALE_HOURS }) : t('backups.never_succeeded')}
        </p>
      )}
      <dl class="summary">
        <dt>{t('backups.last_success')}</dt>
        <dd data-testid="last-success" data-at={successAt}>
          {successAt
            ? `${formatDateTime(new Date(successAt), lang)} (${age(ui, now.getTime() - new Date(successAt).getTime())})`
            : t('backups.never')}
        </dd>
        {lastSuccess?.sizeBytes != null && (
          <>
            <dt>{t('backups.size')}</dt>
            <dd data-testid="snapshot-size">{size(ui, lastSuccess.sizeBytes)}</dd>
          </>
        )}
        {last && (
          <>
            <dt>{t('backups.last_run')}</dt>
            <dd data-testid="last-run" data-status={last.status}>
              {t('backups.last_run_at', { status: t(STATUS_LABELS[last.status]), when: formatDateTime(new Date(last.startedAt), lang) })}
            </dd>
          </>
        )}
        {last?.status === 'failed' && (
          <>
            <dt>{t('backups.error')}</dt>
            <dd class="notes" data-testid="last-error">
              {last.error}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

function RunsTable({ ui, runs }: { ui: AdminUi; runs: BackupRunRow[] }) {
  const { t, lang } = ui;
  return (
    <>
      <DataTable
        caption={t('backups.runs')}
        testId="backup-runs"
        columns={[
          t('backups.started'),
          t('backups.location'),
          t('backups.trigger'),
          t('backups.status'),
          t('backups.size'),
          t('backups.error'),
        ]}
        rows={runs}
        empty={<p data-testid="backup-runs-none">{t('backups.none')}</p>}
        row={(run) => (
          <tr key={run.id} data-location={run.location} data-status={run.status}>
            <td>{formatDateTime(new Date(run.startedAt), lang)}</td>
            <td>{t(LOCATION_LABELS[run.location])}</td>
            <td>{t(TRIGGER_LABELS[run.trigger])}</td>
            <td>{t(STATUS_LABELS[run.status])}</td>
            <td>{size(ui, run.sizeBytes)}</td>
            <td class="notes">{run.error}</td>
          </tr>
        )}
      />
      {runs.some((run) => run.error) && <p class="hint">{t('backups.errors_note')}</p>}
    </>
  );
}

/** The backups: per configured location its last success, age, size and last attempt, then the recent runs. */
export function BackupsPage({
  ui,
  settings,
  locations,
  runs,
  now,
}: {
  ui: AdminUi;
  /** Undefined when no backup repository is configured. */
  settings: BackupSettings | undefined;
  locations: LocationState[];
  /** Newest first. */
  runs: BackupRunRow[];
  now: Date;
}) {
  const { t } = ui;
  return (
    <AdminLayout ui={ui} title={t('backups.title')}>
      <h1>{t('backups.title')}</h1>
      {!settings ? (
        <p class="warning" data-testid="backups-not-configured">
          {t('backups.not_configured', { command: BACKUP_RUN_COMMAND })}
        </p>
      ) : (
        <>
          <p data-testid="backups-intro">
            {t('backups.intro', { time: settings.time, hours: BACKUP_STALE_HOURS, command: BACKUP_RUN_COMMAND })}
          </p>
          {BACKUP_LOCATIONS.filter((location) => !settings.repositories[location]).map((location) => (
            <p key={location} class="warning" data-testid={`backups-missing-${location}`}>
              {t(MISSING[location])}
            </p>
          ))}
          {locations.map((state) => (
            <LocationCard key={state.location} ui={ui} state={state} now={now} />
          ))}
        </>
      )}
      <h2>{t('backups.runs')}</h2>
      <RunsTable ui={ui} runs={runs} />
    </AdminLayout>
  );
}
