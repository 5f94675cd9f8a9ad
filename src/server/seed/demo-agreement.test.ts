import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase } from '../../../test/harness.js';
import { ensureReferenceData } from './reference.js';
import { seedDemo } from './demo.js';
import { DAYS_AGO, seedDemoAgreement } from './demo-agreement.js';
import { demoBankId, dayOffset } from '../modules/access/fixtures.js';
import { findFile, readBlob } from '../modules/files/files.service.js';
import { calendarFor } from '../modules/calendar/calendar.service.js';
import { localDate } from '../../domain/calendar/calendar.js';

describe.each(DIALECTS)('the demo bank’s PKS on %s', (kind) => {
  let fresh: Awaited<ReturnType<typeof freshDatabase>>;
  let id: string;
  const now = new Date();
  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    await ensureReferenceData(fresh.database.db, now);
    await seedDemo(fresh.database.db, now);
    id = await seedDemoAgreement(fresh.database.db, fresh.config, now, (await demoBankId(fresh.database.db)) ?? '');
  });
  afterAll(async () => fresh.drop());

  it('is active, numbered from Kebumen’s register, in force for 24 months from about seven months ago, juknis approved', async () => {
    const a = await fresh.database.db
      .selectFrom('agreements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(a.status).toBe('active');
    // One number format: the PKS document's, from Kebumen's letter format ({seq}/{kind}/{code}/{year}).
    expect(a.number).toMatch(/^001\/PKS\/33\.05\/\d{4}$/);
    // The bank's own number, and the day the signing completed (the signed copy's "Pada hari ini …").
    expect(a.institution_number).toMatch(/^017\/DIR-BNS\/PKS\/\d{4}$/);
    const signedAt = new Date(now.getTime() - DAYS_AGO * 86_400_000);
    expect(a.signed_on).toBe(localDate(await calendarFor(fresh.database.db, a.office_id), signedAt));
    expect(a.signed_copy_id).not.toBeNull();
    expect(a.start_date).toBe(dayOffset(now, -DAYS_AGO));
    const end = new Date(`${a.start_date}T00:00:00Z`);
    end.setUTCMonth(end.getUTCMonth() + 24);
    expect(a.end_date).toBe(dayOffset(end, -1));
    expect(a.juknis_approved_at).not.toBeNull();
    const app = await fresh.database.db
      .selectFrom('applications')
      .selectAll()
      .where('agreement_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(app.status).toBe('approved');
    expect(Object.keys(JSON.parse(app.content) as object)).toEqual(
      expect.arrayContaining(['purpose', 'elements', 'methods', 'dataBalikan', 'durationMonths', 'ipRanges']),
    );
  });

  it('has its PDF signed by Kebumen’s kadis and the bank’s pimpinan over the file’s own SHA-256, and a juknis', async () => {
    const db = fresh.database.db;
    const docs = await db.selectFrom('documents').select(['id', 'kind']).where('agreement_id', '=', id).execute();
    expect(docs.map((d) => d.kind).sort()).toEqual(['juknis', 'pks']);
    const pks = docs.find((d) => d.kind === 'pks');
    const version = await db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', pks?.id ?? '')
      .orderBy('version')
      .executeTakeFirstOrThrow();
    const pdf = readBlob(fresh, await findFile(db, version.file_id));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(crypto.createHash('sha256').update(pdf).digest('hex')).toBe(version.sha256);
    const signatures = await db
      .selectFrom('signatures')
      .select(['party', 'signer_role', 'over_sha256'])
      .where('document_version_id', '=', version.id)
      .orderBy('party')
      .execute();
    expect(signatures).toEqual([
      { party: 'institution', signer_role: 'pimpinan', over_sha256: version.sha256 },
      { party: 'office', signer_role: 'kadis', over_sha256: version.sha256 },
    ]);
  });
});
