import { isKey } from '../../core/shared/ids.js';
import { formField } from '../form-body.js';

/** A checkbox of a form body: checked when sent with any value. */
export function formCheckbox(body: unknown, name: string): boolean {
  return formField(body, name) !== '';
}

/** Every value of a repeated field (checkboxes with one name), as strings. */
export function formFields(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

const BUFFER_PREFIX = 'buffers.';

/** The changeover typed per resource of a part's form (`buffers.<resource id>`), by resource id; anything that is no id is left out. */
export function formBuffers(body: unknown): Record<string, string> {
  const buffers: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return buffers;
  for (const name of Object.keys(body)) {
    const id = name.slice(BUFFER_PREFIX.length);
    if (name.startsWith(BUFFER_PREFIX) && isKey(id)) buffers[id] = formField(body, name);
  }
  return buffers;
}
