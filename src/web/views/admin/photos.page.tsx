import type { Photo } from '../../../core/photos/photo.js';
import type { PhotoAltForm } from '../../../core/photos/photo.service.js';
import type { AdminUi } from './admin-ui.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { ActivityPhoto } from '../activity-photo.js';
import { ErrorSummary, InputField } from '../components.js';
import { type FieldMessages } from '../../field-errors.js';
import { AdminLayout, CsrfField, PostButton } from './admin-layout.js';

/** One owner's photos on the page: an activity's, a venue's, or a venue's logo. */
export interface PhotoSection {
  /** Prefixes the ids of the section's fields (a venue's page has two upload forms). */
  id: string;
  heading: string;
  uploadHeading: MessageKey;
  uploadLabel: MessageKey;
  uploadAction: string;
  empty: MessageKey;
  photos: Photo[];
  /** The upload as sent when it was refused. */
  values: PhotoAltForm;
  errors: FieldMessages;
}

/** A refused change of one photo's alt texts, shown at that photo. */
export interface AltRefusal {
  photoId: string;
  values: PhotoAltForm;
  errors: FieldMessages;
}

interface Props {
  ui: AdminUi;
  title: string;
  back: { href: string; label: string };
  sections: PhotoSection[];
  altRefusal?: AltRefusal | undefined;
  done?: MessageKey | undefined;
}

const UPLOAD_LABELS: Record<string, MessageKey> = { file: 'photos.file', altNl: 'photos.alt_nl', altEn: 'photos.alt_en' };

function AltForm({ ui, photo, refusal }: { ui: AdminUi; photo: Photo; refusal: AltRefusal | undefined }) {
  const values = refusal?.values ?? { altNl: photo.alt.nl, altEn: photo.alt.en };
  const errors = refusal?.errors ?? {};
  return (
    <form method="post" action={`/admin/photos/${photo.id}/alt`} novalidate>
      <CsrfField ui={ui} />
      <InputField
        id={`alt-${photo.id}-nl`}
        name="altNl"
        type="text"
        label={ui.t('photos.alt_nl')}
        error={errors.altNl}
        value={values.altNl}
      />
      <InputField
        id={`alt-${photo.id}-en`}
        name="altEn"
        type="text"
        label={ui.t('photos.alt_en')}
        error={errors.altEn}
        value={values.altEn}
      />
      <button type="submit" class="secondary">
        {ui.t('photos.save_alt')}
      </button>
    </form>
  );
}

function PhotoItem({
  ui,
  photo,
  first,
  last,
  refusal,
}: {
  ui: AdminUi;
  photo: Photo;
  first: boolean;
  last: boolean;
  refusal: AltRefusal | undefined;
}) {
  const { t } = ui;
  const move = `/admin/photos/${photo.id}/move`;
  return (
    <li class="photo-item" data-testid="admin-photo">
      <ActivityPhoto ui={ui} photo={photo} sizes="12rem" loading="lazy" class="photo-thumb" />
      <div>
        <AltForm ui={ui} photo={photo} refusal={refusal} />
        <div class="actions">
          {!first && <PostButton ui={ui} action={move} name="direction" value="up" label={t('photos.move_up')} />}
          {!last && <PostButton ui={ui} action={move} name="direction" value="down" label={t('photos.move_down')} />}
          <PostButton ui={ui} action={`/admin/photos/${photo.id}/delete`} label={t('photos.delete')} danger />
        </div>
      </div>
    </li>
  );
}

function Section({ ui, section, refusal }: { ui: AdminUi; section: PhotoSection; refusal: AltRefusal | undefined }) {
  const { t } = ui;
  const { id, values, errors, photos } = section;
  const labels = Object.fromEntries(Object.entries(UPLOAD_LABELS).map(([field, label]) => [`${id}-${field}`, label]));
  const prefixed = Object.fromEntries(Object.entries(errors).map(([field, message]) => [`${id}-${field}`, message]));
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{section.heading}</h2>
      {photos.length === 0 ? (
        <p>{t(section.empty)}</p>
      ) : (
        <ol class="photo-list">
          {photos.map((photo, index) => (
            <PhotoItem
              key={photo.id}
              ui={ui}
              photo={photo}
              first={index === 0}
              last={index === photos.length - 1}
              refusal={refusal?.photoId === photo.id ? refusal : undefined}
            />
          ))}
        </ol>
      )}
      <h3>{t(section.uploadHeading)}</h3>
      <form
        method="post"
        action={section.uploadAction}
        enctype="multipart/form-data"
        novalidate
        class="narrow-form"
        data-testid={`${id}-upload`}
      >
        <CsrfField ui={ui} />
        <ErrorSummary ui={ui} errors={prefixed} labels={labels} />
        <InputField
          id={`${id}-file`}
          name="file"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          label={t('photos.file')}
          error={errors.file}
        />
        <InputField
          id={`${id}-altNl`}
          name="altNl"
          type="text"
          label={t('photos.alt_nl')}
          hint={t('photos.alt_hint')}
          error={errors.altNl}
          value={values.altNl}
        />
        <InputField id={`${id}-altEn`} name="altEn" type="text" label={t('photos.alt_en')} error={errors.altEn} value={values.altEn} />
        <button type="submit">{t(section.uploadLabel)}</button>
      </form>
    </section>
  );
}

/** An activity's or a venue's photos: upload (with alt texts in both languages), order, describe, delete. */
export function PhotosPage({ ui, title, back, sections, altRefusal, done }: Props) {
  return (
    <AdminLayout ui={ui} title={title}>
      <p class="breadcrumb">
        <a href={back.href}>{back.label}</a>
      </p>
      <h1>{title}</h1>
      {done && (
        <p class="notice success" role="status" data-testid="done">
          {ui.t(done)}
        </p>
      )}
      <p>{ui.t('photos.intro')}</p>
      {sections.map((section) => (
        <Section key={section.id} ui={ui} section={section} refusal={altRefusal} />
      ))}
    </AdminLayout>
  );
}
