import { z } from 'zod';
import type { Db, Tx } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { activityFor } from '../catalog/activity-admin.service.js';
import { localDate, type NumberWriting, requiredText, wallClockTime, wholeNumber } from '../catalog/admin-fields.js';
import { findVenueInScope } from '../catalog/activity-admin.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FieldError, fieldErrorsOf, type FormResult, parseEachField, refused } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { MAX_GROUP_SIZE } from '../shared/group-size.js';
import { addLocalDays, localToInstant, startOfLocalDay } from '../shared/time.js';
import { type ScopedMember, venueScopeOf } from '../shared/venue-scope.js';
import { type OpeningHours, RESOURCE_KINDS, type Resource, type Closure } from './resource.js';
import { changeUnderResources } from './resource-change.service.js';
import {
  deleteClosure,
  deleteResourceLink,
  insertClosure,
  insertResource,
  replaceHours,
  saveResourceLink,
  updateResource,
} from './resource-admin.repository.js';
import { findResources, listResourceLinks, listVenueResources, MAX_BUFFER_MINUTES, type ResourceLink } from './resource.repository.js';

type Member = ActivityActor & ScopedMember;

/** The resource form's fields as typed (`venueId` only when a new resource is made). */
export interface ResourceForm {
  venueId: string;
  name: string;
  kind: string;
  capacity: string;
}

/** A resource's fields, its capacity read as written in `lang` (see readWholeNumber). */
const resourceShape = (lang: NumberWriting) => ({
  name: requiredText(80),
  kind: z.enum(RESOURCE_KINDS, { error: 'invalid_value' }),
  capacity: wholeNumber(1, MAX_GROUP_SIZE, lang),
});

/** The resources of the member's venues (every venue's for an admin), by name. */
export async function listResourcesFor(db: Db, clock: Clock, member: Member): Promise<Resource[]> {
  const scope = venueScopeOf(member);
  return listVenueResources(db, scope.all ? 'all' : [scope.venueId], clock.now());
}

/** A resource of the member's venues, with its hours, coming closures and the activities that use it; or not_found. */
export async function resourceFor(
  db: Db,
  clock: Clock,
  member: Member,
  id: string,
): Promise<{ resource: Resource; links: ResourceLink[] }> {
  const resource = (await findResources(db, [id], clock.now())).get(id);
  const scope = venueScopeOf(member);
  if (!resource || (!scope.all && resource.venueId !== scope.venueId)) throw new DomainError('not_found');
  return { resource, links: await listResourceLinks(db, { resourceIds: [id] }) };
}

/** Applies a change to one resource under its lock, refused if a booked time would lose its room (see changeUnderResources). */
function changeResource<T>(
  db: Db,
  clock: Clock,
  member: Member,
  resource: Resource,
  field: string,
  change: (trx: Tx) => Promise<T>,
  what: string,
  { slotsOf = [], frees = false }: { slotsOf?: readonly string[]; frees?: boolean } = {},
): Promise<FormResult<T>> {
  const entry = { actor: member, venueId: resource.venueId, action: 'resource.updated', target: resource.name, detail: { changed: what } };
  return changeUnderResources(db, clock, { resourceIds: [resource.id], slotsOf }, field, change, entry, { frees });
}

function parseResource(form: ResourceForm, lang: NumberWriting): FormResult<Pick<Resource, 'name' | 'kind' | 'capacity'>> {
  const { values, errors } = parseEachField(resourceShape(lang), form as unknown as Record<string, unknown>);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { name: values.name!, kind: values.kind!, capacity: values.capacity! } };
}

/**
 * Adds a resource to a venue of the member's (the one chosen, for an admin), recorded in the
 * activity log; its capacity is read as written in `lang`, the page's language.
 */
export async function createResourceFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  form: ResourceForm,
  lang: NumberWriting,
): Promise<FormResult<Resource>> {
  const venueId = form.venueId.trim() || member.venueId;
  const parsed = parseResource(form, lang);
  if (!venueId) return { ok: false, errors: [{ field: 'venueId', code: 'required' }, ...(parsed.ok ? [] : parsed.errors)] };
  const venue = await findVenueInScope(db, venueScopeOf(member), venueId);
  if (!venue) throw new DomainError('not_found');
  if (!parsed.ok) return parsed;
  const resource: Resource = { id: newId(), venueId: venue.id, ...parsed.value, hours: [], closures: [] };
  await db.transaction().execute(async (trx) => {
    await insertResource(trx, resource, clock.now().toISOString());
    await recordActivity(trx, clock, { actor: member, venueId: venue.id, action: 'resource.created', target: resource.name });
  });
  return { ok: true, value: resource };
}

/**
 * Renames a resource or changes what it holds. A capacity (or kind) that would leave a booked time
 * without room is refused at `capacity`: staff move or cancel those bookings first. The capacity is
 * read as written in `lang`, the page's language.
 */
export async function updateResourceFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  id: string,
  form: ResourceForm,
  lang: NumberWriting,
): Promise<FormResult<Resource>> {
  const { resource } = await resourceFor(db, clock, member, id);
  const parsed = parseResource(form, lang);
  if (!parsed.ok) return parsed;
  const changed = { ...resource, ...parsed.value };
  return changeResource(
    db,
    clock,
    member,
    resource,
    'capacity',
    async (trx) => {
      await updateResource(trx, changed);
      return changed;
    },
    'details',
  );
}

/** The hours form: per ISO weekday 1..7, `open<d>` ('yes' when open), `opens<d>` and `closes<d>` (HH:MM; closes may be 24:00). */
export type HoursForm = Record<string, string>;

const closingTime = z
  .string()
  .trim()
  .refine((s) => s.length > 0, { message: 'required', abort: true })
  .refine((s) => s === '24:00' || /^([01]\d|2[0-3]):[0-5]\d$/.test(s), 'invalid_time');

/**
 * Sets a resource's weekly opening hours: no day open means open at all times. Hours that would
 * leave a booked time outside them are refused at `hours`.
 */
export async function saveHoursFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  id: string,
  form: HoursForm,
): Promise<FormResult<OpeningHours[]>> {
  const { resource } = await resourceFor(db, clock, member, id);
  const hours: OpeningHours[] = [];
  const errors: FieldError[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    if (form[`open${weekday}`] !== 'yes') continue;
    const opens = wallClockTime().safeParse(form[`opens${weekday}`] ?? '');
    const closes = closingTime.safeParse(form[`closes${weekday}`] ?? '');
    if (!opens.success)
      errors.push({ field: `opens${weekday}`, code: opens.error.issues[0]!.message === 'required' ? 'required' : 'invalid_time' });
    if (!closes.success)
      errors.push({ field: `closes${weekday}`, code: closes.error.issues[0]!.message === 'required' ? 'required' : 'invalid_time' });
    if (opens.success && closes.success) {
      if (closes.data <= opens.data) errors.push({ field: `closes${weekday}`, code: 'closes_before_opens' });
      else hours.push({ weekday, opens: opens.data, closes: closes.data });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return changeResource(
    db,
    clock,
    member,
    resource,
    'hours',
    async (trx) => {
      await replaceHours(trx, resource.id, hours);
      return hours;
    },
    'hours',
  );
}

/** A closure as typed: from and until, Amsterdam date and time, and why. */
export interface ClosureForm {
  fromDate: string;
  fromTime: string;
  untilDate: string;
  untilTime: string;
  reason: string;
}

const closureShape = {
  fromDate: localDate(),
  fromTime: wallClockTime(),
  untilDate: localDate(),
  untilTime: closingTime,
  reason: requiredText(200),
};

function instantField(date: string, time: string, field: string): FormResult<Date> {
  // 24:00 is the end of the day, as in opening hours.
  if (time === '24:00') return { ok: true, value: startOfLocalDay(addLocalDays(date, 1)) };
  try {
    return { ok: true, value: localToInstant(date, time) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'time_nonexistent') return refused(field, 'time_nonexistent');
    throw error;
  }
}

/** Closes a resource for a time (maintenance, a private event). A closure over a booked time is refused at `fromDate`. */
export async function addClosureFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  id: string,
  form: ClosureForm,
): Promise<FormResult<Closure>> {
  const { resource } = await resourceFor(db, clock, member, id);
  const { values, errors } = parseEachField(closureShape, form as unknown as Record<string, unknown>);
  if (errors.length > 0) return { ok: false, errors };
  const from = instantField(values.fromDate!, values.fromTime!, 'fromTime');
  const until = instantField(values.untilDate!, values.untilTime!, 'untilTime');
  if (!from.ok) return from;
  if (!until.ok) return until;
  if (until.value <= from.value) return refused('untilDate', 'until_before_from');
  const closure: Closure = { id: newId(), startsAt: from.value, endsAt: until.value, reason: values.reason! };
  return changeResource(
    db,
    clock,
    member,
    resource,
    'fromDate',
    async (trx) => {
      await insertClosure(trx, resource.id, closure, clock.now().toISOString());
      return closure;
    },
    'closure',
  );
}

/** Ends a closure of a resource early (removes it). */
export async function removeClosure(db: Db, clock: Clock, member: Member, id: string, closureId: string): Promise<void> {
  const { resource } = await resourceFor(db, clock, member, id);
  if (!resource.closures.some((closure) => closure.id === closureId)) throw new DomainError('not_found');
  await changeResource(db, clock, member, resource, 'closure', (trx) => deleteClosure(trx, resource.id, closureId), 'closure', {
    frees: true,
  });
}

/** A link as typed: the activity of the resource's venue, and the changeover buffer in minutes. */
export interface LinkForm {
  activityId: string;
  buffer: string;
}

/**
 * Lets an activity's slots use the resource (or changes the link's buffer). Its booked slots count
 * at once: a link that would put more on the resource than it holds at some booked time is refused
 * at `activityId`. The buffer is read as written in `lang`, the page's language.
 */
export async function linkActivityFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  id: string,
  form: LinkForm,
  lang: NumberWriting,
): Promise<FormResult<ResourceLink>> {
  const { resource } = await resourceFor(db, clock, member, id);
  const buffer = wholeNumber(0, MAX_BUFFER_MINUTES, lang).safeParse(form.buffer);
  if (form.activityId.trim() === '') return refused('activityId', 'required');
  const activity = await activityFor(db, member, form.activityId.trim());
  if (activity.venue.id !== resource.venueId) throw new DomainError('not_found');
  if (!buffer.success) return { ok: false, errors: [{ ...fieldErrorsOf(buffer.error)[0]!, field: 'buffer' }] };
  const link: ResourceLink = { activityId: activity.id, resourceId: resource.id, bufferMinutes: buffer.data };
  return changeResource(
    db,
    clock,
    member,
    resource,
    'activityId',
    async (trx) => {
      await saveResourceLink(trx, link);
      return link;
    },
    `activity:${activity.slug}`,
    { slotsOf: [activity.id] },
  );
}

/** Stops an activity's slots using the resource; what is booked stays booked. */
export async function unlinkActivity(db: Db, clock: Clock, member: Member, id: string, activityId: string): Promise<void> {
  const { resource, links } = await resourceFor(db, clock, member, id);
  if (!links.some((link) => link.activityId === activityId && !link.part)) throw new DomainError('not_found');
  await changeResource(db, clock, member, resource, 'activityId', (trx) => deleteResourceLink(trx, resource.id, activityId), 'activity', {
    frees: true,
  });
}
