/**
 * The review of anomaly findings (issue 13) over HTTP: a finding inserted as the detector does (the row, the
 * suspension and openFindingReview in one transaction) opens a task in the office's Kotak Masuk and tells the
 * institution; the reviewer resumes (the credential answers again) or revokes (never resumable); a false positive
 * moves the rule's parameters by their step and is counted; a second decision is 409; another office and another
 * institution see 404, the institution its own; a resident's report becomes a finding its office sees; the office
 * tunes its rules within their bounds; anomalySummary counts per institution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, problem, type Session, type TestContext } from '../../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { accessChanged } from '../access/runtime/access-changes.js';
import { newId } from '../../lib/ids.js';
import { ruleByCode } from '../../../domain/anomalies/rules.js';
import { suspendSubject } from './subjects.js';
import { openFindingReview, openReportedFinding } from './findings.js';
import { anomalySummary } from './anomalies.summary.js';

interface Cred {
  id: string;
  customerId: string;
  userId: string;
  secret: string;
}

interface Finding {
  id: string;
  status: string;
  outcome: string | null;
  caseId: string | null;
  canDecide: boolean;
  ruleTitle: { id: string };
  summary: { id: string };
  subject: { kind: string; name: string } | null;
  evidence: { facts: { label: { id: string }; value: { id: string } }[]; chart: unknown };
}

describe.each(DIALECTS)('the review of anomaly findings on %s', (kind) => {
  let t: TestContext;
  let pks = '';
  let bankId = '';
  let officeId = '';
  let nik = '';
  const sessions = new Map<string, Session>();
  const as = async (username: string) => {
    let s = sessions.get(username);
    if (!s) sessions.set(username, (s = await login(t.app, username)));
    return s;
  };
  const get = async (username: string, url: string) =>
    t.app.inject({ method: 'GET', url, headers: (await as(username)).headers });
  const decide = async (username: string, id: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: `/api/anomalies/findings/${id}/decision`,
      headers: (await as(username)).headers,
      payload,
    });
  const provision = async (): Promise<Cred> => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks}/grants`,
      headers: (await as('kebumen.kasi')).headers,
      payload: {
        kind: 'web_service',
        environment: 'trial',
        elements: BANK_ELEMENTS,
        ipAllow: ['127.0.0.0/8', '::1'],
        dailyQuota: 1000,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { id: string; customerId: string; userId: string }; secret: string };
    return { id: b.grant.id, customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  };
  const callNik = async (c: Cred) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${c.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: c.userId, password: c.secret, ip_user: '10.0.0.9' },
      remoteAddress: '127.0.0.1',
    });
    const r = res.json() as { content: Record<string, string>[] };
    return r.content[0]?.RESPONSE_CODE ?? '01';
  };
  /** What the detector does: the finding's row, the suspension (high) and the review, in one transaction. */
  const raise = async (cred: Cred, rule: string, suspend: boolean) => {
    const id = newId();
    const at = t.clock.now;
    const iso = at.toISOString();
    await t.database.db.transaction().execute(async (trx) => {
      const suspended = suspend && (await suspendSubject(trx, at, { kind: 'grant', id: cred.id }, id));
      await trx
        .insertInto('anomaly_findings')
        .values({
          id,
          office_id: officeId,
          institution_id: bankId,
          source: 'detector',
          rule,
          severity: suspend ? 'high' : 'medium',
          subject_kind: 'grant',
          subject_id: cred.id,
          dedupe_key: `${rule}:${cred.id}:${id}`,
          window_start: new Date(at.getTime() - 600_000).toISOString(),
          window_end: iso,
          evidence: JSON.stringify({
            calls: 30,
            notFound: 24,
            notFoundPct: 80,
            largestBlock: 30,
            minCalls: 25,
            notFoundPctThreshold: 40,
            sameBlockThreshold: 12,
            windowMinutes: 10,
          }),
          first_seq: null,
          last_seq: null,
          status: 'open',
          suspended_at: suspended ? iso : null,
          outcome: null,
          case_id: null,
          audit_entry_id: null,
          report_id: null,
          decided_by: null,
          decided_at: null,
          decision_note: null,
          created_at: iso,
          updated_at: iso,
        })
        .execute();
      await openFindingReview(trx, id, at);
    });
    accessChanged();
    return id;
  };
  const inbox = async (username: string) =>
    ((await get(username, '/api/inbox')).json() as { caseId: string; taskId: string; sopCode: string }[]).filter(
      (i) => i.sopCode === 'tinjauan-anomali',
    );
  const finding = async (username: string, id: string) => {
    const res = await get(username, `/api/anomalies/findings/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Finding;
  };
  const enumerationParams = async () => {
    const res = await get('kebumen.kabid', '/api/anomalies/settings');
    expect(res.statusCode, res.body).toBe(200);
    const rule = (
      res.json() as {
        rules: { code: string; falsePositives: number; params: { name: string; value: number }[] }[];
      }
    ).rules.find((r) => r.code === 'enumeration');
    return {
      falsePositives: rule?.falsePositives ?? -1,
      params: Object.fromEntries((rule?.params ?? []).map((p) => [p.name, p.value])),
    };
  };

  beforeAll(async () => {
    t = await demoApp(kind);
    await generateInto(t.database.db, t.config, { count: 20, seed: 'review', population: 'sandbox' });
    nik = (
      await t.database.db
        .selectFrom('residents_sandbox')
        .select('nik')
        .where('alive', '=', 1)
        .where('active', '=', 1)
        .orderBy('nik')
        .executeTakeFirstOrThrow()
    ).nik;
    bankId = (await demoBankId(t.database.db)) ?? '';
    officeId = (
      await t.database.db
        .selectFrom('institutions')
        .select('office_id')
        .where('id', '=', bankId)
        .executeTakeFirstOrThrow()
    ).office_id;
    const period = { startDate: dayOffset(t.clock.now, -30), endDate: dayOffset(t.clock.now, 365), now: t.clock.now };
    pks = (await insertActivePks(t.database.db, { institutionId: bankId, ...period })).id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('opens a task in the office inbox and tells the institution; the reviewer resumes and the credential answers', async () => {
    const cred = await provision();
    expect(await callNik(cred)).toBe('01');
    const id = await raise(cred, 'enumeration', true);
    expect(await callNik(cred)).toBe('17');
    // A case on the office's anomaly-review SOP, published on first use, with its task in the Kabid's inbox.
    const f = await finding('kebumen.kabid', id);
    expect(f.status).toBe('open');
    expect(f.caseId).toBeTruthy();
    expect(f.canDecide).toBe(true);
    expect(f.ruleTitle.id).toBe(ruleByCode('enumeration')?.title.id);
    expect(f.summary.id).toContain('30 panggilan');
    expect(f.subject?.kind).toBe('grant');
    expect(JSON.stringify(f)).not.toMatch(/\d{16}/);
    const tasks = await inbox('kebumen.kabid');
    expect(tasks.map((x) => x.caseId)).toContain(f.caseId);
    // Not the Kasi's task, and not a decision an institution takes.
    expect(await inbox('kebumen.kasi')).toEqual([]);
    expect((await decide('kebumen.kasi', id, { verdict: 'confirmed', outcome: 'resumed', note: 'x' })).statusCode).toBe(
      403,
    );
    // The institution was told, in plain words.
    const notices = (await get('bank.pimpinan', '/api/notices')).json() as { body: { id: string } }[];
    expect(notices.some((n) => n.body.id.includes('ditangguhkan sementara karena'))).toBe(true);
    // A suspended subject needs resume or revoke; a false positive is never revoked.
    const bad = await decide('kebumen.kabid', id, { verdict: 'confirmed', outcome: null, note: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).code).toBe('decision_invalid');
    const fpRevoke = await decide('kebumen.kabid', id, { verdict: 'false_positive', outcome: 'revoked', note: 'x' });
    expect(fpRevoke.statusCode).toBe(400);
    const res = await decide('kebumen.kabid', id, {
      verdict: 'confirmed',
      outcome: 'resumed',
      note: 'Aplikasi lembaga salah konfigurasi; sudah diperbaiki.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Finding).status).toBe('confirmed');
    expect(await callNik(cred)).toBe('01');
    // The task left the inbox and the case ended well.
    expect((await inbox('kebumen.kabid')).map((x) => x.caseId)).not.toContain(f.caseId);
    const kase = (await get('kebumen.kabid', `/api/cases/${f.caseId}`)).json() as { status: string; outcome: string };
    expect(kase).toMatchObject({ status: 'ended', outcome: 'selesai' });
    // Decided once.
    const again = await decide('kebumen.kabid', id, { verdict: 'false_positive', outcome: 'resumed', note: 'lagi' });
    expect(again.statusCode).toBe(409);
    expect(problem(again).code).toBe('finding_decided');
    // On the signed record (sealed before the answer).
    const sealed = await t.database.db
      .selectFrom('audit_entries')
      .select(['action', 'detail'])
      .where('action', '=', 'anomaly.decided')
      .execute();
    expect(sealed.some((e) => (e.detail ?? '').includes(id))).toBe(true);
  });

  it('revokes for good: the credential is refused and never resumes', async () => {
    const cred = await provision();
    const id = await raise(cred, 'enumeration', true);
    const res = await decide('kebumen.kabid', id, {
      verdict: 'confirmed',
      outcome: 'revoked',
      note: 'Penyisiran NIK.',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Finding).outcome).toBe('revoked');
    expect(await callNik(cred)).not.toBe('01');
    const status = await t.database.db
      .selectFrom('access_grants')
      .select('status')
      .where('id', '=', cred.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe('revoked');
    // A later finding on it suspends nothing: there is nothing to resume.
    const later = await raise(cred, 'enumeration', true);
    expect(
      (await decide('kebumen.kabid', later, { verdict: 'confirmed', outcome: 'resumed', note: 'x' })).statusCode,
    ).toBe(400);
    const resumed = await decide('kebumen.kabid', later, {
      verdict: 'confirmed',
      outcome: null,
      note: 'sudah dicabut',
    });
    expect(resumed.statusCode, resumed.body).toBe(200);
    expect(await callNik(cred)).not.toBe('01');
  });

  it('a false positive moves the rule by its step in its direction and is counted', async () => {
    const spec = ruleByCode('enumeration');
    if (!spec) throw new Error('enumeration rule missing');
    const before = await enumerationParams();
    const cred = await provision();
    const id = await raise(cred, 'enumeration', false);
    const res = await decide('kebumen.kabid', id, {
      verdict: 'false_positive',
      outcome: null,
      note: 'Migrasi data nasabah yang sah.',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = await enumerationParams();
    expect(after.falsePositives).toBe(before.falsePositives + 1);
    for (const [name, dir] of Object.entries(spec.tuning)) {
      const p = spec.params[name];
      const was = before.params[name] ?? 0;
      const expected = Math.min(
        p?.max ?? 0,
        Math.max(p?.min ?? 0, dir === 'up' ? was + (p?.step ?? 0) : was - (p?.step ?? 0)),
      );
      expect(after.params[name], name).toBe(expected);
    }
    // Not suspended: resuming or revoking is refused.
    const other = await raise(cred, 'enumeration', false);
    expect(
      (await decide('kebumen.kabid', other, { verdict: 'confirmed', outcome: 'revoked', note: 'x' })).statusCode,
    ).toBe(400);
  });

  it('shows a finding to its office, the offices above and its institution; 404 to another office or institution', async () => {
    const cred = await provision();
    const id = await raise(cred, 'enumeration', false);
    for (const who of ['kebumen.kabid', 'jateng.kadis', 'pusat.admin', 'bank.pimpinan'])
      expect((await get(who, `/api/anomalies/findings/${id}`)).statusCode, who).toBe(200);
    for (const who of ['sibolga.kabid', 'dinsos.pimpinan', 'bpjs.admin']) {
      expect((await get(who, `/api/anomalies/findings/${id}`)).statusCode, who).toBe(404);
      const list = (await get(who, '/api/anomalies/findings')).json() as { id: string }[];
      expect(
        list.map((x) => x.id),
        who,
      ).not.toContain(id);
      expect((await decide(who, id, { verdict: 'confirmed', outcome: null, note: 'x' })).statusCode, who).toBe(404);
    }
    // The institution sees its own, what was suspended and why; it cannot decide.
    const own = (await get('bank.admin', '/api/anomalies/findings')).json() as {
      id: string;
      institution: { id: string };
    }[];
    expect(own.map((x) => x.id)).toContain(id);
    expect(own.every((x) => x.institution.id === bankId)).toBe(true);
    expect((await finding('bank.admin', id)).canDecide).toBe(false);
    // A province sees but the decision is the office's reviewer's.
    expect((await decide('jateng.kadis', id, { verdict: 'confirmed', outcome: null, note: 'x' })).statusCode).toBe(403);
    const open = (await get('kebumen.kabid', '/api/anomalies/findings?status=open')).json() as { status: string }[];
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((x) => x.status === 'open')).toBe(true);
  });

  it("turns a resident's report into a finding its office reviews, without the NIK", async () => {
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .select(['id'])
      .where('institution_id', '=', bankId)
      .where('action', 'like', '%')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    const id = await t.database.db.transaction().execute((trx) =>
      openReportedFinding(trx, {
        source: 'resident_report',
        institutionId: bankId,
        auditEntryId: entry.id,
        reportId: newId(),
        summary: 'Saya tidak pernah menjadi nasabah bank ini.',
        now: t.clock.now,
      }),
    );
    const f = await finding('kebumen.kabid', id);
    expect(f.status).toBe('open');
    expect(f.canDecide).toBe(true);
    expect(f.evidence.facts.map((x) => x.value.id)).toContain('Saya tidak pernah menjadi nasabah bank ini.');
    expect(JSON.stringify(f)).not.toMatch(/\d{16}/);
    expect((await inbox('kebumen.kabid')).map((x) => x.caseId)).toContain(f.caseId);
    // The institution sees the finding, not the resident's words.
    const forBank = await finding('bank.admin', id);
    expect(JSON.stringify(forBank)).not.toContain('nasabah bank ini');
    const res = await decide('kebumen.kabid', id, { verdict: 'confirmed', outcome: null, note: 'Akses tanpa dasar.' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lets the office admin or reviewer tune its rules within bounds; strict and scoped', async () => {
    const spec = ruleByCode('enumeration');
    const [name, p] = Object.entries(spec?.params ?? {})[0] ?? [];
    if (!name || !p) throw new Error('no parameter');
    const put = async (who: string, payload: unknown, rule = 'enumeration') =>
      t.app.inject({
        method: 'PUT',
        url: `/api/anomalies/settings/${rule}`,
        headers: (await as(who)).headers,
        payload: payload as Record<string, unknown>,
      });
    const out = await put('kebumen.admin', { enabled: false, params: { [name]: p.max } });
    expect(out.statusCode, out.body).toBe(200);
    const rule = (
      out.json() as { rules: { code: string; enabled: boolean; params: { name: string; value: number }[] }[] }
    ).rules.find((r) => r.code === 'enumeration');
    expect(rule?.enabled).toBe(false);
    expect(rule?.params.find((x) => x.name === name)?.value).toBe(p.max);
    expect((await put('kebumen.kabid', { enabled: true, params: { [name]: p.max + 1 } })).statusCode).toBe(400);
    expect((await put('kebumen.kabid', { enabled: true, params: { nope: 1 } })).statusCode).toBe(400);
    expect((await put('kebumen.kabid', { enabled: 1, params: {} })).statusCode).toBe(400);
    expect((await put('kebumen.kabid', { enabled: true, params: {}, extra: 1 })).statusCode).toBe(400);
    expect((await put('kebumen.kasi', { enabled: true, params: {} })).statusCode).toBe(403);
    expect((await put('kebumen.kabid', { enabled: true, params: {} }, 'tidak_ada')).statusCode).toBe(404);
    expect((await put('kebumen.kabid', { enabled: true, params: { [name]: p.default } })).statusCode).toBe(200);
    // The province reads its kabupaten's rules but does not tune them; an institution does not see them.
    expect((await get('jateng.kadis', `/api/anomalies/settings?officeId=${officeId}`)).statusCode).toBe(200);
    expect((await get('sibolga.kabid', `/api/anomalies/settings?officeId=${officeId}`)).statusCode).toBe(404);
    expect((await get('bank.admin', '/api/anomalies/settings')).statusCode).toBe(404);
  });

  it('counts findings per institution for the campaigns and the dashboard', async () => {
    const all = await anomalySummary(t.database.db, { institutionIds: [bankId] });
    const rows = await t.database.db
      .selectFrom('anomaly_findings')
      .select(['status', 'severity'])
      .where('institution_id', '=', bankId)
      .execute();
    expect(all.get(bankId)).toEqual({
      total: rows.length,
      open: rows.filter((r) => r.status === 'open').length,
      high: rows.filter((r) => r.severity === 'high').length,
      confirmed: rows.filter((r) => r.status === 'confirmed').length,
      falsePositive: rows.filter((r) => r.status === 'false_positive').length,
    });
    expect(rows.length).toBeGreaterThan(4);
    expect((await anomalySummary(t.database.db, { institutionIds: [bankId], from: '2999-01-01T00:00:00Z' })).size).toBe(
      0,
    );
    const dinsos = await t.database.db
      .selectFrom('institutions')
      .select('id')
      .where('name', '=', 'Dinas Sosial Kabupaten Kebumen')
      .executeTakeFirstOrThrow();
    expect((await anomalySummary(t.database.db, { institutionIds: null })).has(dinsos.id)).toBe(false);
  });
});
