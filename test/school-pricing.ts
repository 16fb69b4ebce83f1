import type { Pricing } from '../src/core/catalog/pricing.js';

/**
 * A school trip's price categories: pupils, and teachers of whom one per `freePer` pupils goes
 * free. The booked-price tests book at one set of these and raise them after.
 */
export function schoolCategories(pupilCents: number, teacherCents: number, freePer = 8): Pricing {
  return [
    { label: { nl: 'Leerling', en: 'Pupil' }, basis: 'category', key: 'pupil', vat: 'low', amountCents: pupilCents },
    {
      label: { nl: 'Leraar', en: 'Teacher' },
      basis: 'category',
      key: 'teacher',
      vat: 'low',
      amountCents: teacherCents,
      free: { per: freePer, of: 'pupil' },
    },
  ];
}
