import { type NumberWriting, wallClockTime } from '../catalog/admin-fields.js';
import { formatTime } from '../i18n/format.js';
import { DomainError } from '../shared/errors.js';
import type { FieldError, FormResult } from '../shared/field-errors.js';
import { localDateOf, localToInstant } from '../shared/time.js';
import { chosenResources } from './part-resources-form.js';
import type { PartMove, ProgrammePart } from './programme.js';
import type { Resource } from './resource.js';

/** A part's offset from its slot's start is less than a day (see USES_END_WITHIN_MINUTES). */
const DAY_MINUTES = 24 * 60;

/**
 * One booking's part moved as typed: its new start (HH:MM, Amsterdam time on the slot's day), the
 * resources ticked (ids) and the changeover typed per resource id.
 */
export interface PartMoveForm {
  start: string;
  resources: string[];
  buffers: Record<string, string>;
}

/** The move form of a part as the booking has it now (moved or as planned), in a slot starting at `slotStartsAt`. */
export function partMoveFormOf(part: ProgrammePart, slotStartsAt: Date): PartMoveForm {
  return {
    start: formatTime(new Date(slotStartsAt.getTime() + part.offsetMinutes * 60_000)),
    resources: part.resources.map((r) => r.resourceId),
    buffers: Object.fromEntries(part.resources.map((r) => [r.resourceId, String(r.bufferMinutes)])),
  };
}

/**
 * The move of `partId` a form asks for: a start on the slot's Amsterdam date, not before the slot
 * starts (`before_slot_start`), less than a day after; resources among the venue's `choices` (any
 * other is not_found), with their buffers. Every refused field at once.
 */
export function parsePartMove(
  form: PartMoveForm,
  partId: string,
  slotStartsAt: Date,
  choices: readonly Resource[],
  lang: NumberWriting,
): FormResult<PartMove> {
  const errors: FieldError[] = [];
  const resources = chosenResources(form, choices, errors, lang);
  const start = wallClockTime().safeParse(form.start);
  let offsetMinutes: number | undefined;
  if (!start.success) {
    errors.push({ field: 'start', code: start.error.issues[0]!.message as FieldError['code'] });
  } else {
    try {
      const startsAt = localToInstant(localDateOf(slotStartsAt), start.data.trim());
      offsetMinutes = Math.round((startsAt.getTime() - slotStartsAt.getTime()) / 60_000);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'time_nonexistent') throw error;
      errors.push({ field: 'start', code: 'time_nonexistent' });
    }
    if (offsetMinutes !== undefined && offsetMinutes < 0) errors.push({ field: 'start', code: 'before_slot_start' });
    // Only on the day the clocks go back can a time of the slot's date be a day after its start.
    else if (offsetMinutes !== undefined && offsetMinutes >= DAY_MINUTES) errors.push({ field: 'start', code: 'invalid_time' });
  }
  if (errors.length > 0 || offsetMinutes === undefined) return { ok: false, errors };
  return { ok: true, value: { partId, offsetMinutes, resources } };
}
