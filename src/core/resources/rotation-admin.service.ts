import type { Db } from '../../db/schema.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { type NumberWriting, optionalWholeNumber, optionalNumberText } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FieldError, fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import { programmeFor } from './programme-admin.service.js';
import type { ProgrammePart } from './programme.js';
import { saveRotation } from './programme.repository.js';
import { changeUnderResources } from './resource-change.service.js';
import { rotationProblem } from './rotation.js';

type Member = ActivityActor & ScopedMember;

/** A programme's subgroups as typed: the subgroup size ('' for none) and the ids of the parts ticked to take turns at. */
export interface RotationForm {
  subgroupSize: string;
  rotating: string[];
}

/** The subgroups form as the programme has them now: its subgroup size saved, its parts taken in turns. */
export function rotationFormOf(subgroupSize: number | null, parts: readonly ProgrammePart[], writing: NumberWriting): RotationForm {
  return {
    subgroupSize: optionalNumberText(subgroupSize, writing),
    rotating: parts.filter((p) => p.subgroupSize !== null).map((p) => p.id),
  };
}

/**
 * Sets whether a programme splits groups larger than a subgroup size into subgroups that take
 * turns at the parts ticked (an empty size: never; the parts ticked are then let go). With a
 * size, at least two of its parts are ticked, equally long and one after another. The booked
 * slots of the programme take the parts' resources as their groups now split at once: a change
 * that would leave a booked time without room on one is refused at `rotating`. The size is read as
 * written in `lang`, the page's language.
 */
export async function saveRotationFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  activityId: string,
  form: RotationForm,
  lang: NumberWriting,
): Promise<FormResult<number | null>> {
  const { activity, parts } = await programmeFor(db, clock, member, activityId);
  const errors: FieldError[] = [];
  const ticked = new Set(form.rotating);
  if ([...ticked].some((id) => !parts.some((part) => part.id === id))) throw new DomainError('not_found');
  const size = optionalWholeNumber(1, MAX_GROUP_SIZE, lang).safeParse(form.subgroupSize);
  if (!size.success) errors.push({ ...fieldErrorsOf(size.error)[0]!, field: 'subgroupSize' });
  const subgroupSize = size.success ? size.data : null;
  if (subgroupSize !== null) {
    const planned = parts.map((part) => ({ ...part, subgroupSize: ticked.has(part.id) ? subgroupSize : null }));
    const problem = ticked.size < 2 ? 'rotation_needs_two_parts' : rotationProblem(planned);
    if (problem) errors.push({ field: 'rotating', code: problem });
  }
  if (errors.length > 0) return { ok: false, errors };
  const rotating = subgroupSize === null ? [] : [...ticked];
  return changeUnderResources(
    db,
    clock,
    { resourceIds: [...new Set(parts.flatMap((part) => part.resources.map((r) => r.resourceId)))], slotsOf: [activity.id] },
    'rotating',
    async (trx) => {
      await saveRotation(trx, activity.id, subgroupSize, rotating);
      return subgroupSize;
    },
    {
      actor: member,
      venueId: activity.venue.id,
      action: 'activity.updated',
      target: activity.slug,
      detail: { changed: 'rotation', subgroupSize, parts: rotating.length },
    },
  );
}
