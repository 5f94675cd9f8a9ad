/**
 * The operations of docs/openapi.json for the generated security suites, and values for their schemas: a valid
 * value (every required property, within its bounds) and malformed variants.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newId } from '../../src/server/lib/ids.js';

export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
}

export interface Operation {
  /** "METHOD /path" as in the route-rules table. */
  key: string;
  method: string;
  path: string;
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema; required: boolean }[];
  /** The JSON body's schema, if the operation takes one. */
  body?: JsonSchema;
  /** The operation takes a multipart upload (no JSON body schema in the document). */
  multipart: boolean;
}

interface Spec {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const spec = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'),
) as Spec;

export function resolve(schema: JsonSchema): JsonSchema {
  let s = schema;
  while (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    s = spec.components?.schemas?.[name] ?? {};
  }
  return s;
}

/** Every operation of the API document. */
export function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [p, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as { in: string; name: string; schema?: JsonSchema; required?: boolean }[];
      const content = ((op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content ??
        {}) as Record<string, { schema: JsonSchema }>;
      const upper = method.toUpperCase();
      out.push({
        key: `${upper} ${p}`,
        method: upper,
        path: p,
        pathParams: params.filter((x) => x.in === 'path').map((x) => ({ name: x.name, schema: x.schema ?? {} })),
        queryParams: params
          .filter((x) => x.in === 'query')
          .map((x) => ({ name: x.name, schema: x.schema ?? {}, required: x.required === true })),
        body: content['application/json']?.schema,
        multipart: p === '/api/files' || (upper === 'POST' && p === '/api/verify/{id}'),
      });
    }
  }
  return out;
}

/** Candidate strings tried, in order, for a string with a pattern. */
const PATTERN_CANDIDATES = (): string[] => [
  newId(),
  '3174011203900001',
  '3174010101010001',
  '2026-01-05',
  '2026-01-05T00:00:00.000Z',
  '08:00',
  '17',
  '3201',
  'abc',
  'a',
  '0',
];

/** A value the schema accepts (every required property, none of the optional ones unless `full`). */
export function validValue(schema: JsonSchema, full = false): unknown {
  const s = resolve(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) {
    const nonNull = alts.find((a) => resolve(a).type !== 'null') ?? alts[0];
    return validValue(nonNull as JsonSchema, full);
  }
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map((a) => validValue(a, full) as object));
  const type = Array.isArray(s.type) ? (s.type.find((t) => t !== 'null') ?? 'null') : s.type;
  switch (type) {
    case 'object':
    case undefined: {
      if (!s.properties && type === undefined) return 'x';
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if (full || s.required?.includes(k)) o[k] = validValue(v, full);
      return o;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => validValue(s.items ?? {}, full));
    case 'integer':
    case 'number':
      return s.minimum ?? (s.maximum !== undefined ? Math.min(s.maximum, 1) : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string': {
      if (s.format === 'date-time') return '2026-01-05T00:00:00.000Z';
      if (s.format === 'date') return '2026-01-05';
      if (s.format === 'email') return 'fuzz@example.org';
      if (s.format === 'uri') return 'https://example.org/';
      const fits = (v: string) =>
        (s.minLength ?? 0) <= v.length &&
        v.length <= (s.maxLength ?? Infinity) &&
        (!s.pattern || new RegExp(s.pattern, 'u').test(v));
      const candidate = s.pattern ? PATTERN_CANDIDATES().find(fits) : undefined;
      if (candidate) return candidate;
      const min = Math.max(s.minLength ?? 0, 1);
      return 'Uji'.padEnd(Math.min(Math.max(min, 8), s.maxLength ?? 8), 'x');
    }
    default:
      return 'x';
  }
}

/** The properties of an object schema (after resolving), with which are required. */
export function propertiesOf(
  schema: JsonSchema | undefined,
): { name: string; schema: JsonSchema; required: boolean }[] {
  if (!schema) return [];
  const s = resolve(schema);
  return Object.entries(s.properties ?? {}).map(([name, v]) => ({
    name,
    schema: resolve(v),
    required: s.required?.includes(name) ?? false,
  }));
}

/** A value of a clearly wrong JSON type for the schema. */
export function wrongType(schema: JsonSchema): unknown {
  const s = resolve(schema);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'zwölf';
    case 'boolean':
      return 'yes';
    case 'array':
      return { not: 'a list' };
    case 'object':
      return ['not', 'an', 'object'];
    default:
      return { unexpected: [1, true, null] };
  }
}

/** Fills a path template with the given values (encoded). */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? newId()));
}
