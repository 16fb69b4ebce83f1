import { type NumberWriting, wholeNumber } from '../catalog/admin-fields.js';
import { DomainError } from '../shared/errors.js';
import { type FieldError, fieldErrorsOf } from '../shared/field-errors.js';
import type { PartResource } from './programme.js';
import type { Resource } from './resource.js';
import { MAX_BUFFER_MINUTES } from './resource.repository.js';

/**
 * The resources a part's form ticked (`resources`, ids) with the changeover typed for each
 * (`buffers`, by id; 0 when left out), among the venue's `choices`: a resource that is not one of
 * them is not_found; a buffer refused is added to `errors` at `buffers.<id>`. A buffer is read as
 * written in `lang`, the page's language.
 */
export function chosenResources(
  form: { resources: readonly string[]; buffers: Readonly<Record<string, string>> },
  choices: readonly Resource[],
  errors: FieldError[],
  lang: NumberWriting,
): PartResource[] {
  const used: PartResource[] = [];
  for (const resourceId of new Set(form.resources)) {
    const resource = choices.find((r) => r.id === resourceId);
    if (!resource) throw new DomainError('not_found');
    const buffer = wholeNumber(0, MAX_BUFFER_MINUTES, lang).safeParse(form.buffers[resourceId] ?? '0');
    if (!buffer.success) errors.push({ ...fieldErrorsOf(buffer.error)[0]!, field: `buffers.${resourceId}` });
    else used.push({ resourceId, name: resource.name, bufferMinutes: buffer.data });
  }
  return used;
}
