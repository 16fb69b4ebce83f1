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
