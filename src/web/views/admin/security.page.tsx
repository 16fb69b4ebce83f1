import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../i18n/i18n.js';
import { formatDateTime } from '../../../core/i18n/format.js';
import type { AuditCheck, AuditReport } from '../../../core/self-audit/self-audit.js';
import type { AdminUi } from './admin-ui.js';
import { DataTable } from '../data-table.js';
import { AdminLayout, PostButton } from './admin-layout.js';
import { age } from './age.js';
import type { StuckJob } from '../../../core/jobs/job-watch.js';
import { StuckJobs } from './stuck-jobs.js';

/** Each check's title in the reader's language; a check not listed here shows the title it was stored with. */
const CHECK_TITLES: Record<string, MessageKey> = {
  'tls-1.0-refused': 'security.check.tls-1.0-refused',
  'tls-1.1-refused': 'security.check.tls-1.1-refused',
  'tls-1.2-refused': 'security.check.tls-1.2-refused',
  'tls-1.3-accepted': 'security.check.tls-1.3-accepted',
  'cert-trusted': 'security.check.cert-trusted',
  'cert-host': 'security.check.cert-host',
  'cert-expiry': 'security.check.cert-expiry',
  'http-redirect': 'security.check.http-redirect',
  hsts: 'security.check.hsts',
  csp: 'security.check.csp',
  nosniff: 'security.check.nosniff',
  'referrer-policy': 'security.check.referrer-policy',
  'permissions-policy': 'security.check.permissions-policy',
  coop: 'security.check.coop',
  corp: 'security.check.corp',
  'cookies-none': 'security.check.cookies-none',
  'cookie-lang': 'security.check.cookie-lang',
  'first-party-only': 'security.check.first-party-only',
  'website-host-refused': 'security.check.website-host-refused',
  'ip-host-refused': 'security.check.ip-host-refused',
};

const RESULT_LABELS = { info: 'security.pass', warning: 'security.warn', error: 'security.fail' } as const satisfies Record<
  AuditCheck['severity'],
  MessageKey
>;

const DAY_MS = 24 * 3600 * 1000;

function checkTitle(ui: AdminUi, check: AuditCheck): string {
  return Object.hasOwn(CHECK_TITLES, check.id) ? ui.t(CHECK_TITLES[check.id]!) : check.title;
}

function LatestRun({ ui, run, now }: { ui: AdminUi; run: AuditReport; now: Date }) {
  const { t, lang } = ui;
  const at = new Date(run.at);
  const failed = run.checks.filter((check) => !check.ok).length;
  return (
    <>
      <p data-testid="self-audit-summary" data-ok={String(run.ok)} data-at={run.at}>
        {t('security.latest', { url: run.url, when: formatDateTime(at, lang), age: age(ui, now.getTime() - at.getTime()) })}{' '}
        <strong>
          {failed === 0 ? t('security.all_passed', { n: run.checks.length }) : t('security.some_failed', { failed, n: run.checks.length })}
        </strong>
      </p>
      {now.getTime() - at.getTime() > DAY_MS + 3600_000 && <p class="warning">{t('security.stale')}</p>}
      <DataTable
        caption={t('security.title')}
        testId="self-audit-checks"
        columns={[t('security.check'), t('security.result'), t('security.finding')]}
        rows={run.checks}
        row={(check) => (
          <tr key={check.id} data-check={check.id} data-ok={String(check.ok)}>
            <th scope="row">{checkTitle(ui, check)}</th>
            <td>{t(RESULT_LABELS[check.severity])}</td>
            <td>{check.finding}</td>
          </tr>
        )}
      />
      <p class="hint">{t('security.findings_note')}</p>
    </>
  );
}

/** The platform's self-audit: the latest run's checks, the runs before it, and a button to run it now. */
export function SecurityPage({
  ui,
  publicUrl,
  enabled,
  runs,
  stuckJobs,
  now,
  notice,
  children,
}: {
  ui: AdminUi;
  publicUrl: string;
  /** Whether this deployment audits itself (an https public address). */
  enabled: boolean;
  /** Newest first. */
  runs: AuditReport[];
  /** The background jobs stuck now; undefined where no scheduler runs them (not `groupz serve`). */
  stuckJobs?: StuckJob[] | undefined;
  now: Date;
  notice?: string | undefined;
  /** What else the platform watches in itself, after the runs (the disk space). */
  children?: ComponentChildren;
}) {
  const { t, lang } = ui;
  const [latest, ...earlier] = runs;
  return (
    <AdminLayout ui={ui} title={t('security.title')}>
      <h1>{t('security.title')}</h1>
      {/* `groupz audit` checks https addresses only: the command is offered where it would run. */}
      {enabled && <p>{t('security.intro', { command: `groupz audit ${publicUrl}` })}</p>}
      {notice && (
        <p class="notice" role="status" data-testid="notice">
          {notice}
        </p>
      )}
      {stuckJobs && <StuckJobs ui={ui} stuck={stuckJobs} now={now} />}
      {!enabled ? (
        <p class="notice" data-testid="self-audit-disabled">
          {t('security.disabled', { url: publicUrl })}
        </p>
      ) : (
        <>
          {latest ? <LatestRun ui={ui} run={latest} now={now} /> : <p data-testid="self-audit-none">{t('security.none')}</p>}
          <PostButton ui={ui} action="/admin/security/run" label={t('security.run_now')} />
          {earlier.length > 0 && (
            <>
              <h2>{t('security.earlier')}</h2>
              <DataTable
                caption={t('security.earlier')}
                testId="self-audit-earlier"
                columns={[t('security.when'), t('security.failed_checks')]}
                rows={earlier}
                row={(run) => (
                  <tr key={run.at} data-ok={String(run.ok)}>
                    <td>{formatDateTime(new Date(run.at), lang)}</td>
                    <td>
                      {run.ok
                        ? t('security.all_passed', { n: run.checks.length })
                        : run.checks
                            .filter((check) => !check.ok)
                            .map((check) => checkTitle(ui, check))
                            .join(', ')}
                    </td>
                  </tr>
                )}
              />
            </>
          )}
        </>
      )}
      {children}
    </AdminLayout>
  );
}
