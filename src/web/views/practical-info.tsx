import type { PracticalInfo } from '../../core/catalog/activity.js';
import { WHEELCHAIR_LABELS } from './practical-labels.js';
import type { Ui } from './ui.js';

/** The ages an activity suits, as a visitor reads them. */
function ageText(ui: Ui, { minAge: min, maxAge: max }: PracticalInfo): string {
  if (max !== null) return ui.t('practical.age_range', { min, max });
  return min > 0 ? ui.t('practical.age_from', { min }) : ui.t('practical.age_all');
}

/** An activity's practical information on its public page: ages, what to bring, accessibility. */
export function PracticalInfoSection({ ui, practical }: { ui: Ui; practical: PracticalInfo }) {
  const { t, lang } = ui;
  return (
    <section aria-labelledby="practical-title" data-testid="practical-info">
      <h2 id="practical-title">{t('practical.title')}</h2>
      <dl class="summary practical">
        <dt>{t('practical.age')}</dt>
        <dd data-testid="practical-age">{ageText(ui, practical)}</dd>
        {practical.whatToBring && (
          <>
            <dt>{t('practical.bring')}</dt>
            <dd data-testid="practical-bring">{practical.whatToBring[lang]}</dd>
          </>
        )}
        <dt>{t('practical.wheelchair')}</dt>
        <dd data-testid="practical-wheelchair">{t(WHEELCHAIR_LABELS[practical.wheelchair])}</dd>
        {practical.accessibility && (
          <>
            <dt>{t('practical.accessibility')}</dt>
            <dd data-testid="practical-accessibility">{practical.accessibility[lang]}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
