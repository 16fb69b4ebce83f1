import { z } from 'zod';
import type { Db, Executor } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import { findVenueInScope } from '../catalog/activity-admin.repository.js';
import { requiredText } from '../catalog/admin-fields.js';
import { findActivityInScope } from '../catalog/catalog.repository.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FieldError, fieldErrorsOf, type FormResult } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import { type ScopedMember, venueScopeOf } from '../shared/venue-scope.js';
import {
  ACCEPTED_UPLOAD_FORMATS,
  type ImageProcessor,
  MAX_PHOTO_ASPECT,
  MAX_PHOTO_BYTES,
  MAX_PHOTO_PIXELS,
  type Photo,
  PHOTO_FORMATS,
  type PhotoFormat,
  ownerOf,
  type PhotoOwner,
  type PhotoVariant,
  variantWidths,
  type VenuePhotos,
} from './photo.js';
import {
  deletePhotoRow,
  findPhotoInScope,
  findVariantBytes,
  insertPhoto,
  listFirstActivityPhotos,
  listPhotos,
  nextPhotoPosition,
  updatePhotoAltRow,
  updatePhotoPosition,
} from './photo.repository.js';

type Member = ActivityActor & ScopedMember;

/** The alt texts as typed (required: a photo is described in both languages). */
export interface PhotoAltForm {
  altNl: string;
  altEn: string;
}

/** An upload as the form sent it: the file's bytes (empty when none was chosen) and its alt texts. */
export interface PhotoUploadForm extends PhotoAltForm {
  file: Buffer;
}

const altFields = z.object({ altNl: requiredText(300), altEn: requiredText(300) });

function parseAlt(form: PhotoAltForm): FormResult<Photo['alt']> {
  const result = altFields.safeParse(form);
  return result.success
    ? { ok: true, value: { nl: result.data.altNl, en: result.data.altEn } }
    : { ok: false, errors: fieldErrorsOf(result.error) };
}

/** The variants to store, or why the file is refused (at the `file` field). `trusted` lets the demo's own SVG scenes in. */
async function renderUpload(images: ImageProcessor, bytes: Buffer, trusted = false): Promise<FormResult<PhotoVariant[]>> {
  const refuse = (code: FieldError['code'], params?: FieldError['params']): FormResult<never> => ({
    ok: false,
    errors: [{ field: 'file', code, ...(params && { params }) }],
  });
  if (bytes.length === 0) return refuse('required');
  if (bytes.length > MAX_PHOTO_BYTES) return refuse('file_too_large');
  const info = await images.probe(bytes);
  if (!info || !(trusted || (ACCEPTED_UPLOAD_FORMATS as readonly string[]).includes(info.format))) return refuse('not_an_image');
  if (info.width * info.height > MAX_PHOTO_PIXELS) return refuse('image_too_large', { max: MAX_PHOTO_PIXELS / 1_000_000 });
  if (Math.max(info.width, info.height) > MAX_PHOTO_ASPECT * Math.min(info.width, info.height)) return refuse('image_too_long');
  const targets = variantWidths(info.width).flatMap((width) => PHOTO_FORMATS.map((format) => ({ width, format })));
  const variants = await images.render(bytes, targets);
  // A header that reads but pixels that do not (a truncated or damaged file).
  return variants ? { ok: true, value: variants } : refuse('not_an_image');
}

/** The venue an owner belongs to, in the member's scope; another venue's owner is not found. */
async function venueOfOwner(db: Executor, member: ScopedMember, owner: PhotoOwner): Promise<string> {
  const scope = venueScopeOf(member);
  if (owner.kind === 'activity') {
    const activity = await findActivityInScope(db, scope, owner.activityId);
    if (!activity) throw new DomainError('not_found');
    return activity.venue.id;
  }
  const venue = await findVenueInScope(db, scope, owner.venueId);
  if (!venue) throw new DomainError('not_found');
  return venue.id;
}

/** An owner's photos for the back office: not_found when the owner is outside the member's venues. */
export async function photosFor(db: Db, member: ScopedMember, owner: PhotoOwner): Promise<Photo[]> {
  await venueOfOwner(db, member, owner);
  return listPhotos(db, owner);
}

/** The first photo of each of these activities that has one (the card's photo), by activity id. */
export async function firstActivityPhotos(db: Executor, activityIds: readonly string[]): Promise<Map<string, Photo>> {
  return listFirstActivityPhotos(db, activityIds);
}

/** An owner's photos, in order, for the public pages. */
export async function publicPhotos(db: Executor, owner: PhotoOwner): Promise<Photo[]> {
  return listPhotos(db, owner);
}

/** A venue's logo (when it has one) and its own photos, in order, for the public pages. */
export async function publicVenuePhotos(db: Executor, venueId: string): Promise<VenuePhotos> {
  const [logo] = await listPhotos(db, { kind: 'logo', venueId });
  return { logo, photos: await listPhotos(db, { kind: 'venue', venueId }) };
}

function ownerLabel(owner: PhotoOwner): string {
  return owner.kind === 'activity' ? owner.activityId : owner.venueId;
}

/**
 * Stores an uploaded photo: checks the file by its content (JPEG, PNG or WebP, at most 10 MB and
 * 40 megapixels) and both alt texts in one round, renders the stored variants (upright, metadata
 * stripped, never enlarged) and appends it to the owner's photos. A new logo replaces the old one.
 */
export async function uploadPhoto(
  db: Db,
  clock: Clock,
  images: ImageProcessor,
  member: Member,
  owner: PhotoOwner,
  form: PhotoUploadForm,
): Promise<FormResult<Photo>> {
  const venueId = await venueOfOwner(db, member, owner);
  return storePhoto(db, clock, images, { actor: member, venueId, owner, form, trusted: false });
}

/** Adds one of the demo catalogue's own pictures (an SVG scene, which uploads may not be) for the platform. */
export async function addDemoPhoto(
  db: Db,
  clock: Clock,
  images: ImageProcessor,
  venueId: string,
  owner: PhotoOwner,
  form: PhotoUploadForm,
) {
  const stored = await storePhoto(db, clock, images, { actor: null, venueId, owner, form, trusted: true });
  if (!stored.ok) throw new Error(`demo photo refused: ${JSON.stringify(stored.errors)}`);
  return stored.value;
}

interface NewPhoto {
  actor: Member | null;
  venueId: string;
  owner: PhotoOwner;
  form: PhotoUploadForm;
  trusted: boolean;
}

async function storePhoto(db: Db, clock: Clock, images: ImageProcessor, { actor, venueId, owner, form, trusted }: NewPhoto) {
  const alt = parseAlt(form);
  const variants = await renderUpload(images, form.file, trusted);
  if (!alt.ok || !variants.ok) return refusedUpload([...(variants.ok ? [] : variants.errors), ...(alt.ok ? [] : alt.errors)]);
  const largest = variants.value.reduce((a, b) => (b.width > a.width ? b : a));
  return db.transaction().execute(async (trx): Promise<FormResult<Photo>> => {
    if (owner.kind === 'logo') for (const old of await listPhotos(trx, owner)) await deletePhotoRow(trx, old.id);
    const photo: Photo = {
      id: newId(),
      venueId,
      activityId: owner.kind === 'activity' ? owner.activityId : null,
      kind: owner.kind,
      position: await nextPhotoPosition(trx, owner),
      alt: alt.value,
      width: largest.width,
      height: largest.height,
      widths: [...new Set(variants.value.map((v) => v.width))].sort((a, b) => a - b),
    };
    await insertPhoto(trx, photo, variants.value, clock.now().toISOString());
    await recordActivity(trx, clock, {
      actor,
      ...(actor ? {} : { actorKind: 'system' as const }),
      venueId,
      action: 'photo.added',
      target: photo.id,
      detail: { kind: owner.kind, owner: ownerLabel(owner) },
    });
    return { ok: true, value: photo };
  });
}

function refusedUpload(errors: FieldError[]): FormResult<Photo> {
  return { ok: false, errors };
}

/** A photo of the member's venues, or not_found. */
export async function photoFor(db: Executor, member: ScopedMember, id: string): Promise<Photo> {
  const photo = await findPhotoInScope(db, venueScopeOf(member), id);
  if (!photo) throw new DomainError('not_found');
  return photo;
}

/** Changes a photo's alt texts. */
export async function updatePhotoAlt(db: Db, clock: Clock, member: Member, id: string, form: PhotoAltForm): Promise<FormResult<Photo>> {
  const photo = await photoFor(db, member, id);
  const alt = parseAlt(form);
  if (!alt.ok) return alt;
  return db.transaction().execute(async (trx): Promise<FormResult<Photo>> => {
    await updatePhotoAltRow(trx, photo.id, alt.value);
    await recordActivity(trx, clock, { actor: member, venueId: photo.venueId, action: 'photo.alt_changed', target: photo.id });
    return { ok: true, value: { ...photo, alt: alt.value } };
  });
}

/** Moves a photo one place earlier or later among its owner's photos (the first photo is the one cards show). */
export async function movePhoto(db: Db, clock: Clock, member: Member, id: string, direction: 'up' | 'down'): Promise<void> {
  const photo = await photoFor(db, member, id);
  await db.transaction().execute(async (trx) => {
    const siblings = await listPhotos(trx, ownerOf(photo));
    const index = siblings.findIndex((p) => p.id === photo.id);
    const other = siblings[direction === 'up' ? index - 1 : index + 1];
    if (index < 0 || !other) return;
    // Renumbered from 0 in the new order, so equal or missing positions cannot stall a move.
    const order = siblings.map((p) => p.id);
    order[index] = other.id;
    order[siblings.indexOf(other)] = photo.id;
    for (const [position, photoId] of order.entries()) await updatePhotoPosition(trx, photoId, position);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: photo.venueId,
      action: 'photo.moved',
      target: photo.id,
      detail: { direction },
    });
  });
}

/** Deletes a photo; its addresses answer 404 from then on. */
export async function deletePhoto(db: Db, clock: Clock, member: Member, id: string): Promise<Photo> {
  const photo = await photoFor(db, member, id);
  await db.transaction().execute(async (trx) => {
    await deletePhotoRow(trx, photo.id);
    await recordActivity(trx, clock, {
      actor: member,
      venueId: photo.venueId,
      action: 'photo.deleted',
      target: photo.id,
      detail: { kind: photo.kind, owner: ownerLabel(ownerOf(photo)) },
    });
  });
  return photo;
}

/** The bytes of one stored variant, for the public photo addresses. */
export async function photoBytes(db: Executor, id: string, width: number, format: PhotoFormat): Promise<Buffer | undefined> {
  return findVariantBytes(db, id, width, format);
}
