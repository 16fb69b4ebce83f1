import { z } from 'zod';
import type { Db } from '../../db/schema.js';
import { recordActivity } from '../activity-log/activity-log.service.js';
import type { ActivityActor } from '../activity-log/activity-log.js';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';
import { type FormResult, parseEachField } from '../shared/field-errors.js';
import { newId } from '../shared/ids.js';
import type { ScopedMember } from '../shared/venue-scope.js';
import type { Activity } from './activity.js';
import { activityFor } from './activity-admin.service.js';
import {
  amountText,
  decimal,
  type NumberWriting,
  optionalWholeNumber,
  requiredText,
  wholeNumber,
  optionalNumberText,
  wholeNumberText,
} from './admin-fields.js';
import { EXTRA_BASES, type Extra, MAX_EXTRA_UNITS } from './extras.js';
import { findActivityExtra, insertActivityExtra, isExtraHeld, listActivityExtras, updateActivityExtra } from './extras.repository.js';

type Member = ActivityActor & ScopedMember;

/** The extra form's fields as typed; checkboxes are 'yes' when ticked. */
export interface ExtraForm {
  labelNl: string;
  labelEn: string;
  basis: string;
  vat: string;
  amount: string;
  required: string;
  stock: string;
  maxPerBooking: string;
  position: string;
  active: string;
}

/** The extra form's fields, numbers read as written in `lang` (see readWholeNumber). */
const extraFormShape = (lang: NumberWriting) => ({
  labelNl: requiredText(80),
  labelEn: requiredText(80),
  basis: z.enum(EXTRA_BASES, { error: 'invalid_value' }),
  vat: z.enum(['low', 'high'], { error: 'invalid_value' }),
  amount: decimal('invalid_amount', 1_000_000_00, lang),
  stock: optionalWholeNumber(0, 1_000_000, lang),
  maxPerBooking: optionalWholeNumber(1, MAX_EXTRA_UNITS, lang),
  position: wholeNumber(0, 1000, lang),
});

/** An extra's form, as its current values fill it (or a new extra's defaults). */
export function extraFormOf(extra: Extra | undefined, writing: NumberWriting): ExtraForm {
  if (!extra) {
    return {
      labelNl: '',
      labelEn: '',
      basis: 'person',
      vat: 'low',
      amount: '',
      required: '',
      stock: '',
      maxPerBooking: '',
      position: '0',
      active: 'yes',
    };
  }
  return {
    labelNl: extra.label.nl,
    labelEn: extra.label.en,
    basis: extra.basis,
    vat: extra.vat,
    amount: amountText(extra.amountCents, writing),
    required: extra.required ? 'yes' : '',
    stock: optionalNumberText(extra.stock, writing),
    maxPerBooking: optionalNumberText(extra.maxPerBooking, writing),
    position: wholeNumberText(extra.position, writing),
    active: extra.active ? 'yes' : '',
  };
}

/** An activity of the member's venues with all its extras (inactive ones too), or not_found. */
export async function extrasFor(db: Db, member: Member, activityId: string): Promise<{ activity: Activity; extras: Extra[] }> {
  const activity = await activityFor(db, member, activityId);
  return { activity, extras: await listActivityExtras(db, activity.id, { activeOnly: false }) };
}

/** One extra of an activity of the member's venues, or not_found. */
export async function extraFor(db: Db, member: Member, activityId: string, extraId: string): Promise<{ activity: Activity; extra: Extra }> {
  const activity = await activityFor(db, member, activityId);
  const extra = await findActivityExtra(db, activity.id, extraId);
  if (!extra) throw new DomainError('not_found');
  return { activity, extra };
}

/**
 * Adds an extra to an activity of the member's venues (`extraId` undefined) or changes one of its
 * extras, recorded in the activity log. A lower price or stock changes no booking placed: a booking
 * keeps its price, and units taken stay taken (a stock below them only refuses further units).
 * Deactivating an extra stops offering it; bookings that took it keep it. Numbers are read as
 * written in `lang`, the page's language.
 */
export async function saveExtraFromForm(
  db: Db,
  clock: Clock,
  member: Member,
  activityId: string,
  extraId: string | undefined,
  form: ExtraForm,
  lang: NumberWriting,
): Promise<FormResult<Extra>> {
  const current = extraId === undefined ? undefined : await extraFor(db, member, activityId, extraId);
  const activity = current?.activity ?? (await activityFor(db, member, activityId));
  const shape = extraFormShape(lang);
  const { values, errors } = parseEachField(shape, form as unknown as Record<string, unknown>);
  if (errors.length > 0) return { ok: false, errors };
  const v = values as { [K in keyof typeof shape]: z.output<(typeof shape)[K]> };
  const extra: Extra = {
    id: current?.extra.id ?? newId(),
    activityId: activity.id,
    label: { nl: v.labelNl, en: v.labelEn },
    basis: v.basis,
    vat: v.vat,
    amountCents: v.amount,
    required: form.required === 'yes',
    stock: v.stock,
    maxPerBooking: v.basis === 'unit' ? v.maxPerBooking : null,
    position: v.position,
    active: form.active === 'yes',
  };
  // Bookings count their units by the basis they were placed with: it changes only while none holds the extra.
  if (current && current.extra.basis !== extra.basis && (await isExtraHeld(db, extra.id))) {
    return { ok: false, errors: [{ field: 'basis', code: 'extra_basis_held' }] };
  }
  await db.transaction().execute(async (trx) => {
    if (current) await updateActivityExtra(trx, extra);
    else await insertActivityExtra(trx, extra, clock.now().toISOString());
    await recordActivity(trx, clock, {
      actor: member,
      venueId: activity.venue.id,
      action: 'activity.updated',
      target: activity.slug,
      detail: { changed: `extra:${extra.label.en}` },
    });
  });
  return { ok: true, value: extra };
}
