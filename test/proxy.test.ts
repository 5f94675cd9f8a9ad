/**
 * Issue 15: behind a reverse proxy the gateway's IP allow-list and the audit see the real client, taken from
 * X-Forwarded-For only when the socket peer is a proxy named in TRUST_PROXY (the right-most untrusted hop), on the
 * machine channels (compatible service, v1) as on the portal; a client's own X-Forwarded-For never decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, login, type Session } from './harness.js';
import { ConfigError, loadConfig, LOOPBACK_PROXIES } from '../src/server/config.js';
import { buildApp } from '../src/server/app.js';
import type { App } from '../src/server/http/types.js';
import { ensureReferenceData } from '../src/server/seed/reference.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { ensureShippedSops } from '../src/server/modules/sop/sop.service.js';
import { BANK_ELEMENTS, dayOffset, demoBankId, insertActivePks } from '../src/server/modules/access/fixtures.js';
import { generateInto } from '../src/server/modules/access/population/population.service.js';
import { sampleNiks } from '../src/server/modules/access/population/population.repository.js';
import type { Database } from '../src/server/db/connect.js';

const PROXY = '10.9.9.9';
const CLIENT = '203.0.113.7';
const OTHER = '198.51.100.1';

describe('TRUST_PROXY', () => {
  it('names proxy addresses; 1/true means loopback proxies only; 0 or unset none', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual(LOOPBACK_PROXIES);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual(['127.0.0.0/8', '::1/128']);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00:1::/32,10.0.0.0/8' }).trustProxy).toEqual([
      '10.0.0.5/32',
      '192.168.0.0/16',
      'fd00:1::/32',
      '10.0.0.0/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '0.0.0.0/0' })).toThrow(/TRUST_PROXY/);
  });

  it('refuses entries wider than /8 (IPv4) or /32 (IPv6), naming the entry: halves add up to everyone', () => {
    for (const entry of ['0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/7', '::/1', '8000::/1', 'fd00::/8', '2001:db8::/31']) {
      expect(() => loadConfig({ TRUST_PROXY: `10.0.0.5,${entry}` }), entry).toThrow(ConfigError);
      expect(() => loadConfig({ TRUST_PROXY: entry }), entry).toThrow(entry);
    }
    expect(() => loadConfig({ TRUST_PROXY: '0.0.0.0/1,128.0.0.0/1' })).toThrow(/0\.0\.0\.0\/1/);
    expect(loadConfig({ TRUST_PROXY: '::ffff:10.0.0.0/104' }).trustProxy).toEqual(['10.0.0.0/8']);
  });
});

describe.each(DIALECTS)('client address behind a proxy on %s', (kind) => {
  let app: App;
  let database: Database;
  let drop: () => Promise<void>;
  let kasi: Session;
  let cred: { customerId: string; userId: string; secret: string };
  let nik: string;

  beforeAll(async () => {
    const f = await freshDatabase(kind);
    database = f.database;
    drop = f.drop;
    const now = new Date();
    await ensureReferenceData(database.db, now);
    await seedDemo(database.db, now);
    await ensureShippedSops(database.db, now);
    const config = { ...f.config, trustProxy: [`${PROXY}/32`] };
    app = await buildApp({ config, database, logger: false, now: () => now });
    await app.ready();
    await generateInto(database.db, config, { count: 300, seed: 'proxy-test', population: 'sandbox' });
    nik = (await sampleNiks(database.db, 'sandbox', 1))[0] ?? '';
    const pks = await insertActivePks(database.db, {
      institutionId: (await demoBankId(database.db)) ?? '',
      startDate: dayOffset(now, -30),
      endDate: dayOffset(now, 365),
      now,
    });
    kasi = await login(app, 'kebumen.kasi');
    // The institution's server is CLIENT; the proxy itself is not in the allow-list.
    const res = await app.inject({
      method: 'POST',
      url: `/api/access/agreements/${pks.id}/grants`,
      headers: kasi.headers,
      payload: { kind: 'web_service', environment: 'trial', elements: BANK_ELEMENTS, ipAllow: [`${CLIENT}/32`] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const b = res.json() as { grant: { customerId: string; userId: string }; secret: string };
    cred = { customerId: b.grant.customerId, userId: b.grant.userId, secret: b.secret };
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await drop?.();
  });

  const callNik = (remoteAddress: string, forwardedFor?: string) =>
    app.inject({
      method: 'POST',
      url: `/dukcapil/get_json/${cred.customerId}/CALL_NIK`,
      payload: { NIK: nik, user_id: cred.userId, password: cred.secret, ip_user: '10.0.0.9' },
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
  const v1 = (remoteAddress: string, forwardedFor?: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/residents/${nik}`,
      remoteAddress,
      headers: {
        authorization: `Basic ${Buffer.from(`${cred.userId}:${cred.secret}`).toString('base64')}`,
        ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}),
      },
    });
  const code = (res: { json: () => unknown }) =>
    (res.json() as { content: Record<string, string>[] }).content[0]?.RESPONSE_CODE ?? '01';
  const auditedIp = async (res: { headers: Record<string, unknown> }) => {
    const id = String(res.headers['x-audit-id']);
    const row = await database.db
      .selectFrom('audit_entries')
      .select('client_ip')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.client_ip;
  };

  it('ignores X-Forwarded-For from a peer that is not a configured proxy', async () => {
    const spoofed = await callNik(OTHER, CLIENT);
    expect(code(spoofed)).toBe('04');
    expect(await auditedIp(spoofed)).toBe(OTHER);
    const v = await v1(OTHER, CLIENT);
    expect(v.statusCode).toBe(403);
    expect(await auditedIp(v)).toBe(OTHER);
  });

  it('checks the allow-list against, and audits, the client the configured proxy reports', async () => {
    const viaProxy = await callNik(PROXY, CLIENT);
    expect(code(viaProxy)).toBe('01');
    expect(await auditedIp(viaProxy)).toBe(CLIENT);
    const v = await v1(PROXY, CLIENT);
    expect(v.statusCode, v.body).toBe(200);
    expect(await auditedIp(v)).toBe(CLIENT);
    // Another client through the same proxy is refused, and audited as itself (not as the proxy).
    const other = await callNik(PROXY, OTHER);
    expect(code(other)).toBe('04');
    expect(await auditedIp(other)).toBe(OTHER);
    // The proxy without a forwarded-for header is the client itself: not allowed.
    expect(code(await callNik(PROXY))).toBe('04');
  });

  it('takes the right-most hop that is not a proxy: a client cannot prepend an allowed address', async () => {
    // OTHER wrote "CLIENT" itself; the proxy appended the address it saw.
    const forged = await callNik(PROXY, `${CLIENT}, ${OTHER}`);
    expect(code(forged)).toBe('04');
    expect(await auditedIp(forged)).toBe(OTHER);
    // Garbage from the proxy is no address (09), never the proxy's own.
    const garbage = await callNik(PROXY, 'not-an-ip');
    expect(code(garbage)).toBe('09');
    expect(await auditedIp(garbage)).not.toBe(PROXY);
  });
});
