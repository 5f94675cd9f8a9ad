import { Type, type StringOptions, type TSchema } from '@sinclair/typebox';
import { ELEMENT_CODE_PATTERN, LINE_PATTERN } from './validation.js';

/** An id in a path, query or body: a ULID or a short code, never a path fragment. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' });

/** A message in Indonesian and English. */
export const Bilingual = Type.Object({ id: Type.String(), en: Type.String() });

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
