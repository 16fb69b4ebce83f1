import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { formatRange } from '../../core/i18n/format.js';
import type { Subgroup } from '../../core/resources/rotation.js';
import { ProgrammeTimeline } from './programme.js';
import type { Ui } from './ui.js';

/** What is being booked: activity, venue, date and time; a programme's parts at their times, per subgroup when it splits. */
export function SlotSummary({
  ui,
  activity,
  slot,
  programme = [],
}: {
  ui: Ui;
  activity: Activity;
  slot: Slot;
  programme?: readonly Subgroup[];
}) {
  const { t, lang } = ui;
  return (
    <dl class="summary">
      <dt>{t('booking.activity')}</dt>
      <dd>{activity.title[lang]}</dd>
      <dt>{t('booking.venue')}</dt>
      <dd>
        {activity.venue.name}, {activity.location}
      </dd>
      <dt>{t('booking.when')}</dt>
      <dd data-testid="slot-when">{formatRange(slot.startsAt, slot.endsAt, lang)}</dd>
      {programme.length > 0 && (
        <>
          <dt>{t('programme.title')}</dt>
          <dd>
            <ProgrammeTimeline ui={ui} programme={programme} />
          </dd>
        </>
      )}
    </dl>
  );
}
