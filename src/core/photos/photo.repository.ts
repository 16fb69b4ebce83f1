import type { Selectable } from 'kysely';
import type { Executor, PhotoTable, Tx } from '../../db/schema.js';
import type { VenueScope } from '../shared/venue-scope.js';
import type { Photo, PhotoFormat, PhotoOwner, PhotoVariant } from './photo.js';

const PHOTO_COLUMNS = [
  'photos.id',
  'photos.venue_id',
  'photos.activity_id',
  'photos.kind',
  'photos.position',
  'photos.alt_nl',
  'photos.alt_en',
  'photos.width',
  'photos.height',
] as const;

type PhotoRow = Omit<Selectable<PhotoTable>, 'created_at'>;

function toPhoto(row: PhotoRow, widths: number[]): Photo {
  return {
    id: row.id,
    venueId: row.venue_id,
    activityId: row.activity_id,
    kind: row.kind as Photo['kind'],
    position: row.position,
    alt: { nl: row.alt_nl, en: row.alt_en },
    width: row.width,
    height: row.height,
    widths,
  };
}

/** The photos with their stored widths, in the order of the rows. */
async function withWidths(db: Executor, rows: PhotoRow[]): Promise<Photo[]> {
  if (rows.length === 0) return [];
  const variants = await db
    .selectFrom('photo_variants')
    .select(['photo_id', 'width'])
    .distinct()
    .where(
      'photo_id',
      'in',
      rows.map((row) => row.id),
    )
    .orderBy('width')
    .execute();
  return rows.map((row) =>
    toPhoto(
      row,
      variants.filter((v) => v.photo_id === row.id).map((v) => v.width),
    ),
  );
}

function selectOwned(db: Executor, owner: PhotoOwner) {
  const query = db.selectFrom('photos').select(PHOTO_COLUMNS).where('kind', '=', owner.kind);
  return owner.kind === 'activity' ? query.where('activity_id', '=', owner.activityId) : query.where('venue_id', '=', owner.venueId);
}

/** An owner's photos, in their order. */
export async function listPhotos(db: Executor, owner: PhotoOwner): Promise<Photo[]> {
  return withWidths(db, await selectOwned(db, owner).orderBy('position').orderBy('id').execute());
}

/** The first photo of each of these activities that has one, by activity id. */
export async function listFirstActivityPhotos(db: Executor, activityIds: readonly string[]): Promise<Map<string, Photo>> {
  if (activityIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('photos')
    .select(PHOTO_COLUMNS)
    .where('kind', '=', 'activity')
    .where('activity_id', 'in', [...activityIds])
    .orderBy('position')
    .orderBy('id')
    .execute();
  const first = new Map<string, PhotoRow>();
  for (const row of rows) if (!first.has(row.activity_id!)) first.set(row.activity_id!, row);
  const photos = await withWidths(db, [...first.values()]);
  return new Map(photos.map((photo) => [photo.activityId!, photo]));
}

/** A photo of a venue in the scope (an activity's photo belongs to the activity's venue). */
export async function findPhotoInScope(db: Executor, scope: VenueScope, id: string): Promise<Photo | undefined> {
  const query = db.selectFrom('photos').select(PHOTO_COLUMNS).where('id', '=', id);
  const row = await (scope.all ? query : query.where('venue_id', '=', scope.venueId)).executeTakeFirst();
  return row && (await withWidths(db, [row]))[0];
}

/** The next free position among an owner's photos. */
export async function nextPhotoPosition(db: Executor, owner: PhotoOwner): Promise<number> {
  const row = await selectOwned(db, owner)
    .clearSelect()
    .select((eb) => eb.fn.max('position').as('last'))
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

export async function insertPhoto(trx: Tx, photo: Photo, variants: readonly PhotoVariant[], createdAt: string): Promise<void> {
  await trx
    .insertInto('photos')
    .values({
      id: photo.id,
      venue_id: photo.venueId,
      activity_id: photo.activityId,
      kind: photo.kind,
      position: photo.position,
      alt_nl: photo.alt.nl,
      alt_en: photo.alt.en,
      width: photo.width,
      height: photo.height,
      created_at: createdAt,
    })
    .execute();
  for (const variant of variants) {
    await trx
      .insertInto('photo_variants')
      .values({ photo_id: photo.id, width: variant.width, format: variant.format, height: variant.height, bytes: variant.bytes })
      .execute();
  }
}

export async function updatePhotoAltRow(trx: Tx, id: string, alt: Photo['alt']): Promise<void> {
  await trx.updateTable('photos').set({ alt_nl: alt.nl, alt_en: alt.en }).where('id', '=', id).execute();
}

export async function updatePhotoPosition(trx: Tx, id: string, position: number): Promise<void> {
  await trx.updateTable('photos').set({ position }).where('id', '=', id).execute();
}

/** Removes a photo and its variants. */
export async function deletePhotoRow(trx: Tx, id: string): Promise<void> {
  await trx.deleteFrom('photo_variants').where('photo_id', '=', id).execute();
  await trx.deleteFrom('photos').where('id', '=', id).execute();
}

/** One variant's bytes, or undefined when there is no such photo, width or format. */
export async function findVariantBytes(db: Executor, id: string, width: number, format: PhotoFormat): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('photo_variants')
    .select('bytes')
    .where('photo_id', '=', id)
    .where('width', '=', width)
    .where('format', '=', format)
    .executeTakeFirst();
  return row && Buffer.from(row.bytes);
}
