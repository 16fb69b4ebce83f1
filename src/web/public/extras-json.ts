import type { z } from 'zod';
import type { Extra } from '../../core/catalog/extras.js';
import type { extraJson } from './api.schemas.js';

/** An activity's extra as the API shows it. */
export function extraToJson(extra: Extra): z.infer<typeof extraJson> {
  const { id, label, basis, vat, amountCents, required, stock, maxPerBooking } = extra;
  return { id, label, basis, vat, amountCents, required, stock, maxPerBooking };
}

/** What is left in a slot of each extra with a stock, by extra id. */
export function extrasLeftToJson(left: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries(left);
}
