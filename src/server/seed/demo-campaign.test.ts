/**
 * The demo's finished control campaign (issue 13): over the demo bank and a second Kebumen institution, with data
 * dukung, both checklists filled, an evidence file, one follow-up closed and one owed, the case ended at the Dirjen
 * and the report PDF produced. SQLite only (the same seed on both dialects); over the demo's offices and people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApp, login, type TestContext } from '../../../test/harness.js';
import { seedDemoCampaign } from './demo-campaign.js';

describe('demo campaign', () => {
  let t: TestContext;
  let seeded: Record<string, unknown> = {};
  beforeAll(async () => {
    t = await demoApp('sqlite');
    seeded = await seedDemoCampaign(t.database.db, t.config, t.clock.now);
  }, 60_000);
  afterAll(async () => t?.close());

  it('is finished, with its data dukung, checklists, follow-ups and report', async () => {
    const c = seeded.campaign as { id: string; title: string };
    expect(c.title).toBeTruthy();
    const s = await login(t.app, 'kebumen.kabid');
    const res = await t.app.inject({ method: 'GET', url: `/api/campaigns/${c.id}`, headers: s.headers });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as {
      status: string;
      case: { status: string; outcome: string };
      institutions: {
        name: string;
        dataDukung: object | null;
        checklistComplete: boolean;
        evidence: unknown[];
        findings: { status: string }[];
      }[];
    };
    expect(d.status).toBe('closed');
    expect(d.case).toMatchObject({ status: 'ended', outcome: 'selesai' });
    expect(d.institutions).toHaveLength(2);
    expect(d.institutions.every((i) => i.dataDukung && i.checklistComplete)).toBe(true);
    const bank = d.institutions.find((i) => i.name === 'PT Bank Nusantara Sejahtera Tbk');
    expect(bank?.evidence).toHaveLength(1);
    expect(bank?.findings.map((f) => f.status).sort()).toEqual(['closed', 'owed']);
    const pdf = await t.app.inject({ method: 'GET', url: `/api/campaigns/${c.id}/report`, headers: s.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The bank's pimpinan finds the follow-up it still owes.
    const p = await login(t.app, 'bank.pimpinan');
    const owed = (
      await t.app.inject({ method: 'GET', url: '/api/campaigns/follow-ups', headers: p.headers })
    ).json() as { status: string; canRespond: boolean }[];
    expect(owed.filter((f) => f.canRespond).map((f) => f.status)).toEqual(['owed']);
  });
});
