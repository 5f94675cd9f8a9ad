import { Type, type TSchema } from '@sinclair/typebox';

/** An id in a path, query or body: a ULID or a short code, never a path fragment. */
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9A-Za-z_-]+$' });

/** A message in Indonesian and English. */
export const Bilingual = Type.Object({ id: Type.String(), en: Type.String() });

/** A value or null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
