import { count } from '../../../core/i18n/i18n.js';
import type { BookedPart, BookingProgramme } from '../../../core/booking-flows/part-move.service.js';
import { formatTime } from '../../../core/i18n/format.js';
import { type PartMoveForm, partMoveFormOf } from '../../../core/resources/part-move.js';
import type { FieldMessages } from '../../field-errors.js';
import { DataTable } from '../data-table.js';
import { InputField } from '../components.js';
import { CsrfField } from './admin-layout.js';
import type { AdminUi } from './admin-ui.js';

/** The prefix of the ids of one part's move form on the booking's page (its fields and errors). */
export function moveFieldPrefix(partId: string): string {
  return `move-${partId}-`;
}

/** The labels of the move forms' fields, by id, for the page's error summary. */
export function moveFieldLabels(ui: AdminUi, programme: BookingProgramme | undefined): Record<string, string> {
  const { t, lang } = ui;
  const labels: Record<string, string> = {};
  for (const { part } of programme?.parts ?? []) {
    const prefix = moveFieldPrefix(part.id);
    const title = part.title[lang];
    labels[`${prefix}start`] = t('booking_programme.start_of', { title });
    labels[`${prefix}resources`] = t('booking_programme.resources_of', { title });
    for (const resource of programme!.resources) {
      labels[`${prefix}buffers.${resource.id}`] = `${title}: ${t('programmes_admin.buffer_of', { name: resource.name })}`;
    }
  }
  return labels;
}

interface Props {
  ui: AdminUi;
  base: string;
  programme: BookingProgramme;
  slotStartsAt: Date;
  writable: boolean;
  /** The part whose move was refused, with the form as typed; its errors are in `errors` at its prefix. */
  moving?: { partId: string; values: PartMoveForm } | undefined;
  errors: FieldMessages;
}

function resourcesText(ui: AdminUi, { part }: BookedPart): string {
  if (part.resources.length === 0) return '—';
  return part.resources
    .map((r) => (r.bufferMinutes > 0 ? `${r.name} (+${ui.t('resources_admin.minutes', { n: count(r.bufferMinutes) })})` : r.name))
    .join(', ');
}

/** One part's move form: a new start, the resources ticked with their buffers. */
function MoveForm({
  ui,
  base,
  programme,
  slotStartsAt,
  booked,
  values,
  errors,
}: Omit<Props, 'writable' | 'moving'> & {
  booked: BookedPart;
  values: PartMoveForm;
}) {
  const { t, lang } = ui;
  const { part } = booked;
  const prefix = moveFieldPrefix(part.id);
  const title = part.title[lang];
  const action = `${base}/parts/${part.id}`;
  const hasErrors = Object.keys(errors).some((field) => field.startsWith(prefix));
  const resourcesError = errors[`${prefix}resources`];
  return (
    <details open={hasErrors} data-testid={`move-${part.id}`}>
      <summary>{t('booking_programme.move_part', { title })}</summary>
      <form method="post" action={`${action}/move`} novalidate class="narrow-form">
        <CsrfField ui={ui} />
        <InputField
          id={`${prefix}start`}
          name="start"
          label={t('booking_programme.start_of', { title })}
          hint={t('booking_programme.start_hint', { time: formatTime(slotStartsAt) })}
          error={errors[`${prefix}start`]}
          type="time"
          value={values.start}
        />
        <fieldset
          id={`${prefix}resources`}
          tabindex={-1}
          aria-describedby={resourcesError ? `${prefix}resources-error` : `${prefix}resources-hint`}
        >
          <legend>{t('booking_programme.resources_of', { title })}</legend>
          <p class="hint" id={`${prefix}resources-hint`}>
            {t('booking_programme.resources_hint')}
          </p>
          {resourcesError && (
            <p class="error" id={`${prefix}resources-error`} data-testid={`error-${prefix}resources`}>
              {resourcesError}
            </p>
          )}
          <DataTable
            caption={t('booking_programme.resources_of', { title })}
            columns={[t('programmes_admin.resources'), t('programmes_admin.buffer')]}
            rows={programme.resources}
            empty={<p>{t('programmes_admin.no_venue_resources')}</p>}
            row={(resource) => {
              const buffer = `${prefix}buffers.${resource.id}`;
              const box = `${prefix}resource-${resource.id}`;
              const error = errors[buffer];
              return (
                <tr key={resource.id}>
                  <th scope="row">
                    <input id={box} name="resources" type="checkbox" value={resource.id} checked={values.resources.includes(resource.id)} />{' '}
                    <label for={box}>{t('programmes_admin.uses', { name: resource.name })}</label>
                  </th>
                  <td>
                    <label for={buffer} class="visually-hidden">
                      {t('programmes_admin.buffer_of', { name: resource.name })}
                    </label>
                    {error && (
                      <p class="error" id={`${buffer}-error`}>
                        {error}
                      </p>
                    )}
                    <input
                      id={buffer}
                      name={`buffers.${resource.id}`}
                      type="text"
                      inputmode="numeric"
                      autocomplete="off"
                      size={5}
                      value={values.buffers[resource.id] ?? '0'}
                      aria-describedby={error ? `${buffer}-error` : undefined}
                      aria-invalid={error ? 'true' : undefined}
                    />
                  </td>
                </tr>
              );
            }}
          />
        </fieldset>
        <button type="submit">{t('booking_programme.move')}</button>
      </form>
    </details>
  );
}

/**
 * A programme booking's parts as the group has them (moved ones marked), each with a form that
 * moves it for this booking only, and one that puts a moved part back as planned.
 */
export function BookingProgrammeSection({ ui, base, programme, slotStartsAt, writable, moving, errors }: Props) {
  const { t, lang } = ui;
  const forms = writable && programme.movable;
  return (
    <section id="programme" data-testid="booking-programme">
      <h2>{t('programme.title')}</h2>
      {forms ? <p class="hint">{t('booking_programme.intro')}</p> : <p class="meta">{t('booking_programme.closed')}</p>}
      {errors.programme && (
        <p class="error" data-testid="error-programme">
          {errors.programme}
        </p>
      )}
      <DataTable
        caption={t('programme.title')}
        testId="booking-parts"
        columns={[
          { figure: t('bookings.col.time') },
          t('programmes_admin.part'),
          t('programmes_admin.resources'),
          t('booking_programme.state'),
        ]}
        rows={programme.parts}
        row={(booked) => (
          <tr key={booked.part.id} data-part={booked.part.id}>
            <td>
              {formatTime(booked.startsAt)}–{formatTime(booked.endsAt)}
            </td>
            <th scope="row">{booked.part.title[lang]}</th>
            <td>{resourcesText(ui, booked)}</td>
            <td>
              {t(booked.moved ? 'booking_programme.moved' : 'booking_programme.planned')}
              {booked.inTurns && `, ${t('booking_programme.in_turns')}`}
              {forms && booked.moved && ' '}
              {forms && booked.moved && (
                <form method="post" action={`${base}/parts/${booked.part.id}/reset`} class="inline-form">
                  <CsrfField ui={ui} />
                  <button type="submit" aria-label={t('booking_programme.reset_part', { title: booked.part.title[lang] })}>
                    {t('booking_programme.reset')}
                  </button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
      {forms &&
        programme.parts.map((booked) => (
          <MoveForm
            key={booked.part.id}
            ui={ui}
            base={base}
            programme={programme}
            slotStartsAt={slotStartsAt}
            booked={booked}
            values={moving?.partId === booked.part.id ? moving.values : partMoveFormOf(booked.part, slotStartsAt)}
            errors={errors}
          />
        ))}
    </section>
  );
}
