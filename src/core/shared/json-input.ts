import { z } from 'zod';

/**
 * The rule for JSON null in what clients send (the API's booking, and the forms that share its
 * schemas): an optional field sent as null is the same as the field left out, as many JSON
 * clients send null for "none". A field whose null has a meaning of its own (a `.nullable()`
 * one, like a booking's `termsVersion`: the venue had published no terms) keeps it; a required
 * field sent as null is refused as missing (`required`), as when left out.
 */

/** A field that takes null as left out, as made by nullMeansAbsent. */
export type NullMeansAbsent<T extends z.core.SomeType> = z.ZodPreprocess<T>;

/** The schemas made by nullMeansAbsent: the OpenAPI document says they take null (takesNullAsAbsent). */
const nullAsAbsent = new WeakSet<z.ZodType>();

const absentWhenNull = (value: unknown) => (value === null ? undefined : value);

/**
 * The field, taking null as left out: its default then, or its `required` when it has to be sent.
 * Wrap last: `.describe()` and the like on the result make a schema this mark is not on.
 */
export function nullMeansAbsent<T extends z.core.SomeType>(schema: T): NullMeansAbsent<T> {
  const wrapped = z.preprocess(absentWhenNull, schema);
  nullAsAbsent.add(wrapped);
  return wrapped;
}

/** Whether the schema takes null as left out (made by nullMeansAbsent). */
export function takesNullAsAbsent(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && nullAsAbsent.has(schema as z.ZodType);
}

/** Whether a field may be left out (it takes undefined) and has no meaning of its own for null. */
function nullMeansLeftOut(schema: z.core.$ZodType): boolean {
  const takes = (value: unknown) => z.safeParse(schema, value).success;
  return !takesNullAsAbsent(schema) && takes(undefined) && !takes(null);
}

/** The shape with each optional field taking null as left out. */
export type JsonInputShape<S extends z.ZodRawShape> = {
  [K in keyof S]: undefined extends z.input<S[K]> ? (null extends z.input<S[K]> ? S[K] : NullMeansAbsent<S[K]>) : S[K];
};

/**
 * An object of a JSON input: every optional field (one that may be left out) takes null as left
 * out, unless null has its own meaning there (it takes null itself); the required fields are
 * as given, so null is refused there as a missing value.
 */
export function jsonInputObject<S extends z.ZodRawShape>(shape: S): z.ZodObject<JsonInputShape<S>> {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, schema]) => [key, nullMeansLeftOut(schema) ? nullMeansAbsent(schema) : schema]),
  );
  return z.object(fields) as unknown as z.ZodObject<JsonInputShape<S>>;
}
