/**
 * Issue 13 demo data: an open anomaly under review. A second web-service credential of the demo bank
 * (`bns-analitik`, never the production credential of demo.json that the browser tests and the bench use) plays a
 * short enumeration burst through the real gateway pipeline — 30 NIKs of one region and birth date, walked five a
 * second, ending just before the seed's instant — and the detector reads the sealed log: the credential is
 * suspended, its finding open with its review. A third credential (`bns-simulasi`) is left for
 * `gerbang traffic simulate` (demo.json `traffic`), so a demo run never suspends the production one.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { AccessRuntime } from '../modules/access/runtime.js';
import { BANK_ELEMENTS, demoBankId } from '../modules/access/fixtures.js';
import { createGrant } from '../modules/access/provisioning/provisioning.service.js';
import { sampleNiks } from '../modules/access/population/population.repository.js';
import { credentialPrincipal, serve } from '../modules/access/gateway/gateway.service.js';
import { AnomalyDetector } from '../modules/anomalies/detector.js';
import { scenarioCalls } from '../../domain/traffic/scenarios.js';

/** Seeds the feature's demo data; what it returns is merged into DATA_DIR/demo.json. */
export async function seedDemoAnomaly(db: Kysely<DB>, config: Config, now: Date): Promise<Record<string, unknown>> {
  const bankId = await demoBankId(db);
  if (!bankId) return {};
  const pks = await db
    .selectFrom('agreements')
    .select('id')
    .where('institution_id', '=', bankId)
    .where('status', 'in', ['active', 'expiring'])
    .orderBy('created_at')
    .executeTakeFirst();
  if (!pks) return {};
  const [base] = await sampleNiks(db, 'production', 1);
  if (!base) return {};
  const burst = scenarioCalls('enumeration', {
    minutes: 0.1,
    start: 0,
    offsetMinutes: 420,
    inArea: [base],
    outside: [],
  });
  const first = now.getTime() - 2000 - (burst[burst.length - 1]?.at ?? 0);
  let clock = first;
  const rt = new AccessRuntime({ db, config, now: () => new Date(clock) });
  await rt.init();
  const d = { rt, now: () => new Date(clock) };
  const ctx = { clientIp: null };
  const loopback = ['127.0.0.1/32', '::1/128'];
  try {
    const analitik = await createGrant(d, 'system', ctx, pks.id, {
      kind: 'web_service',
      environment: 'production',
      label: 'Web service analitik',
      elements: BANK_ELEMENTS,
      ipAllow: loopback,
      dailyQuota: 5000,
      userId: 'bns-analitik',
    });
    const simulasi = await createGrant(d, 'system', ctx, pks.id, {
      kind: 'web_service',
      environment: 'production',
      label: 'Web service simulasi lalu lintas',
      elements: BANK_ELEMENTS,
      ipAllow: loopback,
      dailyQuota: 100_000,
      userId: 'bns-simulasi',
    });
    const { userId, customerId } = analitik.grant;
    const traffic = { userId: simulasi.grant.userId, secret: simulasi.secret, customerId: simulasi.grant.customerId };
    // The burst is demo traffic, like the usage history: a demo started without it (GERBANG_DEMO_USAGE=0, as
    // the crash tests do, which count every data call on the log as their own) has the credentials only.
    if (!config.demoUsageHistory) return { traffic };
    for (const c of burst) {
      clock = first + c.at;
      await serve(
        rt,
        credentialPrincipal(rt, userId ?? '', analitik.secret ?? '', customerId ?? '', clock, '127.0.0.1'),
        {
          action: 'CALL_NIK',
          method: 'web_service',
          operation: 'lookup',
          clientIp: '127.0.0.1',
          nik: c.nik,
          ipUser: '10.0.0.9',
          now: clock,
          extra: { customerId: customerId ?? '' },
        },
      );
    }
    clock = now.getTime();
    const detector = new AnomalyDetector(db, () => now, { afterRaise: () => rt.audit.collectPending() });
    await detector.catchUp();
    const finding = detector.raised.find((f) => f.subject.id === analitik.grant.id);
    return {
      ...(finding ? { anomaly: { findingId: finding.id, rule: finding.rule, userId } } : {}),
      traffic,
    };
  } finally {
    await rt.close();
  }
}
