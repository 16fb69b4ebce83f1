import { DomainError } from '../src/core/shared/errors.js';
import type { FormResult } from '../src/core/shared/field-errors.js';

/** For `assert.rejects`: the refusal is a DomainError with this code. */
export const refusedWith = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

/** A form's refusal as `field:code` (each field refused, joined by commas), or 'ok'. */
export function outcome(result: FormResult<unknown>): string {
  return result.ok ? 'ok' : result.errors.map((e) => `${e.field}:${e.code}`).join(',');
}
