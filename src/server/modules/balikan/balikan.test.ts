/**
 * Data balikan over HTTP on both dialects: a hospital delivers its deaths through the web, a bank its address
 * changes through v1 with its web-service credential; bad rows are reported and good ones kept; a correction
 * supersedes; scope is the server's; a malformed or oversize file is a precise 4xx; the audit entry holds counts,
 * never a NIK; the duty's periods turn into obligations for the ladder.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DIALECTS,
  demoApp,
  login,
  problem,
  seededAgreement,
  type Session,
  type TestContext,
} from '../../../../test/harness.js';
import { dayOffset, demoBankId, insertActivePks } from '../access/fixtures.js';
import { generateInto } from '../access/population/population.service.js';
import { sampleNiks } from '../access/population/population.repository.js';
import { dataBalikanObligations } from './balikan.obligations.js';
import type { DataBalikanDuty } from '../../../domain/balikan/kinds.js';
import { pdfText } from '../../../../test/pdf-text.js';

const NOW = new Date('2026-12-20T03:00:00.000Z');

function multipart(csv: string | Buffer, filename = 'balikan.csv') {
  const boundary = `----balikan${Math.random().toString(16).slice(2)}`;
  return {
    boundary,
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      Buffer.isBuffer(csv) ? csv : Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

interface Delivery {
  id: string;
  period: string;
  totalRows: number;
  goodRows: number;
  badRows: number;
  supersedesId: string | null;
  supersededBy: string | null;
  institution: { id: string };
  badRowList?: { line: number; nikMasked: string | null; problems: { field: string; code: string }[] }[];
}

describe.each(DIALECTS)('data balikan on %s', (kind) => {
  let t: TestContext;
  let niks: string[];
  let hospitalPks: string;
  let bankPks: string;
  let hospital: Session;
  let bank: Session;
  let kasi: Session;
  let cred: { id: string; userId: string; secret: string };

  const withDuties = async (agreementId: string, duties: DataBalikanDuty[]) => {
    const v = await t.database.db
      .selectFrom('agreement_versions')
      .select(['id', 'content'])
      .where('agreement_id', '=', agreementId)
      .executeTakeFirstOrThrow();
    const content = { ...(JSON.parse(v.content) as object), dataBalikanDuties: duties };
    await t.database.db
      .updateTable('agreement_versions')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', v.id)
      .execute();
  };
  const institutionId = async (name: string) =>
    (await t.database.db.selectFrom('institutions').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  const upload = (s: Session, query: string, csv: string | Buffer) => {
    const { boundary, payload } = multipart(csv);
    return t.app.inject({
      method: 'POST',
      url: `/api/data-balikan/deliveries${query}`,
      headers: { ...s.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
  };
  const v1 = (secret: string, query: string, csv: string, remoteAddress = '127.0.0.1') => {
    const { boundary, payload } = multipart(csv);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1/data-balikan${query}`,
      headers: {
        authorization: `Basic ${Buffer.from(`${cred.userId}:${secret}`).toString('base64')}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload,
      remoteAddress,
    });
  };
  const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: s.headers });

  beforeAll(async () => {
    t = await demoApp(kind);
    t.clock.now = NOW;
    await generateInto(t.database.db, t.config, { count: 60, seed: 'balikan' });
    niks = await sampleNiks(t.database.db, 'production', 6);
    const rsud = await institutionId('RSUD Padang Pariaman');
    const bankId = (await demoBankId(t.database.db)) ?? '';
    hospitalPks = (
      await insertActivePks(t.database.db, {
        institutionId: rsud,
        startDate: '2026-10-15',
        endDate: '2028-10-14',
        now: NOW,
      })
    ).id;
    await withDuties(hospitalPks, [{ kind: 'kematian', frequency: 'monthly' }]);
    bankPks = (
      await insertActivePks(t.database.db, {
        institutionId: bankId,
        startDate: dayOffset(NOW, -60),
        endDate: dayOffset(NOW, 600),
        now: NOW,
      })
    ).id;
    await withDuties(bankPks, [{ kind: 'perubahan_alamat', frequency: 'quarterly' }]);
    hospital = await login(t.app, 'rsudpp.admin');
    bank = await login(t.app, 'bank.pimpinan');
    kasi = await login(t.app, 'kebumen.kasi');
    const grant = async (environment: 'trial' | 'production') => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/access/agreements/${bankPks}/grants`,
        headers: kasi.headers,
        payload: {
          kind: 'web_service',
          environment,
          elements: ['nik', 'nama_lengkap'],
          ipAllow: ['127.0.0.0/8', '::1'],
          dailyQuota: 100,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const b = res.json() as { grant: { id: string; userId: string }; secret: string };
      return { id: b.grant.id, userId: b.grant.userId, secret: b.secret };
    };
    const trial = await grant('trial');
    const passed = await t.app.inject({
      method: 'POST',
      url: `/api/access/grants/${trial.id}/trial`,
      headers: kasi.headers,
      payload: { passed: true, note: 'ok' },
    });
    expect(passed.statusCode, passed.body).toBe(200);
    cred = await grant('production');
  }, 120_000);
  afterAll(async () => t?.close());

  it('owes each monthly period from the PKS start: due before its due date, missing after, fulfilled once delivered', async () => {
    const own = (list: Awaited<ReturnType<typeof dataBalikanObligations>>) =>
      list.filter((o) => o.agreementId === hospitalPks).map((o) => [o.key.split(':').pop(), o.dueDate, o.fulfilledAt]);
    // 5 December: October (due 10 November) and November (due 10 December) are owed, neither delivered.
    expect(own(await dataBalikanObligations(t.database.db, new Date('2026-12-05T03:00:00Z')))).toEqual([
      ['2026-10', '2026-11-10', null],
      ['2026-11', '2026-12-10', null],
    ]);
    const before = await get(hospital, '/api/data-balikan/duties');
    expect(before.statusCode, before.body).toBe(200);
    const periods = (before.json() as { duties: { periods: { period: string; state: string }[] }[] }[])[0]?.duties[0]
      ?.periods;
    expect(periods?.map((p) => [p.period, p.state])).toEqual([
      ['2026-10', 'missing'],
      ['2026-11', 'missing'],
    ]);
  });

  it('keeps the good rows of a CSV and reports each bad one with its line and reason', async () => {
    const [a, b, c, d] = niks as [string, string, string, string];
    const unknown = `${a.slice(0, 12)}${a.slice(12) === '9999' ? '9998' : '9999'}`;
    const csv = [
      '\uFEFFNIK;TGL_KEMATIAN;TEMPAT_KEMATIAN',
      `${a};2026-11-03;RSUD Padang Pariaman`,
      `12345;2026-11-04;RSUD Padang Pariaman`,
      `${unknown};2026-11-05;RSUD Padang Pariaman`,
      `${b};2026-11-06;`,
      `${c};2026-02-30;Rumah`,
      `${d};"2026-11-07";"Bangsal ""Melati"""`,
    ].join('\r\n');
    const res = await upload(hospital, '?kind=kematian&period=2026-11', csv);
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json() as Delivery;
    expect([out.totalRows, out.goodRows, out.badRows]).toEqual([6, 2, 4]);
    expect(out.badRowList?.map((r) => [r.line, r.problems.map((p) => `${p.field}:${p.code}`)])).toEqual([
      [3, ['NIK:nik_format']],
      [4, ['NIK:unknown_resident']],
      [5, ['TEMPAT_KEMATIAN:missing_field']],
      [6, ['TGL_KEMATIAN:bad_date']],
    ]);
    // The report names the row, never the whole NIK.
    expect(JSON.stringify(out.badRowList)).not.toContain(b);
    const stored = await t.database.db
      .selectFrom('data_balikan_rows')
      .select(['line', 'nik'])
      .where('delivery_id', '=', out.id)
      .orderBy('line')
      .execute();
    expect(stored).toEqual([
      { line: 2, nik: a },
      { line: 7, nik: d },
    ]);

    const report = await get(hospital, `/api/data-balikan/deliveries/${out.id}/bad-rows`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body).toContain('BARIS,NIK,KOLOM,ALASAN');
    expect(report.body).toContain('NIK tidak terdaftar sebagai penduduk');
    expect(report.body).not.toContain(c);

    // Fulfilled by this delivery; October is still missing.
    const obligations = (await dataBalikanObligations(t.database.db, NOW)).filter((o) => o.agreementId === hospitalPks);
    expect(obligations.map((o) => [o.key.split(':').pop(), o.fulfilledAt])).toEqual([
      ['2026-10', null],
      ['2026-11', NOW.toISOString()],
    ]);

    // The signed record has the delivery's counts (sealed before the answer), and no NIK of the file.
    const sealed = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'data_balikan.delivered')
      .execute();
    expect(sealed.length).toBe(1);
    expect(JSON.parse(sealed[0]?.detail ?? '{}')).toMatchObject({ totalRows: 6, goodRows: 2, badRows: 4 });
    for (const nik of [a, b, c, d, unknown]) expect(JSON.stringify(sealed)).not.toContain(nik);
  });

  it('takes a second delivery of a period as a correction that supersedes the first, keeping both', async () => {
    const first = ((await get(hospital, '/api/data-balikan/deliveries')).json() as Delivery[])[0];
    const res = await upload(
      hospital,
      '?kind=kematian&period=2026-11',
      `NIK,TGL_KEMATIAN,TEMPAT_KEMATIAN\n${niks[4]},2026-11-08,Rumah\n`,
    );
    expect(res.statusCode, res.body).toBe(201);
    const second = res.json() as Delivery;
    expect(second.supersedesId).toBe(first?.id);
    const again = await get(hospital, `/api/data-balikan/deliveries/${first?.id ?? ''}`);
    expect((again.json() as Delivery).supersededBy).toBe(second.id);
    // The period stays fulfilled from the first delivery's time.
    const nov = (await dataBalikanObligations(t.database.db, NOW)).find(
      (o) => o.key === `balikan:${hospitalPks}:kematian:2026-11`,
    );
    expect(nov?.fulfilledAt).toBe(NOW.toISOString());
  });

  it('refuses a malformed, oversize or misnamed delivery with a precise 4xx, writing nothing', async () => {
    const count = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('data_balikan_deliveries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const good = `NIK,TGL_KEMATIAN,TEMPAT_KEMATIAN\n${niks[0]},2026-11-03,Rumah\n`;
    const cases: [string, string | Buffer, number, string][] = [
      [
        '?kind=kematian&period=2026-11',
        'NIK,TGL_KEMATIAN,TEMPAT_KEMATIAN\n"3305,2026-11-03,Rumah\n',
        400,
        'balikan_csv_malformed',
      ],
      ['?kind=kematian&period=2026-11', 'NIK,TANGGAL\n1,2\n', 400, 'balikan_csv_header'],
      ['?kind=kematian&period=2026-11', 'NIK,TGL_KEMATIAN,TEMPAT_KEMATIAN\n', 400, 'balikan_csv_empty'],
      ['?kind=kematian&period=2026-11', Buffer.from([0xff, 0xfe, 0x00, 0x41]), 400, 'balikan_csv_encoding'],
      ['?kind=kematian&period=2026-13', good, 400, 'balikan_period_invalid'],
      ['?kind=kematian&period=2026-Q4', good, 400, 'balikan_period_invalid'],
      ['?kind=kematian&period=2027-01', good, 400, 'balikan_period_not_started'],
      ['?kind=kematian&period=2026-09', good, 400, 'balikan_period_outside_pks'],
      ['?period=2026-11', good, 400, 'balikan_kind_missing'],
      ['?kind=perubahan_alamat&period=2026-11', good, 409, 'balikan_no_duty'],
      ['?kind=kematian&period=2026-11', `${good}${'x'.repeat(2 * 1024 * 1024)}`, 413, 'balikan_file_too_large'],
    ];
    for (const [query, body, status, code] of cases) {
      const res = await upload(hospital, query, body);
      expect([res.statusCode, problem(res).code], `${query} ${code}`).toEqual([status, code]);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await count()).toBe(before);
  });

  it('takes a delivery through v1 with the credential, and refuses and records a wrong secret', async () => {
    const csv = `NIK,ALAMAT,NO_RT,NO_RW,KEL_NAME,TGL_PERUBAHAN\n${niks[1]},Jl. Pahlawan 1,003,007,Panjer,2026-11-02\n`;
    const wrong = await v1('not-the-secret', '?kind=perubahan_alamat&period=2026-Q4', csv);
    expect([wrong.statusCode, problem(wrong).code]).toEqual([401, 'login_failed']);
    const auditId = String(wrong.headers['x-audit-id']);
    const refusal = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('id', '=', auditId)
      .executeTakeFirst();
    expect(refusal?.action).toBe('v1.data_balikan');
    expect(refusal?.actor_id).toBe(cred.id);
    expect(refusal?.result_code).toBe('03');

    // The right secret from outside the credential's address allow-list is refused and recorded like any call.
    const outside = await v1(cred.secret, '?kind=perubahan_alamat&period=2026-Q4', csv, '198.51.100.7');
    expect(outside.statusCode, outside.body).toBe(403);
    const outsideEntry = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('id', '=', String(outside.headers['x-audit-id']))
      .executeTakeFirst();
    expect([outsideEntry?.action, outsideEntry?.actor_id]).toEqual(['v1.data_balikan', cred.id]);
    expect(JSON.parse(outsideEntry?.detail ?? '{}').reason).toBe('ip_not_allowed');

    // A period not yet over may be delivered (the quarter started); the institution is the credential's own.
    const ok = await v1(cred.secret, '?kind=perubahan_alamat&period=2026-Q4', csv);
    expect(ok.statusCode, ok.body).toBe(201);
    const d = ok.json() as Delivery & { agreementId: string };
    expect([d.agreementId, d.goodRows, d.badRows]).toEqual([bankPks, 1, 0]);
    const entry = await t.database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'data_balikan.delivered')
      .where('actor_id', '=', cred.id)
      .executeTakeFirst();
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain(niks[1]);

    // The credential names its own PKS: a kind only the hospital owes is not the bank's duty.
    const other = await v1(cred.secret, '?kind=kematian&period=2026-11', 'NIK,TGL_KEMATIAN,TEMPAT_KEMATIAN\n');
    expect([other.statusCode, problem(other).code]).toEqual([409, 'balikan_no_duty']);
  });

  it('keeps each institution to its own deliveries and each office to its institutions', async () => {
    const hospitalList = (await get(hospital, '/api/data-balikan/deliveries')).json() as Delivery[];
    const hospitalId = hospitalList[0]?.institution.id ?? '';
    const bankList = (await get(bank, '/api/data-balikan/deliveries')).json() as Delivery[];
    expect(bankList.length).toBe(1);
    expect(bankList.every((d) => d.institution.id !== hospitalId)).toBe(true);
    const theirs = hospitalList[0]?.id ?? '';
    expect((await get(bank, `/api/data-balikan/deliveries/${theirs}`)).statusCode).toBe(404);
    expect((await get(bank, `/api/data-balikan/deliveries/${theirs}/bad-rows`)).statusCode).toBe(404);
    // Naming the hospital's PKS does not let the bank deliver for it.
    const forThem = await upload(
      bank,
      `?kind=kematian&period=2026-11&agreementId=${hospitalPks}`,
      `NIK,TGL_KEMATIAN,TEMPAT_KEMATIAN\n${niks[0]},2026-11-03,Rumah\n`,
    );
    expect([forThem.statusCode, problem(forThem).code]).toEqual([409, 'balikan_no_duty']);

    const kebumen = kasi;
    const officeList = (await get(kebumen, '/api/data-balikan/deliveries')).json() as Delivery[];
    expect(officeList.map((d) => d.id)).toEqual(bankList.map((d) => d.id));
    expect((await get(kebumen, `/api/data-balikan/deliveries/${theirs}`)).statusCode).toBe(404);
    const office = await upload(kebumen, '?kind=perubahan_alamat&period=2026-Q4', 'NIK\n');
    expect(office.statusCode).toBe(403);
    const pusat = await login(t.app, 'pusat.dirjen');
    const all = (await get(pusat, '/api/data-balikan/deliveries')).json() as Delivery[];
    expect(all.length).toBe(hospitalList.length + bankList.length);
    const duties = (await get(kebumen, '/api/data-balikan/duties')).json() as { agreementId: string }[];
    expect(duties.map((d) => d.agreementId)).toEqual([bankPks]);
  });

  it('lets the office set the duties on a draft PKS, shown in its content and its PDF', async () => {
    const bankId = (await demoBankId(t.database.db)) ?? '';
    const office = (
      await t.database.db
        .selectFrom('institutions')
        .select('office_id')
        .where('id', '=', bankId)
        .executeTakeFirstOrThrow()
    ).office_id;
    const { agreementId } = await seededAgreement(t, { institutionId: bankId, officeId: office, status: 'draft' });
    const kabid = await login(t.app, 'kebumen.kabid');
    const patch = (payload: Record<string, unknown>) =>
      t.app.inject({ method: 'PATCH', url: `/api/agreements/${agreementId}`, headers: kabid.headers, payload });
    const unknown = await patch({ dataBalikanDuties: [{ kind: 'golongan_darah', frequency: 'monthly' }] });
    expect(unknown.statusCode).toBe(400);
    const twice = await patch({
      dataBalikanDuties: [
        { kind: 'kematian', frequency: 'monthly' },
        { kind: 'kematian', frequency: 'semester' },
      ],
    });
    expect([twice.statusCode, problem(twice).code]).toEqual([400, 'invalid_duties']);
    const ok = await patch({ dataBalikanDuties: [{ kind: 'perubahan_alamat', frequency: 'quarterly' }] });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = (await get(kabid, `/api/agreements/${agreementId}`)).json() as {
      documentId: string;
      versions: { content: { dataBalikanDuties?: unknown }; changes: { field: string }[] }[];
    };
    const last = view.versions[view.versions.length - 1];
    expect(last?.content.dataBalikanDuties).toEqual([{ kind: 'perubahan_alamat', frequency: 'quarterly' }]);
    expect(last?.changes.map((c) => c.field)).toContain('dataBalikanDuties');
    const doc = (await get(kabid, `/api/documents/${view.documentId}`)).json() as { versions: { version: number }[] };
    const version = Math.max(...doc.versions.map((v) => v.version));
    const pdf = await get(kabid, `/api/documents/${view.documentId}/versions/${version}/file`);
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload)).toContain('Databalikan:Perubahanalamat,setiaptriwulan');
  });
});
