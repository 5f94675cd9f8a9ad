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
 * and isolates (U+202A–U+202E, U+2066–U+2069), the zero-width characters and direction marks (U+200B–U+200F,
 * U+061C, U+FEFF) that make a name read differently from what it is, and the Unicode line and paragraph
 * separators (U+2028, U+2029: line breaks that LF/CR checks miss).
 */
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/;

/** How deeply a JSON body may nest (objects and arrays); no route takes more than a few levels. */
export const MAX_BODY_DEPTH = 64;

/** The problem of a body nested deeper than MAX_BODY_DEPTH. */
export function tooDeepError(): DomainError {
  return new DomainError('invalid', 'too_deep', {
    id: `Masukan bersarang terlalu dalam (paling banyak ${MAX_BODY_DEPTH} tingkat).`,
    en: `The input is nested too deeply (at most ${MAX_BODY_DEPTH} levels).`,
  });
}

/** The pattern of an element code of the catalogue (schemas.ts `ElementCodeSchema`). */
export const ELEMENT_CODE_PATTERN = `^(${ELEMENT_CODES.join('|')})$`;

/** The pattern of single-line text (names, titles): no LF or CR; schemas.ts's `Line` uses it. */
export const LINE_PATTERN = '^[^\\r\\n\\u2028\\u2029]*$';

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

/**
 * The fields (as `body.a.b.0`) of every string, or object key, holding a forbidden character; at most 20.
 * Walks with an explicit stack (no recursion, so no stack overflow) and throws `tooDeepError` beyond
 * MAX_BODY_DEPTH levels of nesting.
 */
export function controlCharacterFields(value: unknown, path = 'body'): string[] {
  const out: string[] = [];
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length && out.length < 20) {
    const [v, at, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      if (FORBIDDEN.test(v)) out.push(at);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) throw tooDeepError();
    const children: [unknown, string, number][] = [];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) children.push([v[i], `${at}.${i}`, depth + 1]);
    } else {
      for (const [k, child] of Object.entries(v)) {
        if (FORBIDDEN.test(k)) out.push(`${at}.${k.replace(new RegExp(FORBIDDEN, 'g'), '?')}`);
        else children.push([child, `${at}.${k}`, depth + 1]);
      }
    }
    // Pushed in reverse so fields are reported in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as [unknown, string, number]);
  }
  return out.slice(0, 20);
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
    let fields: string[];
    try {
      fields = controlCharacterFields(body);
    } catch (e) {
      return done(e as FastifyError);
    }
    if (!fields.length) return done();
    // A DomainError reaches the app's error handler like any thrown one (problem.ts maps it).
    done(controlCharacterError(fields) as unknown as FastifyError);
  });
}
