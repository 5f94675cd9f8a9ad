/**
 * Strict input (issue 15): request bodies are validated without any type coercion (`{"approve": null}` is not
 * `false`, `"elements": 12345` is not `["12345"]`), while query strings and path parameters — text by nature —
 * may still be read as numbers and booleans. And every string of a JSON body is checked for control characters
 * by one hook, not field by field.
 */
import { AjvCompiler, type ValidatorFactory } from '@fastify/ajv-compiler';
import type { FastifyError, FastifyInstance } from 'fastify';
import { DomainError, type FieldIssue } from '../../domain/errors.js';
import { ELEMENT_CODES } from '../../domain/elements/elements.js';

type Compile = (route: { httpPart?: string }) => unknown;
type Pool = (externalSchemas: unknown, options: unknown) => Compile;

/**
 * The validator factory of the app (Fastify's `schemaController.compilersFactory.buildValidator`): two Ajv
 * instances from Fastify's own compiler (so the shared schemas and ajv-formats' formats work as before), one
 * with `coerceTypes: false` for bodies and one with the configured coercion for querystring, params and headers.
 */
export function strictBodyValidators(): ValidatorFactory {
  // The pool's compilers take the whole route definition ({ schema, httpPart, … }), not the bare schema its
  // typings describe; hence the local types and the cast below.
  const pool = AjvCompiler() as unknown as Pool;
  const factory = (externalSchemas: unknown, ajvOptions: unknown) => {
    const options = (ajvOptions ?? {}) as { customOptions?: Record<string, unknown> };
    const custom = options.customOptions ?? {};
    const loose = pool(externalSchemas, { ...options, customOptions: custom });
    const strict = pool(externalSchemas, { ...options, customOptions: { ...custom, coerceTypes: false } });
    return (route: { httpPart?: string }) => (route.httpPart === 'body' ? strict(route) : loose(route));
  };
  return factory as unknown as ValidatorFactory;
}

/**
 * Characters no field may hold: C0 controls but TAB, LF and CR; DEL; C1 controls; the bidi embeddings, overrides
 * and isolates (U+202A–U+202E, U+2066–U+2069) that make a name read differently from what it is.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** The pattern of an element code of the catalogue (schemas.ts `ElementCodeSchema`). */
export const ELEMENT_CODE_PATTERN = `^(${ELEMENT_CODES.join('|')})$`;

/** The pattern of single-line text (names, titles): no LF or CR; schemas.ts's `Line` uses it. */
export const LINE_PATTERN = '^[^\\r\\n]*$';

/** The problem of a field holding a forbidden character. */
export function controlCharacterError(fields: string[]): DomainError {
  return new DomainError(
    'invalid',
    'control_character',
    {
      id: 'Masukan memuat karakter kendali yang tidak diizinkan.',
      en: 'The input contains a control character that is not allowed.',
    },
    fields.map((field) => controlCharacterIssue(field)),
  );
}

/** One field's issue: a control character (or, in a single-line field, a line break). */
export function controlCharacterIssue(field: string, lineBreak = false): FieldIssue {
  return lineBreak
    ? { field, message: { id: 'harus satu baris (tanpa ganti baris)', en: 'must be a single line (no line break)' } }
    : {
        field,
        message: {
          id: 'memuat karakter kendali atau pengarah teks yang tidak diizinkan',
          en: 'contains a control or text-direction character that is not allowed',
        },
      };
}

/** The fields (as `body.a.b.0`) of every string, or object key, holding a forbidden character; at most 20. */
export function controlCharacterFields(value: unknown, path = 'body', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (FORBIDDEN.test(value)) out.push(path);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) controlCharacterFields(value[i], `${path}.${i}`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (FORBIDDEN.test(k)) out.push(`${path}.${k.replace(FORBIDDEN, '?')}`);
      else controlCharacterFields(v, `${path}.${k}`, out);
    }
  }
  return out;
}

/**
 * Refuses a JSON body holding a control character anywhere, before its schema is checked (and after the
 * session hook, so anonymous callers learn nothing). Routes without a body schema (the compatible web service,
 * which parses and answers its own bodies; multipart uploads) are left to themselves.
 */
export function installControlCharacterCheck(app: FastifyInstance) {
  app.addHook('preValidation', (request, _reply, done) => {
    const body = request.body;
    if (body === null || typeof body !== 'object' || !request.routeOptions.schema?.body) return done();
    const fields = controlCharacterFields(body);
    if (!fields.length) return done();
    // A DomainError reaches the app's error handler like any thrown one (problem.ts maps it).
    done(controlCharacterError(fields) as unknown as FastifyError);
  });
}
