import {
  Type,
  type SchemaOptions,
  type StringOptions,
  type TLiteral,
  type TSchema,
  type TUnion,
} from '@sinclair/typebox';
import { ELEMENT_CODE_PATTERN, LINE_PATTERN } from './validation.js';

/** An id in a path, query or body: a ULID or a short code, never a path fragment. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' });

/** A message in Indonesian and English. */
export const Bilingual = Type.Object({ id: Type.String(), en: Type.String() });

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

/**
 * One of a fixed list of strings, taken from the domain's own list (`OneOf(GRANT_STATUSES)`), so the OpenAPI document
 * and the web's generated types name the exact values (`'active' | 'suspended' | 'revoked'`), not `string`. In an
 * answer the list must be complete: the serializer refuses a value outside it.
 */
export const OneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
  options: SchemaOptions = {},
): TUnion<Literals<T>> =>
  // The declared return type keeps each literal: inferred, TypeBox widens the union to TLiteral<string>.
  Type.Union(values.map((v) => Type.Literal(v)) as Literals<T>, options) as unknown as TUnion<Literals<T>>;

/** A value or null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * Single-line text (a name, a title, a reason): no LF or CR besides the control characters every string refuses
 * (http/validation.ts); a line break answers 400 `control_character` naming the field.
 */
export const Line = (options: StringOptions = {}) => Type.String({ ...options, pattern: LINE_PATTERN });

/** A name: single-line text. */
export const Name = Line;

/** A data-element code of the catalogue (src/domain/elements); another answers 400 naming the field. */
// A pattern, not a union of 31 literals (one error naming the item, not one per code) nor an `enum` (the type
// provider cannot type it); problem.ts words its refusal.
export const ElementCodeSchema = Type.String({
  pattern: ELEMENT_CODE_PATTERN,
  description: 'a code from /api/data-elements',
});
