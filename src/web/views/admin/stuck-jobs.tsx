import { formatDateTime } from '../../../core/i18n/format.js';
import { jobLabel } from '../../../core/i18n/job-labels.js';
import type { StuckJob } from '../../../core/jobs/job-watch.js';
import type { AdminUi } from './admin-ui.js';
import { age } from './age.js';

/** The background jobs on the self-audit page: those stuck (see core/jobs/job-watch.ts), by their label, or that all run. */
export function StuckJobs({ ui, stuck, now }: { ui: AdminUi; stuck: StuckJob[]; now: Date }) {
  const { t, lang } = ui;
  return (
    <section data-testid="stuck-jobs" data-count={String(stuck.length)}>
      <h2>{t('jobs.title')}</h2>
      {stuck.length === 0 && <p>{t('jobs.all_running')}</p>}
      {stuck.map((job) => {
        const since = new Date(job.since);
        const when = { job: jobLabel(t, job.name), when: formatDateTime(since, lang), age: age(ui, now.getTime() - since.getTime()) };
        return (
          <p key={job.name} class="warning" data-job={job.name} data-problem={job.problem}>
            {t(job.problem === 'running' ? 'jobs.running' : 'jobs.failing', when)}
          </p>
        );
      })}
      {stuck.length > 0 && <p class="hint">{t('jobs.advice')}</p>}
    </section>
  );
}
