import type { Slot } from '../../core/availability/slot.js';
import type { Activity } from '../../core/catalog/activity.js';
import { formatRange } from '../../core/i18n/format.js';
import type { ProgrammePart } from '../../core/resources/programme.js';
import { ProgrammeTimeline } from './programme.js';
import type { Ui } from './ui.js';

/** What is being booked: activity, venue, date and time; a programme's parts at their times. */
export function SlotSummary({
  ui,
  activity,
  slot,
  parts = [],
}: {
  ui: Ui;
  activity: Activity;
  slot: Slot;
  parts?: readonly ProgrammePart[];
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
      {parts.length > 0 && (
        <>
          <dt>{t('programme.title')}</dt>
          <dd>
            <ProgrammeTimeline ui={ui} parts={parts} slot={slot} />
          </dd>
        </>
      )}
    </dl>
  );
}
