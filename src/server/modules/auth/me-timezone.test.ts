import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, demoApp, login, type TestContext } from '../../../../test/harness.js';

/** The web shows every date and time on the clock of the user's office, so /api/auth/me says which zone that is. */
describe.each(DIALECTS)('the session names its office time zone on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => {
    t = await demoApp(kind);
  });
  afterAll(async () => t.close());

  async function zoneOf(username: string): Promise<string> {
    const s = await login(t.app, username);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    return (me.json() as { timeZone: string }).timeZone;
  }

  it("gives an office user their office's zone, and an institution's user the zone of its office", async () => {
    expect(await zoneOf('kebumen.kabid')).toBe('Asia/Jakarta');
    const office = await t.database.db
      .selectFrom('users')
      .innerJoin('offices', 'offices.id', 'users.office_id')
      .select('offices.id')
      .where('users.username', '=', 'kebumen.kabid')
      .executeTakeFirstOrThrow();
    await t.database.db.updateTable('offices').set({ timezone: 'Asia/Makassar' }).where('id', '=', office.id).execute();
    expect(await zoneOf('kebumen.kabid')).toBe('Asia/Makassar');
    // The demo bank deals with Kebumen: its people see Kebumen's clock.
    const bank = await t.database.db
      .selectFrom('users')
      .innerJoin('institutions', 'institutions.id', 'users.institution_id')
      .select('institutions.office_id')
      .where('users.username', '=', 'bank.admin')
      .executeTakeFirstOrThrow();
    const bankZone = await t.database.db
      .selectFrom('offices')
      .select('timezone')
      .where('id', '=', bank.office_id)
      .executeTakeFirstOrThrow();
    expect(await zoneOf('bank.admin')).toBe(bankZone.timezone);
  });
});
