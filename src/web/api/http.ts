/**
 * The web's typed view of the HTTP API, derived from the generated `openapi.gen.ts` (itself generated from the
 * committed docs/openapi.json). A route's path, method, parameters, body and answer all come from the server's own
 * schemas: a call to a route that does not exist, with a body the route refuses, or reading a field the answer does
 * not have, fails to compile. Name a wire type with `Reply`, `Body` or `Query` instead of writing it out by hand.
 */
import type { paths } from './openapi.gen';

/** An HTTP method as openapi-typescript names it. */
export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A route template of the API (`/api/agreements/{id}`). */
export type ApiPath = keyof paths;

/** The operation of a route and method; never when the route has no such method. */
type Operation<P extends ApiPath, M extends Method> = paths[P][M] extends infer O
  ? O extends { responses: unknown }
    ? O
    : never
  : never;

/** The routes that answer a method. */
export type PathOf<M extends Method> = { [P in ApiPath]: Operation<P, M> extends never ? never : P }[ApiPath];

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : void;
type Success = 200 | 201 | 204;

/** What a route answers on success (`void` for 204). */
export type Reply<P extends ApiPath, M extends Method = 'get'> = Operation<P, M>['responses'] extends infer R
  ? JsonOf<R[Extract<keyof R, Success>]>
  : never;

/** The JSON body a route takes (`never` for routes without one). */
export type Body<P extends ApiPath, M extends Method = 'post'> =
  NonNullable<Operation<P, M>['requestBody']> extends { content: { 'application/json': infer B } } ? B : never;

/** The query parameters a route takes. */
export type Query<P extends ApiPath, M extends Method = 'get'> = NonNullable<Operation<P, M>['parameters']['query']>;

/** The path parameters a route takes. */
export type PathParams<P extends ApiPath, M extends Method> = NonNullable<Operation<P, M>['parameters']['path']>;

type HasKeys<T> = [T] extends [never] ? false : [keyof T] extends [never] ? false : true;

/** What a call names besides the route: path parameters, query and body, each only where the route has one. */
export type CallArgs<P extends ApiPath, M extends Method> = (HasKeys<PathParams<P, M>> extends true
  ? { path: PathParams<P, M> }
  : { path?: never }) &
  (HasKeys<Query<P, M>> extends true ? { query?: Query<P, M> } : { query?: never }) &
  ([Body<P, M>] extends [never]
    ? { body?: never }
    : undefined extends Operation<P, M>['requestBody']
      ? { body?: Body<P, M> }
      : { body: Body<P, M> });

/** The argument list of a call: optional when the route needs nothing. */
export type CallRest<P extends ApiPath, M extends Method> =
  object extends CallArgs<P, M> ? [args?: CallArgs<P, M>] : [args: CallArgs<P, M>];

/** A query value as the server's schemas take it. */
type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=2` of the defined, non-empty values ('' when none). */
export function queryString(params: Record<string, QueryValue> | undefined): string {
  const defined = Object.entries(params ?? {}).filter(
    (e): e is [string, string | number | boolean] => e[1] !== undefined && e[1] !== null && e[1] !== '',
  );
  return defined.length === 0 ? '' : `?${new URLSearchParams(defined.map(([k, v]) => [k, String(v)])).toString()}`;
}

/** The URL of a route: its `{name}` parameters filled in (encoded) and its query appended. */
export function urlOf(template: string, args: { path?: object; query?: object } = {}): string {
  const params = (args.path ?? {}) as Record<string, string | number>;
  const filled = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(String(value));
  });
  return filled + queryString(args.query as Record<string, QueryValue> | undefined);
}
