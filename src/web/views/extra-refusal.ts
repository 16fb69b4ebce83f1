import type { DomainError } from '../../core/shared/errors.js';
import type { Ui } from './ui.js';

/** An extra sold out (`extra_sold_out`), naming the extra in the visitor's language. */
export function extraSoldOutText(ui: Ui, error: DomainError): string {
  const label = error.details[`extra_${ui.lang}`];
  return typeof label === 'string' ? ui.t('extras.sold_out', { extra: label }) : ui.t('error.extra_sold_out');
}
