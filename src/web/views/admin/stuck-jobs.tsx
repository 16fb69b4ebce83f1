import { formatDateTime } from '../../../core/i18n/format.js';
import type { StuckJob } from '../../../core/jobs/job-watch.js';
import type { AdminUi } from './admin-ui.js';
import { age } from './age.js';

/** The background jobs on the self-audit page: those stuck (see core/jobs/job-watch.ts), or that all run. */
export function StuckJobs({ ui, stuck, now }: { ui: AdminUi; stuck: StuckJob[]; now: Date }) {
  const { t, lang } = ui;
  return (
    <section data-testid="stuck-jobs" data-count={String(stuck.length)}>
      <h2>{t('jobs.title')}</h2>
      {stuck.length === 0 ? (
        <p>{t('jobs.all_running')}</p>
      ) : (
        <ul class="warning">
          {stuck.map((job) => {
            const since = new Date(job.since);
            const when = { job: job.name, when: formatDateTime(since, lang), age: age(ui, now.getTime() - since.getTime()) };
            return (
              <li key={job.name} data-job={job.name} data-problem={job.problem}>
                {t(job.problem === 'running' ? 'jobs.running' : 'jobs.failing', when)}
              </li>
            );
          })}
        </ul>
      )}
      {stuck.length > 0 && <p class="hint">{t('jobs.advice')}</p>}
    </section>
  );
}
