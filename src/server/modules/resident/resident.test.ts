/**
 * The resident's view over the real gateway: calls for two NIKs (web service and v1, answered and refused), the
 * index filled off the request path, then each resident sees exactly the data calls carrying their NIK hash, in
 * words; every proof verifies offline with only the pinned keys; one resident's session reads nothing of
 * another's; a wrong KK, birth date or mother's name get the same answer and are throttled; reports reach the
 * office's finding (anomalies/findings.ts) once per access.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS, demoApp, login, type TestContext } from '../../../../test/harness.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { loadAccessKeys, readTrustFile } from '../access/audit/keys.js';
import { inclusionProofFor, inclusionProofsFor } from '../access/audit/audit.proofs.js';
import { nikHasher } from '../../../domain/nik/hash.js';
import { verifyInclusionBundle, type InclusionProofBundle } from '../../../domain/audit/heads.js';
import { ALL_DATA_CALL_ACTIONS } from '../../../domain/audit/actions.js';
import type { AccessList } from './resident.service.js';
import { seedDemoResident } from '../../seed/demo-resident.js';

// The real openReportedFinding (the review feature's), watched: what the resident view passes it is asserted.
const findings = vi.hoisted(() => ({ calls: [] as unknown[] }));
vi.mock('../anomalies/findings.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../anomalies/findings.js')>();
  return {
    ...real,
    openReportedFinding: async (...args: Parameters<typeof real.openReportedFinding>) => {
      findings.calls.push(args[1]);
      return real.openReportedFinding(...args);
    },
  };
});

interface Person {
  nik: string;
  no_kk: string;
  tgl_lhr: string;
  nama_lgkp_ibu: string;
}

describe.each(DIALECTS)('the resident view on %s', (kind) => {
  let t: TestContext;
  let a: Person;
  let b: Person;
  let c: Person;
  let hash: (nik: string) => string;
  let cred: { customerId: string; userId: string; secret: string };
  let pksNumber: string;
  const cookies = new Map<string, string>();

  const callNik = (nik: string, secret = cred.secret, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${cred.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: cred.userId, password: secret, ip_user: '10.0.0.9' },
      remoteAddress,
    });
  const identify = (p: Person, over: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
    t.app.inject({
      method: 'POST',
      url: '/api/resident/identify',
      payload: { nik: p.nik, kk: p.no_kk, birthDate: p.tgl_lhr, motherName: p.nama_lgkp_ibu, ...over },
      remoteAddress,
    });
  const sessionOf = async (p: Person) => {
    let cookie = cookies.get(p.nik);
    if (!cookie) {
      const res = await identify(p);
      expect(res.statusCode, res.body).toBe(200);
      const set = res.cookies.find((k) => k.name === 'gerbang_warga');
      expect(set?.httpOnly).toBe(true);
      expect(set?.sameSite).toBe('Strict');
      cookie = `gerbang_warga=${set?.value}`;
      cookies.set(p.nik, cookie);
    }
    return { cookie };
  };
  const get = async (p: Person, url: string) => t.app.inject({ method: 'GET', url, headers: await sessionOf(p) });
  const list = async (p: Person) => {
    const res = await get(p, '/api/resident/accesses');
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as AccessList;
  };
  const entriesOf = async (nik: string) =>
    (
      await t.database.db
        .selectFrom('audit_entries')
        .select('id')
        .where('nik_hash', '=', hash(nik))
        .where('action', 'in', [...ALL_DATA_CALL_ACTIONS])
        // A stranger who only knew the user id (refused at the login) is no access by the institution.
        .where('result_code', 'not in', ['03', '19'])
        .orderBy('seq', 'desc')
        .execute()
    ).map((r) => r.id);
  const indexRows = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('resident_access_index')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await demoApp(kind);
    hash = nikHasher(loadAccessKeys(t.config).nikKey);
    // The same seed gives the same people in both populations: trial calls read the sandbox, the resident
    // identifies against the warehouse.
    for (const population of ['production', 'sandbox'] as const)
      await generateInto(t.database.db, t.config, { count: 12, seed: 'resident-view', population });
    const people = await t.database.db
      .selectFrom('residents')
      .select(['nik', 'no_kk', 'tgl_lhr', 'nama_lgkp_ibu'])
      .where('alive', '=', 1)
      .where('active', '=', 1)
      .orderBy('nik')
      .limit(3)
      .execute();
    [a, b, c] = people as [Person, Person, Person];
    const bankId = (await demoBankId(t.database.db)) ?? '';
    const pks = await insertActivePks(t.database.db, {
      institutionId: bankId,
      startDate: dayOffset(t.clock.now, -30),
      endDate: dayOffset(t.clock.now, 365),
      now: t.clock.now,
    });
    pksNumber = (
      await t.database.db.selectFrom('agreements').select('number').where('id', '=', pks.id).executeTakeFirstOrThrow()
    ).number;
    const kasi = await login(t.app, 'kebumen.kasi');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks.id}/grants`,
      headers: kasi.headers,
      payload: { environment: 'trial', kind: 'web_service', elements: BANK_ELEMENTS, ipAllow: ['127.0.0.0/8'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const g = res.json() as { grant: { customerId: string; userId: string }; secret: string };
    cred = { customerId: g.grant.customerId, userId: g.grant.userId, secret: g.secret };

    // A: two lookups, a refused call (from outside the allow-list), a v1 verification, and a stranger's wrong
    // password under the bank's user id (not shown: nobody proved to be the bank); B: one lookup.
    const before = await indexRows();
    expect((await callNik(a.nik)).json()).toMatchObject({ content: expect.anything() });
    await callNik(a.nik);
    await callNik(a.nik, cred.secret, '203.0.113.7');
    await callNik(a.nik, 'wrong-secret');
    expect(
      await t.database.db
        .selectFrom('audit_entries')
        .select('id')
        .where('nik_hash', '=', hash(a.nik))
        .where('result_code', '=', '03')
        .execute(),
    ).toHaveLength(1);
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { authorization: `Bearer ${cred.userId}:${cred.secret}` },
      payload: { nik: a.nik, elements: { nama_lengkap: 'SIAPA SAJA' } },
      remoteAddress: '127.0.0.1',
    });
    await callNik(b.nik);
    // The gateway wrote nothing to the index: it is filled by the follower, off the request path.
    expect(await indexRows()).toBe(before);
    await t.app.residentIndex.catchUp();
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows each resident exactly the data calls carrying their NIK hash, in words', async () => {
    const mine = await list(a);
    expect(mine.accesses.map((x) => x.id)).toEqual(await entriesOf(a.nik));
    expect(mine.accesses.length).toBeGreaterThanOrEqual(3);
    const theirs = await list(b);
    expect(theirs.accesses.map((x) => x.id)).toEqual(await entriesOf(b.nik));
    expect(theirs.accesses).toHaveLength(1);
    const found = mine.accesses.find((x) => x.answered && x.channel === 'web_service');
    expect(found).toMatchObject({
      institution: 'PT Bank Nusantara Sejahtera Tbk',
      pksNumber,
      proof: true,
      reported: false,
    });
    expect(found?.when.id).toMatch(/^\d{1,2} \w+ \d{4} pukul \d{2}\.\d{2} WIB$/);
    expect(found?.elements.map((e) => e.id)).toContain('Nomor KK');
    expect(found?.elements.length).toBe(BANK_ELEMENTS.length);
    expect(mine.accesses.some((x) => !x.answered && x.result.id.startsWith('Ditolak'))).toBe(true);
    expect(mine.head?.treeSize).toBeGreaterThan(0);
    // Someone identified with no accesses sees none.
    expect((await list(c)).accesses).toEqual([]);
  });

  it('gives proofs that verify offline with only the pinned keys, all in one pass or one by one', async () => {
    const keys = readTrustFile(t.config.auditTrustFile);
    const all = await get(a, '/api/resident/proofs');
    expect(all.statusCode, all.body).toBe(200);
    const proofs = (all.json() as { proofs: InclusionProofBundle[] }).proofs;
    expect(proofs.map((p) => p.entry.id)).toEqual(await entriesOf(a.nik));
    for (const p of JSON.parse(JSON.stringify(proofs)) as InclusionProofBundle[])
      expect(verifyInclusionBundle(p, keys)).toEqual({ ok: true });
    // The shared walk gives the same path as the single-entry proof.
    const first = proofs[0] as InclusionProofBundle;
    expect((await inclusionProofFor(t.database.db, first.entry.id))?.path).toEqual(first.path);
    // Over entries spread across the whole log (nested and right-edge ranges), one walk equals one proof each.
    const ids = (await t.database.db.selectFrom('audit_entries').select('id').orderBy('seq').execute()).map(
      (r) => r.id,
    );
    const many = await inclusionProofsFor(t.database.db, ids);
    expect(ids.length).toBeGreaterThan(8);
    expect(many.size).toBe(ids.length);
    for (const [id, p] of many) expect(p.path).toEqual((await inclusionProofFor(t.database.db, id))?.path);
    const one = await get(a, `/api/resident/accesses/${first.entry.id}/proof`);
    expect(one.statusCode).toBe(200);
    expect(one.headers['content-disposition']).toMatch(/^attachment; filename="bukti-akses-/);
    const bundle = one.json() as InclusionProofBundle;
    expect(verifyInclusionBundle(bundle, keys)).toEqual({ ok: true });
    // Pinned to the head the page showed, after the log grew past it.
    const shown = (await list(a)).head?.treeSize ?? 0;
    await callNik(b.nik);
    const pinned = await get(a, `/api/resident/accesses/${first.entry.id}/proof?treeSize=${shown}`);
    expect((pinned.json() as InclusionProofBundle).head.treeSize).toBe(shown);
    expect(verifyInclusionBundle(pinned.json() as InclusionProofBundle, keys)).toEqual({ ok: true });
    expect((await get(a, `/api/resident/accesses/${first.entry.id}/proof?treeSize=999999`)).statusCode).toBe(404);
    // A changed entry no longer verifies.
    const forged = { ...bundle, entry: { ...bundle.entry, institutionId: 'someone-else' } };
    expect(verifyInclusionBundle(forged, keys).ok).toBe(false);
  });

  it('lets one resident read nothing of another: 404 for their proofs and reports, 401 without a session', async () => {
    const [bEntry] = await entriesOf(b.nik);
    expect((await get(a, `/api/resident/accesses/${bEntry}/proof`)).statusCode).toBe(404);
    const rep = await t.app.inject({
      method: 'POST',
      url: `/api/resident/accesses/${bEntry}/report`,
      headers: await sessionOf(a),
      payload: { text: 'Saya tidak mengenal lembaga ini.' },
    });
    expect(rep.statusCode).toBe(404);
    const none = await t.app.inject({ method: 'GET', url: '/api/resident/accesses' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    const forged = await t.app.inject({
      method: 'GET',
      url: '/api/resident/accesses',
      headers: { cookie: 'gerbang_warga=not-a-session' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('answers a wrong KK, birth date or mother’s name alike, records each attempt, and throttles', async () => {
    const ip = '192.0.2.10';
    const wrong = [
      await identify(c, { kk: c.no_kk.replace(/.$/, (d) => String((Number(d) + 1) % 10)) }, ip),
      await identify(c, { birthDate: '1901-01-01' }, ip),
      await identify(c, { motherName: 'BUKAN IBUNYA' }, ip),
    ];
    const shape = (r: (typeof wrong)[number]) => {
      const { instance: _i, requestId: _r, ...rest } = r.json() as Record<string, unknown>;
      return { status: r.statusCode, rest, cookie: r.cookies.length };
    };
    expect(shape(wrong[0] as never)).toMatchObject({ status: 401, rest: { code: 'resident_not_matched' }, cookie: 0 });
    expect(shape(wrong[1] as never)).toEqual(shape(wrong[0] as never));
    expect(shape(wrong[2] as never)).toEqual(shape(wrong[0] as never));
    // Case and spaces in the mother's name do not matter.
    const spaced = await identify(c, { motherName: `  ${c.nama_lgkp_ibu.toLowerCase().replace(/ /g, '  ')} ` }, ip);
    expect(spaced.statusCode, spaced.body).toBe(200);
    let status = 0;
    for (let i = 0; i < 8 && status !== 429; i++)
      status = (await identify(c, { kk: '0000000000000000' }, ip)).statusCode;
    expect(status).toBe(429);
    // Throttled per NIK too: failures from ever new addresses are throttled, then the right details wait as well.
    status = 0;
    for (let i = 0; i < 8 && status !== 429; i++)
      status = (await identify(c, { kk: '0000000000000000' }, `198.51.100.${i + 1}`)).statusCode;
    expect(status).toBe(429);
    expect((await identify(c, {}, '203.0.113.7')).statusCode).toBe(429);
    const recorded = await t.database.db
      .selectFrom('audit_entries')
      .select(['result_code', 'detail'])
      .where('action', '=', 'resident.identify')
      .where('nik_hash', '=', hash(c.nik))
      .execute();
    expect(recorded.filter((r) => r.result_code === 'not_matched').length).toBeGreaterThanOrEqual(3);
    expect(recorded.some((r) => r.result_code === 'ok')).toBe(true);
    expect(JSON.stringify(recorded)).not.toContain(c.nik);
  });

  it('passes a report to the office’s finding once per access, with the NIK masked', async () => {
    const [entry] = await entriesOf(a.nik);
    const report = (text: unknown) =>
      sessionOf(a).then((headers) =>
        t.app.inject({ method: 'POST', url: `/api/resident/accesses/${entry}/report`, headers, payload: { text } }),
      );
    expect((await report('pendek')).statusCode).toBe(400);
    expect((await report(42)).statusCode).toBe(400);
    const ok = await report(`Saya tidak pernah ke bank ini. NIK saya ${a.nik}.`);
    expect(ok.statusCode, ok.body).toBe(201);
    const again = await report('Saya tidak pernah ke bank ini, sungguh.');
    expect(again.statusCode).toBe(409);
    expect(findings.calls.at(-1)).toMatchObject({ source: 'resident_report', auditEntryId: entry });
    expect(JSON.stringify(findings.calls.at(-1))).not.toContain(a.nik);
    const row = await t.database.db
      .selectFrom('resident_reports')
      .selectAll()
      .where('id', '=', (ok.json() as { id: string }).id)
      .executeTakeFirstOrThrow();
    // The finding is the office's, in the same transaction: it exists with the report's words, never the NIK.
    const finding = await t.database.db
      .selectFrom('anomaly_findings')
      .selectAll()
      .where('id', '=', row.finding_id ?? '')
      .executeTakeFirstOrThrow();
    expect(finding).toMatchObject({ source: 'resident_report', institution_id: row.institution_id });
    expect(JSON.stringify(finding)).not.toContain(a.nik);
    expect(row.nik_hash).toBe(hash(a.nik));
    expect((await list(a)).accesses.find((x) => x.id === entry)?.reported).toBe(true);
  });

  it('seeds a demo resident with accesses whose details identify them (demo.json)', async () => {
    await callNik(a.nik);
    const { resident } = await seedDemoResident(t.database.db, t.config, t.clock.now);
    // The seed indexed the newest call itself, and picked the resident with the most accesses.
    expect(resident).toEqual({
      nik: a.nik,
      kk: a.no_kk,
      birthDate: a.tgl_lhr,
      motherName: a.nama_lgkp_ibu,
      accesses: (await entriesOf(a.nik)).length,
    });
    const res = await identify({
      nik: resident?.nik ?? '',
      no_kk: resident?.kk ?? '',
      tgl_lhr: resident?.birthDate ?? '',
      nama_lgkp_ibu: resident?.motherName ?? '',
    });
    expect(res.statusCode).toBe(200);
    const cookie = `gerbang_warga=${res.cookies.find((k) => k.name === 'gerbang_warga')?.value}`;
    const listed = await t.app.inject({ method: 'GET', url: '/api/resident/accesses', headers: { cookie } });
    expect((listed.json() as AccessList).accesses).toHaveLength(resident?.accesses ?? -1);
  });
});
