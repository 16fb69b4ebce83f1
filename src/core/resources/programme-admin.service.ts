import type { Db } from '../../db/schema.js';
import type { ActivityActor, NewActivityEntry } from '../activity-log/activity-log.js';
import { activityFor } from '../catalog/activity-admin.service.js';
import type { Activity } from '../catalog/activity.js';
import { type NumberWriting, requiredText, wholeNumber, wholeNumberText } from '../catalog/admin-fields.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, parseEachField } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import type { Resource } from './resource.js';
import { changeUnderResources } from './resource-change.service.js';
import { listVenueResources } from './resource.repository.js';
import type { ProgrammePart } from './programme.js';
import { chosenResources } from './part-resources-form.js';
import { deletePart, listProgrammeParts, programmeResourceIds, savePart } from './programme.repository.js';
import { rotationProblem } from './rotation.js';

type Member = ActivityActor & ScopedMember;

/**
 * A part as typed: titles, minutes after the programme's start and its length, the stand-alone
 * activity it is (an id, or '' for none), and the resources it uses: `resources` lists the ids
 * ticked, `buffers` the changeover minutes typed per resource id.
 */
export interface PartForm {
  titleNl: string;
  titleEn: string;
  offset: string;
  duration: string;
  partActivityId: string;
  resources: string[];
  buffers: Record<string, string>;
}

/** A part's fields, numbers read as written in `lang` (see readWholeNumber). */
const partShape = (lang: NumberWriting) => ({
  titleNl: requiredText(80),
  titleEn: requiredText(80),
  offset: wholeNumber(0, 24 * 60 - 5, lang),
  duration: wholeNumber(5, 24 * 60, lang),
});

/** The activity log's entry of a change of a programme's part. */
function partChanged(member: Member, activity: Activity, part: ProgrammePart): NewActivityEntry {
  return {
    actor: member,
    venueId: activity.venue.id,
    action: 'activity.updated',
    target: activity.slug,
    detail: { changed: `part:${part.title.en}` },
  };
}

/** A programme (an activity of the member's venues) with its parts and the venue's resources to choose from. */
export async function programmeFor(
  db: Db,
  clock: Clock,
  member: Member,
  activityId: string,
): Promise<{ activity: Activity; parts: ProgrammePart[]; resources: Resource[] }> {
  const activity = await activityFor(db, member, activityId);
  const parts = (await listProgrammeParts(db, [activity.id])).get(activity.id) ?? [];
  return { activity, parts, resources: await listVenueResources(db, [activity.venue.id], clock.now()) };
}

/**
 * The form of a part, as its values fill it; a new part's starts where the last one ends, for an
 * hour or what is left of the programme's `durationMinutes` (from the start when nothing is left).
 */
export function partFormOf(
  part: ProgrammePart | undefined,
  parts: readonly ProgrammePart[],
  durationMinutes: number,
  writing: NumberWriting,
): PartForm {
  const text = (n: number) => wholeNumberText(n, writing);
  if (!part) {
    const end = Math.max(0, ...parts.map((p) => p.offsetMinutes + p.durationMinutes));
    const offset = end + 5 <= durationMinutes ? end : 0;
    const duration = Math.max(5, Math.min(60, durationMinutes - offset));
    return { titleNl: '', titleEn: '', offset: text(offset), duration: text(duration), partActivityId: '', resources: [], buffers: {} };
  }
  return {
    titleNl: part.title.nl,
    titleEn: part.title.en,
    offset: text(part.offsetMinutes),
    duration: text(part.durationMinutes),
    partActivityId: part.partActivityId ?? '',
    resources: part.resources.map((r) => r.resourceId),
    buffers: Object.fromEntries(part.resources.map((r) => [r.resourceId, text(r.bufferMinutes)])),
  };
}

/**
 * Adds a part to a programme (`partId` undefined) or changes one. The part lies within the
 * programme's duration; its stand-alone activity and resources are the venue's own. The booked
 * slots of the programme take the resources at the part's new time at once: a change that would
 * leave a booked time without room on one (the boat taken then) is refused at `resources`. A part
 * subgroups take turns at keeps the others' length and does not overlap them. Numbers are read as
 * written in `lang`, the page's language.
 */
export async function savePartFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  activityId: string,
  partId: string | undefined,
  form: PartForm,
  lang: NumberWriting,
): Promise<FormResult<ProgrammePart>> {
  const { activity, parts, resources } = await programmeFor(db, clock, member, activityId);
  const current = partId === undefined ? undefined : parts.find((p) => p.id === partId);
  if (partId !== undefined && !current) throw new DomainError('not_found');
  const { values, errors } = parseEachField(partShape(lang), form as unknown as Record<string, unknown>);
  if (values.offset !== undefined && values.duration !== undefined && values.offset + values.duration > activity.durationMinutes) {
    errors.push({ field: 'duration', code: 'part_outside_programme', params: { max: activity.durationMinutes } });
  }
  const partActivityId = form.partActivityId.trim() || null;
  if (partActivityId !== null) {
    const named = await activityFor(db, member, partActivityId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === 'not_found') return undefined;
      throw error;
    });
    if (!named || named.venue.id !== activity.venue.id || named.id === activity.id)
      errors.push({ field: 'partActivityId', code: 'invalid_value' });
  }
  const used = chosenResources(form, resources, errors, lang);
  if (errors.length > 0) return { ok: false, errors };
  const part: ProgrammePart = {
    id: current?.id ?? newId(),
    activityId: activity.id,
    position: current?.position ?? parts.length,
    title: { nl: values.titleNl!, en: values.titleEn! },
    offsetMinutes: values.offset!,
    durationMinutes: values.duration!,
    partActivityId,
    resources: used,
    // Whether subgroups take turns at it is the programme's rotation's say (saveRotation), kept here.
    subgroupSize: current?.subgroupSize ?? null,
  };
  // A part subgroups take turns at stays as long as the others, and clear of them.
  const problem = rotationProblem(parts.map((p) => (p.id === part.id ? part : p)));
  if (problem) return { ok: false, errors: [{ field: problem === 'rotation_durations_differ' ? 'duration' : 'offset', code: problem }] };
  const touched = new Set([...used.map((r) => r.resourceId), ...(await programmeResourceIds(db, activity.id))]);
  const entry = partChanged(member, activity, part);
  const at = clock.now().toISOString();
  return changeUnderResources(
    db,
    clock,
    { resourceIds: [...touched], slotsOf: [activity.id] },
    'resources',
    async (trx) => {
      await savePart(trx, part, at);
      return part;
    },
    entry,
  );
}

/**
 * Removes a part of a programme; the resources it used are free at its time from then on. A part
 * subgroups take turns at leaves fewer turns, so larger subgroups at the others: that is checked
 * like any change that adds use (`resource_conflict` at `rotating`, the subgroups' form); any other part only frees.
 */
export async function removePart(db: Db, clock: Clock, member: Member, activityId: string, partId: string): Promise<FormResult<void>> {
  const { activity, parts } = await programmeFor(db, clock, member, activityId);
  const part = parts.find((p) => p.id === partId);
  if (!part) throw new DomainError('not_found');
  const frees = part.subgroupSize === null;
  return changeUnderResources(
    db,
    clock,
    { resourceIds: frees ? part.resources.map((r) => r.resourceId) : await programmeResourceIds(db, activity.id) },
    'rotating',
    (trx) => deletePart(trx, activity.id, part.id),
    partChanged(member, activity, part),
    { frees },
  );
}
