/** The transport of the web client: typed calls, CSRF, problems as ApiError, paging and file uploads. */
import type { components } from './openapi.gen';

/** The server's problem+json body (components.schemas.Problem) without its open index signature. */
type ServerProblem = {
  [K in keyof components['schemas']['Problem'] as string extends K ? never : K]: components['schemas']['Problem'][K];
};

/**
 * An application/problem+json error body: the server's, or one this client makes for a network failure or an answer
 * that is no problem (a code and a message only), hence every field but the code optional; some codes carry more.
 */
type Problem = Pick<ServerProblem, 'code'> &
  Partial<Omit<ServerProblem, 'code'>> & {
    /** missing_kelengkapan: the document types still missing. */
    missing?: string[];
    /** sop_invalid: the definition's errors. */
    errors?: Reply<'/api/sops/check', 'post'>['errors'];
  };
import { urlOf, type CallRest, type Method, type PathOf, type Reply } from './http';

/** An error answered by the API (or the network), carrying the server's bilingual message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.message?.en ?? problem.code);
    this.name = 'ApiError';
  }

  /** The message in the given language, falling back to the detail or code. */
  localized(lang: 'id' | 'en'): string {
    return this.problem.message?.[lang] ?? this.problem.detail ?? this.problem.code;
  }
}

// The CSRF token of the current session, learnt from GET /api/auth/me.
let csrfToken: string | null = null;

/** Remembers (or forgets, on logout) the session's CSRF token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

async function parseError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, say): fall through to a generic problem.
  }
  if (isProblem(body)) return new ApiError(response.status, body);
  return new ApiError(response.status, {
    code: 'http_error',
    message: {
      id: `Terjadi kesalahan pada server (HTTP ${response.status}).`,
      en: `The server answered with an error (HTTP ${response.status}).`,
    },
  });
}

const NETWORK_ERROR: Problem = {
  code: 'network_error',
  message: {
    id: 'Tidak dapat terhubung ke server. Periksa koneksi Anda.',
    en: 'Cannot reach the server. Check your connection.',
  },
};

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, NETWORK_ERROR);
  }
}

/** One typed API call; non-GET calls carry the CSRF token, fetched first when not yet known. */
async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const needsCsrf = method !== 'GET' && path !== '/api/auth/login';
  if (needsCsrf && !csrfToken) await getMe();
  let response = await send(method, path, body);
  if (needsCsrf && response.status === 403) {
    // The session may have changed under us (a new login in another tab): refresh the token once and retry.
    const error = await parseError(response.clone());
    if (error.problem.code === 'csrf_failed') {
      await getMe();
      response = await send(method, path, body);
    }
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T; // The caller's T is void for 204 routes.
  return (await response.json()) as T; // The server validates its answers against the same schemas.
}

/** A GET of one page of a keyset-paged list: the body and the cursor of the next page (null on the last). */
async function requestPage<T>(path: string): Promise<{ items: T; next: string | null }> {
  const response = await send('GET', path);
  if (!response.ok) throw await parseError(response);
  return { items: (await response.json()) as T, next: response.headers.get('x-next-before-seq') };
}

/**
 * One call of a route named by its OpenAPI template, typed from the generated spec: `call('get',
 * '/api/agreements/{id}', { path: { id } })` answers the route's 200 body.
 */
export function call<M extends Method, P extends PathOf<M>>(
  method: M,
  path: P,
  ...[args]: CallRest<P, M>
): Promise<Reply<P, M>> {
  return request<Reply<P, M>>(method.toUpperCase(), urlOf(path, args), args?.body);
}

/** The same for the public routes that need no session (a CSRF token is sent only when one is known). */
export function publicCall<M extends 'get' | 'post', P extends PathOf<M>>(
  method: M,
  path: P,
  ...[args]: CallRest<P, M>
): Promise<Reply<P, M>> {
  return publicRequest<Reply<P, M>>(method === 'get' ? 'GET' : 'POST', urlOf(path, args), args?.body);
}

/** A GET of one page of a keyset-paged list: the route's body and the cursor of the next page (null on the last). */
export function callPage<P extends PathOf<'get'>>(
  path: P,
  ...[args]: CallRest<P, 'get'>
): Promise<{ items: Reply<P, 'get'>; next: string | null }> {
  return requestPage<Reply<P, 'get'>>(urlOf(path, args));
}

/** The logged-in user; also refreshes the CSRF token. */
export async function getMe(): Promise<Reply<'/api/auth/me'>> {
  const me = await call('get', '/api/auth/me');
  setCsrfToken(me.csrfToken);
  return me;
}

/** Posts one file as multipart field "file" (with the CSRF token when signed in). */
export async function postFile<T>(path: string, file: File, withCsrf: boolean): Promise<T> {
  if (withCsrf && !csrfToken) await getMe();
  const form = new FormData();
  form.append('file', file, file.name);
  const post = async () => {
    try {
      return await fetch(path, {
        method: 'POST',
        headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
        credentials: 'same-origin',
        body: form,
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR);
    }
  };
  let response = await post();
  if (response.status === 403) {
    // A public page visited while signed in still needs the session's token: learn it and retry once.
    const error = await parseError(response.clone());
    if (error.problem.code === 'csrf_failed' && (await refreshCsrf())) response = await post();
  }
  if (!response.ok) throw await parseError(response);
  return (await response.json()) as T;
}

/** Uploads one file (PDF, PNG or JPEG) as multipart field "file". */
export function uploadFile(file: File): Promise<Reply<'/api/files', 'post'>> {
  return postFile<Reply<'/api/files', 'post'>>('/api/files', file, true);
}

/** Learns the CSRF token if somebody is signed in; false when nobody is. */
async function refreshCsrf(): Promise<boolean> {
  try {
    await getMe();
    return true;
  } catch {
    return false;
  }
}

/** A public GET or POST that needs no session (verification, register, self-registration). */
async function publicRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const go = async () => {
    try {
      return await fetch(path, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
        },
        credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, NETWORK_ERROR);
    }
  };
  let response = await go();
  if (method !== 'GET' && response.status === 403) {
    const error = await parseError(response.clone());
    if (error.problem.code === 'csrf_failed' && (await refreshCsrf())) response = await go();
  }
  if (!response.ok) throw await parseError(response);
  if (response.status === 204) return undefined as T; // The caller's T is void for 204 routes.
  return (await response.json()) as T;
}

/** Encodes one path segment of a download link (the links below and the feature modules' own). */
export const enc = encodeURIComponent;

/** Where a document version's PDF downloads from. */
export function documentFileUrl(documentId: string, version: number): string {
  return `/api/documents/${enc(documentId)}/versions/${version}/file`;
}

/** Where a case document downloads from. */
export function caseDocumentUrl(caseId: string, docId: string): string {
  return `/api/cases/${enc(caseId)}/documents/${enc(docId)}`;
}

/** Where an SOP version's official sheet downloads as PDF. */
export function sheetPdfUrl(versionId: string): string {
  return `/api/sops/versions/${enc(versionId)}/sheet.pdf`;
}
