import { describe, expect, it } from 'vitest';
import { queryString, urlOf, type Body, type Reply } from './http';
import type { call } from './request';

describe('the typed client builds the URL a route template names', () => {
  it('fills and encodes path parameters, and appends only the query values that are set', () => {
    expect(urlOf('/api/cases/{id}/documents/{docId}', { path: { id: 'C 1', docId: 'a/b' } })).toBe(
      '/api/cases/C%201/documents/a%2Fb',
    );
    expect(urlOf('/api/access/audit/entries', { query: { limit: 100, from: '', to: undefined, ok: false } })).toBe(
      '/api/access/audit/entries?limit=100&ok=false',
    );
    expect(queryString({ status: 'open', officeId: null })).toBe('?status=open');
    expect(queryString(undefined)).toBe('');
  });

  it('refuses a template whose parameter was not given, instead of calling /api/cases/undefined', () => {
    expect(() => urlOf('/api/cases/{id}', {})).toThrow(/Missing path parameter id/);
  });
});

// Compile-time checks (`npm run typecheck`): the generated spec decides what a call may send and what it answers.
// Never run; a loosened type makes an `@ts-expect-error` unused, which fails the typecheck.
export function typeChecks(c: typeof call): void {
  const statusOf = (g: Reply<'/api/access/grants/{id}'>): 'active' | 'suspended' | 'revoked' => g.status;
  void statusOf;
  // @ts-expect-error a route that does not exist
  void c('get', '/api/nothing-here');
  // @ts-expect-error a path parameter the route needs
  void c('get', '/api/agreements/{id}');
  // @ts-expect-error a body the route refuses (kind is one of three)
  void c('post', '/api/access/agreements/{id}/grants', { path: { id: 'x' }, body: { kind: 'fax' } });
  const grant: Body<'/api/access/agreements/{id}/grants'> = { kind: 'web_service', environment: 'trial', elements: [] };
  void grant;
}
