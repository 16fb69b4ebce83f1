import { formatTime } from '../../core/i18n/format.js';
import type { PartTime, ProgrammePart } from '../../core/resources/programme.js';
import { rotates, type Subgroup } from '../../core/resources/rotation.js';
import type { PublicPart } from '../../core/resources/programme-view.service.js';
import type { Ui } from './ui.js';
import { count } from '../../core/i18n/i18n.js';

/** "3:30": minutes after a programme's start, as hours and minutes. */
export function offsetText(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "(Klimwand, Touwbaan)": the resources a part uses, or nothing. */
function resourcesText(part: ProgrammePart): string {
  return part.resources.length === 0 ? '' : ` (${part.resources.map((resource) => resource.name).join(', ')})`;
}

/**
 * An activity page's programme: each part with its time from the start and where, and the page of
 * the stand-alone activity it is, when that one is published. "0:00–1:30 Klimmen (Klimwand)".
 */
export function ProgrammeSection({ ui, parts }: { ui: Ui; parts: readonly PublicPart[] }) {
  const { t, lang } = ui;
  if (parts.length === 0) return null;
  return (
    <section data-testid="programme">
      <h2>{t('programme.title')}</h2>
      <p class="hint">{t('programme.relative_note')}</p>
      {rotates(parts) && (
        <p class="hint" data-testid="rotation-note">
          {t('programme.rotation_note', {
            size: count(parts.find((part) => part.subgroupSize !== null)!.subgroupSize!),
            parts: parts
              .filter((part) => part.subgroupSize !== null)
              .map((part) => part.title[lang])
              .join(', '),
          })}
        </p>
      )}
      <ol class="programme">
        {parts.map((part) => (
          <li key={part.id} data-testid="programme-part">
            <span class="time">
              {offsetText(part.offsetMinutes)}–{offsetText(part.offsetMinutes + part.durationMinutes)}
            </span>{' '}
            {part.title[lang]}
            {resourcesText(part)}
            {part.standAlone && (
              <>
                {' · '}
                <a href={`/activities/${part.standAlone.slug}`}>{part.standAlone.title[lang]}</a>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** A subgroup's parts in Amsterdam time: "10:00–11:30 Klimmen · Klimwand", one a line. */
function PartList({ ui, times }: { ui: Ui; times: readonly PartTime[] }) {
  const { lang } = ui;
  return (
    <ol class="programme" data-testid="programme-timeline">
      {times.map(({ part, startsAt, endsAt }) => (
        <li key={part.id}>
          <span class="time">
            {formatTime(startsAt)}–{formatTime(endsAt)}
          </span>{' '}
          {part.title[lang]}
          {part.resources.length > 0 && ` · ${part.resources.map((resource) => resource.name).join(', ')}`}
        </li>
      ))}
    </ol>
  );
}

/**
 * A programme as a group does it: its parts at their times, or, for a group split into subgroups
 * taking turns, each subgroup's ("Groep 2 · 20 personen") under its own heading.
 */
export function ProgrammeTimeline({ ui, programme }: { ui: Ui; programme: readonly Subgroup[] }) {
  const { t } = ui;
  if (programme.length === 1) return <PartList ui={ui} times={programme[0]!.parts} />;
  return (
    <div data-testid="programme-subgroups">
      <p class="hint">{t('programme.subgroups_note', { n: programme.length })}</p>
      {programme.map((subgroup, k) => (
        <section key={k} class="subgroup" data-testid="programme-subgroup">
          <h3>{t('programme.subgroup', { n: k + 1, persons: count(subgroup.persons) })}</h3>
          <PartList ui={ui} times={subgroup.parts} />
        </section>
      ))}
    </div>
  );
}
