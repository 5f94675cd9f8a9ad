/**
 * Generated route × role matrix: every operation of docs/openapi.json is called by every demo role (one signed-in
 * user per distinct demo role of src/server/seed/demo.ts, plus an anonymous caller) and the answers are compared
 * with the rules in test/security/route-rules.ts, the one place that says who may call what.
 *
 * - A caller the rules do not permit gets 401, 403 or 404, never a 2xx (nor a 400 that tells him the route's
 *   fields: authentication and authorization come before validation).
 * - A caller the rules permit never gets 401 or 403 (a 400, 404 or 409 is fine: the generated body or the demo ids
 *   may not fit what the operation expects).
 * - An operation the table does not mention, or a table entry no operation has, fails the test.
 *
 * Bodies are generated from each operation's schema (every required property, within its bounds); path ids are
 * the caller's own office or institution (or one its office deals with) where the path names one, a shipped SOP
 * version for SOP versions, and a random ULID otherwise (so only the role decides, never whose object it is). SQLite only, on purpose: authorization is decided in the services, the same code on both
 * dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { demoApp, type Session, type TestContext } from '../harness.js';
import type { DemoUser } from '../../src/server/seed/demo.js';
import { newId } from '../../src/server/lib/ids.js';
import { operations, validValue, type Operation } from './openapi.js';
import { ROUTE_RULES, permits, type Caller } from './route-rules.js';

interface SignedIn extends Caller {
  user?: DemoUser;
  session?: Session;
  address: string;
}

/** One user per distinct demo role (its organisation kind, pusat or not, and its role set). */
function callersOf(users: DemoUser[]): SignedIn[] {
  const seen = new Map<string, SignedIn>();
  for (const user of users) {
    const kind =
      user.organisation.kind === 'institution' ? 'institution' : user.organisation.code === '00' ? 'pusat' : 'office';
    const key = `${kind}:${[...user.roles].sort().join('+')}`;
    if (!seen.has(key))
      seen.set(key, { name: `${user.username} (${key})`, kind, roles: user.roles, user, address: '' });
  }
  return [...seen.values()].map((c, i) => ({ ...c, address: `198.51.100.${i + 10}` }));
}

const ANONYMOUS: SignedIn = { name: 'anonymous', kind: 'anonymous', roles: [], address: '198.51.100.250' };

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function multipart(): { headers: Record<string, string>; payload: Buffer } {
  const boundary = 'gerbangmatrix';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

describe('every operation × every demo role against the route rules (SQLite)', () => {
  let t: TestContext;
  let callers: SignedIn[];
  let sopVersionId: string;
  let institutions: { id: string; office_id: string }[];
  // What changes the callers themselves goes last: verifying (or suspending) their institution, then logging out.
  const LAST = ['POST /api/institutions/{id}/verify', 'POST /api/auth/logout'];
  const ops = operations().sort((a, b) => LAST.indexOf(a.key) - LAST.indexOf(b.key));

  beforeAll(async () => {
    t = await demoApp('sqlite');
    callers = [ANONYMOUS, ...callersOf(t.users)];
    for (const c of callers) {
      if (!c.user) continue;
      c.session = await signIn(c);
    }
    const sop = await t.database.db.selectFrom('sop_versions').select('id').executeTakeFirstOrThrow();
    sopVersionId = sop.id;
    institutions = await t.database.db.selectFrom('institutions').select(['id', 'office_id']).execute();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('has a rule for every operation and an operation for every rule', () => {
    const keys = new Set(ops.map((o) => o.key));
    expect(
      ops.filter((o) => !(o.key in ROUTE_RULES)).map((o) => o.key),
      'operations without a rule',
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_RULES).filter((k) => !keys.has(k)),
      'rules without an operation',
    ).toEqual([]);
  });

  it('covers several roles of every organisation kind', () => {
    for (const kind of ['pusat', 'office', 'institution'] as const)
      expect(callers.filter((c) => c.kind === kind).length).toBeGreaterThanOrEqual(3);
  });

  /** Signs a caller in from its own client address (so no sign-in throttle counts the others' logins). */
  async function signIn(c: SignedIn): Promise<Session> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.user?.username, password: c.user?.password },
      remoteAddress: c.address,
    });
    const set = res.cookies.find((k) => k.name === 'gerbang_sid');
    if (res.statusCode !== 200 || !set) throw new Error(`login ${c.name}: ${res.statusCode} ${res.body}`);
    const cookie = `gerbang_sid=${set.value}`;
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie },
      remoteAddress: c.address,
    });
    const csrf = (me.json() as { csrfToken: string }).csrfToken;
    return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
  }

  /** The URL of an operation for a caller: ids of its own organisation where the path names one. */
  function urlFor(op: Operation, caller: SignedIn): string {
    const org = caller.user?.organisation;
    // An office caller acts on its own office and on an institution it deals with; an institution caller on itself
    // and on the office it deals with.
    const officeId = org?.kind === 'office' ? org.id : institutions.find((i) => i.id === org?.id)?.office_id;
    const institutionId = org?.kind === 'institution' ? org.id : institutions.find((i) => i.office_id === org?.id)?.id;
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const before = op.path.slice(0, op.path.indexOf(`{${name}}`));
      if (name === 'id' && before.endsWith('/offices/')) return officeId ?? newId();
      if (name === 'id' && before.endsWith('/institutions/')) return institutionId ?? newId();
      if (name === 'id' && before.endsWith('/sops/versions/')) return sopVersionId;
      const param = op.pathParams.find((p) => p.name === name);
      const value = param ? validValue(param.schema) : newId();
      return encodeURIComponent(typeof value === 'string' ? value : String(value));
    });
  }

  async function call(op: Operation, caller: SignedIn): Promise<LightMyRequestResponse> {
    const body = op.multipart
      ? multipart()
      : op.body
        ? { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(validValue(op.body)) }
        : { headers: {} as Record<string, string> };
    return t.app.inject({
      method: op.method as InjectOptions['method'],
      url: urlFor(op, caller),
      headers: { ...body.headers, ...(caller.session?.headers ?? {}) },
      ...('payload' in body ? { payload: body.payload } : {}),
      remoteAddress: caller.address,
    });
  }

  it('answers every caller as the rules say', async () => {
    const failures: string[] = [];
    for (const op of ops) {
      const rule = ROUTE_RULES[op.key];
      if (!rule) continue; // reported by the first test
      // All callers of one operation at once: their decisions share the audit log's group commit.
      const check = async (caller: SignedIn) => {
        let res = await call(op, caller);
        if (res.statusCode === 401 && caller.user) {
          // An earlier call may have ended this caller's session (a password change, a logout): sign in again.
          const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: caller.session?.headers });
          if (me.statusCode === 401) {
            caller.session = await signIn(caller);
            res = await call(op, caller);
          }
        }
        const status = res.statusCode;
        const allowed = permits(rule, caller);
        const what = `${op.key} as ${caller.name}: ${status} ${res.body.slice(0, 120)}`;
        if (status >= 500) failures.push(`${what} (server error)`);
        else if (op.path.startsWith('/dukcapil')) {
          // The compatible service answers in its own envelope: a session is no credential there.
          const content = (res.json() as { content?: { RESPONSE_CODE?: string }[] }).content;
          if (!allowed && !content?.[0]?.RESPONSE_CODE) failures.push(`${what} (answered data without a credential)`);
        } else if (allowed && (status === 403 || (status === 401 && rule !== 'public')))
          // A public operation may still refuse what was sent with a 401 of its own (a wrong password).
          failures.push(`${what} (refused a permitted caller)`);
        else if (!allowed && ![401, 403, 404].includes(status)) failures.push(`${what} (not refused)`);
      };
      await Promise.all(callers.map(check));
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 180_000);
});
