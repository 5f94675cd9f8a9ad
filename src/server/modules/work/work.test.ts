import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, seededAgreement, type TestContext } from '../../../../test/harness.js';

interface Item {
  id: string;
  source: string;
  action: string;
  institution: string | null;
  reference: string | null;
  link: string;
  sla: string;
  caseId: string | null;
}

describe.each(DIALECTS)('Kotak Masuk finds the work: PKS steps, verification, counts on %s', (kind) => {
  let t: TestContext;
  let agreementId = '';
  let number = '';
  const sessions = new Map<string, Record<string, string>>();

  beforeAll(async () => {
    t = await demoApp(kind);
    // Monday 23 November 2026, 09:00 WIB.
    t.clock.now = new Date('2026-11-23T02:00:00Z');
    const dinsos = t.users.find((u) => u.username === 'dinsos.pimpinan')?.organisation;
    const kebumen = t.users.find((u) => u.username === 'kebumen.kabid')?.organisation;
    ({ agreementId } = await seededAgreement(t, {
      institutionId: dinsos?.id ?? '',
      officeId: kebumen?.id ?? '',
      status: 'draft',
    }));
    number = (
      await t.database.db
        .selectFrom('agreements')
        .select('number')
        .where('id', '=', agreementId)
        .executeTakeFirstOrThrow()
    ).number;
  });
  afterAll(async () => t.close());

  async function headers(username: string) {
    let h = sessions.get(username);
    if (!h) {
      h = (await login(t.app, username)).headers;
      sessions.set(username, h);
    }
    return h;
  }
  async function inbox(username: string): Promise<Item[]> {
    const res = await t.app.inject({ method: 'GET', url: '/api/inbox', headers: await headers(username) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Item[];
  }
  async function summary(username: string) {
    const res = await t.app.inject({ method: 'GET', url: '/api/work/summary', headers: await headers(username) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, number | null>;
  }
  async function act(username: string, action: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/agreements/${agreementId}/${action}`,
      headers: await headers(username),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { status: string };
  }
  const pksWork = (items: Item[]) =>
    items.filter((i) => i.source === 'agreement' && i.link === `/agreements/${agreementId}`).map((i) => i.action);

  it('puts each step of a PKS made outside a case into the inbox of whoever takes it next, and takes it out after', async () => {
    // A draft: the office sends it for review; the Dirjen has nothing yet.
    const draft = (await inbox('kebumen.kabid')).find((i) => i.link === `/agreements/${agreementId}`);
    expect(draft).toMatchObject({
      action: 'pks_submit',
      institution: 'Dinas Sosial Kabupaten Kebumen',
      reference: number,
      sla: 'no_standard',
      caseId: null,
    });
    expect(pksWork(await inbox('pusat.dirjen'))).toEqual([]);

    await act('kebumen.kabid', 'submit');
    expect(pksWork(await inbox('kebumen.kabid'))).toEqual([]);
    expect(pksWork(await inbox('pusat.dirjen'))).toEqual(['pks_approve']);
    expect(pksWork(await inbox('kebumen.kadis'))).toEqual([]);

    // Approved: the Dirjen's step is done; both parties' signatories now have "sign", nobody else.
    expect((await act('pusat.dirjen', 'approve')).status).toBe('approved');
    expect(pksWork(await inbox('pusat.dirjen'))).toEqual([]);
    expect(pksWork(await inbox('kebumen.kadis'))).toEqual(['pks_sign']);
    expect(pksWork(await inbox('dinsos.pimpinan'))).toEqual(['pks_sign']);
    expect(pksWork(await inbox('dinsos.operator'))).toEqual([]);
    expect(pksWork(await inbox('kebumen.kabid'))).toEqual([]);
    expect(pksWork(await inbox('bank.pimpinan'))).toEqual([]);
    expect(await summary('kebumen.kadis')).toMatchObject({ pksToSign: 1 });
    expect(await summary('dinsos.pimpinan')).toMatchObject({ pksToSign: 1 });
    expect((await summary('pusat.dirjen')).pksToSign).toBeNull();

    // The office signs: its signatory's step is done, the institution's still waits.
    await act('kebumen.kadis', 'sign');
    expect(pksWork(await inbox('kebumen.kadis'))).toEqual([]);
    expect(await summary('kebumen.kadis')).toMatchObject({ pksToSign: 0 });
    expect(pksWork(await inbox('dinsos.pimpinan'))).toEqual(['pks_sign']);
    expect((await act('dinsos.pimpinan', 'sign')).status).toBe('signed');
    expect(pksWork(await inbox('dinsos.pimpinan'))).toEqual([]);

    // Signed by both: the office puts it in force and approves its juknis.
    expect(pksWork(await inbox('kebumen.kabid')).sort()).toEqual(['juknis_approve', 'pks_activate']);
    await act('kebumen.kabid', 'activate');
    expect(pksWork(await inbox('kebumen.kabid'))).toEqual(['juknis_approve']);
    await act('kebumen.kabid', 'approve-juknis');
    expect(pksWork(await inbox('kebumen.kabid'))).toEqual([]);
  });

  it('asks the office to verify a registered institution, and only that office', async () => {
    const kebumen = t.users.find((u) => u.username === 'kebumen.kasi')?.organisation;
    const before = await summary('kebumen.kasi');
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/institutions/register',
      payload: {
        name: 'PT Asuransi Sehat Kebumen',
        type: 'badan_hukum',
        profitOriented: true,
        officeId: kebumen?.id,
        address: 'Jl. Kutoarjo No. 5, Kebumen',
        contact: { name: 'Dewi Lestari', position: 'Direktur', email: 'dewi@asuransi.example', phone: '0287-1' },
        admin: { username: 'asuransi.admin', displayName: 'Admin Asuransi', password: 'Kebumen-Sehat-2026-aman' },
      },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const id = reg.json().id as string;
    const mine = (await inbox('kebumen.kasi')).filter((i) => i.action === 'institution_verify');
    expect(mine).toEqual([
      expect.objectContaining({ institution: 'PT Asuransi Sehat Kebumen', link: `/institutions/${id}` }),
    ]);
    expect((await summary('kebumen.kasi')).institutionsToVerify).toBe((before.institutionsToVerify ?? 0) + 1);
    // Another office, an institution, and a role without the capability never see it.
    for (const other of ['sibolga.kasi', 'dinsos.pimpinan', 'kebumen.staf'])
      expect((await inbox(other)).filter((i) => i.link === `/institutions/${id}`)).toEqual([]);
    expect((await summary('dinsos.pimpinan')).institutionsToVerify).toBeNull();

    const verify = await t.app.inject({
      method: 'POST',
      url: `/api/institutions/${id}/verify`,
      headers: await headers('kebumen.kasi'),
      payload: { approve: true },
    });
    expect(verify.statusCode, verify.body).toBe(200);
    expect((await inbox('kebumen.kasi')).filter((i) => i.action === 'institution_verify')).toEqual([]);
  });

  it("never shows one institution another's work, and its counts are its items", async () => {
    const dinsos = 'Dinas Sosial Kabupaten Kebumen';
    const bank = 'PT Bank Nusantara Sejahtera Tbk';
    for (const [user, own] of [
      ['dinsos.pimpinan', dinsos],
      ['dinsos.admin', dinsos],
      ['bank.pimpinan', bank],
      ['bank.admin', bank],
    ] as const) {
      const items = await inbox(user);
      for (const i of items) expect(i.institution, `${user}: ${i.id}`).toBe(own);
    }
    for (const user of ['kebumen.kabid', 'kebumen.kadis', 'pusat.dirjen', 'bank.pimpinan', 'dinsos.pimpinan']) {
      const items = await inbox(user);
      const s = await summary(user);
      expect(s.total, user).toBe(items.length);
      expect(s.overdue, user).toBe(items.filter((i) => i.sla === 'overdue').length);
      expect(s.dueSoon, user).toBe(items.filter((i) => i.sla === 'due_soon').length);
      if (s.pksToSign !== null) expect(s.pksToSign).toBe(items.filter((i) => i.action === 'pks_sign').length);
      if (s.reportsToSubmit !== null)
        expect(s.reportsToSubmit).toBe(
          items.filter((i) => i.action === 'report_submit' || i.action === 'report_fix').length,
        );
      // Every item says where it is done.
      for (const i of items) expect(i.link).toMatch(/^\/[a-z-]+(\/|$)/);
    }
  });
});
