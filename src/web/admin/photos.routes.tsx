import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { activityFor, venuesFor } from '../../core/catalog/activity-admin.service.js';
import { MAX_PHOTO_BYTES, ownerOf, type PhotoOwner } from '../../core/photos/photo.js';
import {
  deletePhoto,
  movePhoto,
  photoFor,
  photosFor,
  type PhotoAltForm,
  updatePhotoAlt,
  uploadPhoto,
} from '../../core/photos/photo.service.js';
import type { FieldError } from '../../core/shared/field-errors.js';
import { DomainError } from '../../core/shared/errors.js';
import { isKey } from '../../core/shared/ids.js';
import { fieldMessages } from '../field-errors.js';
import type { MessageKey } from '../i18n/i18n.js';
import { FIELD_ERRORS_STATUS, HttpError, replyToError } from '../plugins/errors.js';
import { formField } from '../form-body.js';
import { sendPage } from '../public/respond.js';
import { type AltRefusal, type PhotoSection, PhotosPage } from '../views/admin/photos.page.js';
import { requirePermission } from './admin-request.js';
import { adminUiFor } from './admin-ui.js';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** What `?done=` may say after a change. */
const DONE: Record<string, MessageKey> = {
  added: 'photos.done.added',
  alt_changed: 'photos.done.alt_changed',
  moved: 'photos.done.moved',
  deleted: 'photos.done.deleted',
};

const NO_ALT: PhotoAltForm = { altNl: '', altEn: '' };

/** The page an owner's photos are managed on. */
function pageOf(owner: PhotoOwner): string {
  return owner.kind === 'activity' ? `/admin/activities/${owner.activityId}/photos` : `/admin/venues/${owner.venueId}/photos`;
}

function altFormFrom(body: unknown): PhotoAltForm {
  return { altNl: formField(body, 'altNl'), altEn: formField(body, 'altEn') };
}

/** The uploaded file's bytes (multipart bodies come as key-values: a file as a Buffer); empty when none was chosen. */
function fileFrom(body: unknown): Buffer {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).file : undefined;
  return Buffer.isBuffer(value) ? value : Buffer.alloc(0);
}

/**
 * A multipart body as key-values, as the handlers read a form: a field's text, a file's bytes, the
 * values of a name given more than once in an array. Not the plugin's own `attachFieldsToBody:
 * 'keyValues'`, with which it looks up `globalThis.FormData` as it is registered: that makes Node load
 * its fetch (undici), about 20 ms of every start, for a `request.formData()` nothing calls.
 */
async function readKeyValues(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: Record<string, unknown> = {};
  for await (const part of request.parts()) {
    const value = part.type === 'file' ? await part.toBuffer() : part.value;
    const before = body[part.fieldname];
    body[part.fieldname] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  request.body = body;
}

function validId(id: string): string {
  if (!isKey(id)) throw new DomainError('not_found');
  return id;
}

/**
 * The back office's photos: an activity's (/admin/activities/:id/photos) and a venue's photos and
 * logo (/admin/venues/:id/photos), with the rights of editing the catalogue. Uploads are multipart
 * (parsed here only); the admin scope's CSRF check reads the token from the parsed fields.
 */
export async function photoAdminRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  const { db, clock, auth, images } = context;
  // A malformed body (truncated, no boundary) makes the parser throw a bare error: the request's
  // fault, so a 400 on the error page rather than a 500. Only errors thrown while the body is read count.
  const parsing = new WeakSet<FastifyRequest>();
  app.addHook('preValidation', async (request) => void parsing.add(request));
  app.setErrorHandler((error: FastifyError, request, reply) =>
    replyToError(parsing.has(request) && error.statusCode === undefined ? new HttpError(400, 'bad_request') : error, request, reply),
  );
  await app.register(multipart, {
    // One byte over the limit is kept, so that core refuses it with a field error rather than a bare 413.
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_PHOTO_BYTES + 1, files: 1, fields: 5, fieldSize: 4096, parts: 6 },
  });
  app.addHook('preValidation', readKeyValues);
  app.addHook('preValidation', async (request) => void parsing.delete(request));

  async function sectionsOf(request: FastifyRequest, owner: PhotoOwner, refused?: { values: PhotoAltForm; errors: FieldError[] }) {
    const ui = adminUiFor(request, auth);
    const section = async (id: string, o: PhotoOwner, texts: Pick<PhotoSection, 'heading' | 'uploadHeading' | 'uploadLabel' | 'empty'>) => {
      const mine = refused && o.kind === owner.kind;
      return {
        id,
        ...texts,
        uploadAction: o.kind === 'logo' ? `/admin/venues/${o.venueId}/logo` : pageOf(o),
        photos: await photosFor(db, request.staff, o),
        values: mine ? refused.values : NO_ALT,
        errors: mine ? fieldMessages(ui.t, refused.errors) : {},
      } satisfies PhotoSection;
    };
    const upload = { uploadHeading: 'photos.upload_heading', uploadLabel: 'photos.upload', empty: 'photos.none' } as const;
    if (owner.kind === 'activity') {
      const activity = await activityFor(db, request.staff, owner.activityId);
      const title = ui.t('photos.activity_title', { title: activity.title[ui.lang] });
      return {
        ui,
        title,
        back: { href: `/admin/activities/${activity.id}`, label: ui.t('photos.back_activity') },
        sections: [await section('photos', owner, { heading: ui.t('photos.nav'), ...upload })],
      };
    }
    const venue = (await venuesFor(db, request.staff)).find((v) => v.id === owner.venueId);
    if (!venue) throw new DomainError('not_found');
    return {
      ui,
      title: ui.t('photos.venue_title', { venue: venue.name }),
      back: { href: `/admin/venues/${owner.venueId}`, label: ui.t('photos.back_venue') },
      sections: [
        await section(
          'logo',
          { kind: 'logo', venueId: venue.id },
          {
            heading: ui.t('photos.logo'),
            uploadHeading: 'photos.upload_logo_heading',
            uploadLabel: 'photos.upload_logo',
            empty: 'photos.no_logo',
          },
        ),
        await section('venue', { kind: 'venue', venueId: venue.id }, { heading: ui.t('photos.venue_photos'), ...upload }),
      ],
    };
  }

  async function showPage(request: FastifyRequest, reply: FastifyReply, owner: PhotoOwner) {
    const page = await sectionsOf(request, owner);
    const done = DONE[formField(request.query, 'done')];
    return sendPage(reply, 200, <PhotosPage {...page} done={done} />);
  }

  async function upload(request: FastifyRequest, reply: FastifyReply, owner: PhotoOwner) {
    requirePermission(request, 'catalog.write');
    const values = altFormFrom(request.body);
    const result = await uploadPhoto(db, clock, images, request.staff, owner, { ...values, file: fileFrom(request.body) });
    if (result.ok) return reply.seeOther(`${pageOf(owner)}?done=added`);
    const page = await sectionsOf(request, owner, { values, errors: result.errors });
    return sendPage(reply, FIELD_ERRORS_STATUS, <PhotosPage {...page} />);
  }

  app.get('/activities/:id/photos', async (request: IdRequest, reply) => {
    requirePermission(request, 'catalog.write');
    return showPage(request, reply, { kind: 'activity', activityId: validId(request.params.id) });
  });
  app.post('/activities/:id/photos', async (request: IdRequest, reply) =>
    upload(request, reply, { kind: 'activity', activityId: validId(request.params.id) }),
  );

  app.get('/venues/:id/photos', async (request: IdRequest, reply) => {
    requirePermission(request, 'catalog.write');
    return showPage(request, reply, { kind: 'venue', venueId: validId(request.params.id) });
  });
  app.post('/venues/:id/photos', async (request: IdRequest, reply) =>
    upload(request, reply, { kind: 'venue', venueId: validId(request.params.id) }),
  );
  app.post('/venues/:id/logo', async (request: IdRequest, reply) =>
    upload(request, reply, { kind: 'logo', venueId: validId(request.params.id) }),
  );

  app.post('/photos/:id/alt', async (request: IdRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const values = altFormFrom(request.body);
    const result = await updatePhotoAlt(db, clock, request.staff, validId(request.params.id), values);
    if (result.ok) return reply.seeOther(`${pageOf(ownerOf(result.value))}?done=alt_changed`);
    const photo = await photoFor(db, request.staff, request.params.id);
    const page = await sectionsOf(request, ownerOf(photo));
    const altRefusal: AltRefusal = { photoId: photo.id, values, errors: fieldMessages(page.ui.t, result.errors) };
    return sendPage(reply, FIELD_ERRORS_STATUS, <PhotosPage {...page} altRefusal={altRefusal} />);
  });

  app.post('/photos/:id/move', async (request: IdRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const direction = formField(request.body, 'direction') === 'up' ? 'up' : 'down';
    const photo = await photoFor(db, request.staff, validId(request.params.id));
    await movePhoto(db, clock, request.staff, photo.id, direction);
    return reply.seeOther(`${pageOf(ownerOf(photo))}?done=moved`);
  });

  app.post('/photos/:id/delete', async (request: IdRequest, reply) => {
    requirePermission(request, 'catalog.write');
    const photo = await deletePhoto(db, clock, request.staff, validId(request.params.id));
    return reply.seeOther(`${pageOf(ownerOf(photo))}?done=deleted`);
  });
}
