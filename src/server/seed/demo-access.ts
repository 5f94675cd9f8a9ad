import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Config } from '../config.js';
import { AccessRuntime } from '../modules/access/runtime.js';
import { BANK_ELEMENTS, demoBankId } from '../modules/access/fixtures.js';
import { seedDemoAgreement } from './demo-agreement.js';
import { generateInto } from '../modules/access/population/population.service.js';
import { sampleNiks } from '../modules/access/population/population.repository.js';
import { createGrant, recordTrial } from '../modules/access/provisioning/provisioning.service.js';

/** Residents seeded in demo mode (production) and in the trial sandbox. */
export const DEMO_RESIDENTS = 100_000;
export const DEMO_SANDBOX_RESIDENTS = 3_000;

/** Demo data for data access (population, an active PKS, a production credential); returns what demo.json lists. */
export async function seedDemoAccess(db: Kysely<DB>, config: Config, now: Date): Promise<Record<string, unknown>> {
  await generateInto(db, config, { count: DEMO_RESIDENTS, seed: 'gerbang-demo' });
  await generateInto(db, config, { count: DEMO_SANDBOX_RESIDENTS, seed: 'gerbang-sandbox', population: 'sandbox' });
  const bankId = await demoBankId(db);
  if (!bankId) return {};
  const pks = { id: await seedDemoAgreement(db, config, now, bankId) };
  const rt = new AccessRuntime({ db, config, now: () => now });
  await rt.init();
  const d = { rt, now: () => now };
  const ctx = { clientIp: null };
  const allowedIps = ['127.0.0.1/32', '::1/128'];
  try {
    const trial = await createGrant(d, 'system', ctx, pks.id, {
      kind: 'web_service',
      environment: 'trial',
      label: 'Uji coba web service',
      elements: BANK_ELEMENTS,
      ipAllow: allowedIps,
      dailyQuota: 1000,
      userId: 'bns-trial',
    });
    await recordTrial(d, 'system', ctx, trial.grant.id, true, 'Uji coba koneksi berhasil (demo).');
    const prod = await createGrant(d, 'system', ctx, pks.id, {
      kind: 'web_service',
      environment: 'production',
      label: 'Web service produksi',
      elements: BANK_ELEMENTS,
      ipAllow: allowedIps,
      dailyQuota: 100_000,
      userId: 'bns-produksi',
    });
    const niks = await sampleNiks(db, 'production', 5);
    return {
      access: {
        agreementId: pks.id,
        customerId: prod.grant.customerId,
        userId: prod.grant.userId,
        secret: prod.secret,
        allowedIps,
        elements: prod.grant.elements,
        dailyQuota: prod.grant.dailyQuota,
        niks,
        trial: { userId: trial.grant.userId, secret: trial.secret, niks: await sampleNiks(db, 'sandbox', 3) },
        endpoint: `/dukcapil/get_json/${prod.grant.customerId}/CALL_NIK`,
      },
    };
  } finally {
    await rt.close();
  }
}
